package io.browsergrid.api;

import io.browsergrid.auth.CdpTokens;
import io.browsergrid.session.Session;
import io.browsergrid.session.SessionSnapshot;
import io.browsergrid.session.SessionStatus;
import io.browsergrid.session.Transition;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The API's view of a session: the stored record without internals, plus {@code cdpUrl} while it runs. */
final class SessionJson {
  private final PublicUrls urls;
  private final CdpTokens tokens;
  private final boolean agentServesCdp;

  /** @param agentServesCdp the browser's own agent serves CDP at its endpoint (cloud), not this deployment's proxy */
  SessionJson(PublicUrls urls, CdpTokens tokens, boolean agentServesCdp) {
    this.urls = urls;
    this.tokens = tokens;
    this.agentServesCdp = agentServesCdp;
  }

  Map<String, Object> view(Session s) {
    Map<String, Object> v = new LinkedHashMap<>();
    SessionSnapshot.of(s).forEach((key, value) -> {
      v.put(key, value);
      if (key.equals("endReason")) {
        v.put("cdpUrl", cdpUrl(s));
      }
    });
    return v;
  }

  /** The session's CDP URL while it runs, else null. */
  String cdpUrl(Session s) {
    if (s.status() != SessionStatus.RUNNING) {
      return null;
    }
    if (agentServesCdp && s.cdpEndpoint() != null) {
      // the agent checks the token of the id it was started with: a warm browser's agent knows no session
      return s.cdpEndpoint() + (s.cdpEndpoint().contains("?") ? "&" : "?") + "token="
          + tokens.token(s.agentId());
    }
    return urls.ws() + "/v1/sessions/" + s.id() + "/cdp?token=" + tokens.token(s.id());
  }

  /** The timeline: one event per state entered. */
  List<Map<String, Object>> events(Session s) {
    return s.transitions().stream().map(t -> event(s, t)).toList();
  }

  private static Map<String, Object> event(Session s, Transition t) {
    Map<String, Object> data = new LinkedHashMap<>();
    data.put("status", t.status());
    if (t.detail() != null) {
      data.put("detail", t.detail());
    }
    if (!t.status().live()) {
      data.put("endReason", s.endReason());
    }
    Map<String, Object> e = new LinkedHashMap<>();
    e.put("type", t.status() == SessionStatus.PENDING ? "session.created" : "session." + t.status().json());
    e.put("at", t.at());
    e.put("data", data);
    return e;
  }
}
