package io.browsergrid.session;

import java.util.LinkedHashMap;
import java.util.Map;

/** A session as the API and webhooks show it, in API.md's field order, without internals or the CDP URL. */
public final class SessionSnapshot {
  private SessionSnapshot() {}

  /** The public fields; the API adds {@code cdpUrl} after {@code endReason}. */
  public static Map<String, Object> of(Session s) {
    Map<String, Object> v = new LinkedHashMap<>();
    v.put("id", s.id());
    v.put("status", s.status());
    v.put("pool", s.pool());
    v.put("provider", s.provider());
    v.put("createdAt", s.createdAt());
    v.put("startedAt", s.startedAt());
    v.put("endedAt", s.endedAt());
    v.put("expiresAt", s.expiresAt());
    v.put("timeoutSeconds", s.timeoutSeconds());
    v.put("idleTimeoutSeconds", s.idleTimeoutSeconds());
    v.put("endReason", s.endReason());
    v.put("metadata", s.metadata());
    return v;
  }
}
