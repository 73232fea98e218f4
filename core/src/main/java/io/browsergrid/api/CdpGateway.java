package io.browsergrid.api;

import io.browsergrid.http.HttpRequest;

import io.browsergrid.auth.Authenticator;
import io.browsergrid.auth.Principal;
import io.browsergrid.http.ProblemException;
import io.browsergrid.problem.Refusal;
import io.browsergrid.auth.CdpTokens;
import io.browsergrid.session.EndReason;
import io.browsergrid.session.InMemorySessionActivity;
import io.browsergrid.session.Session;
import io.browsergrid.session.SessionIds;
import io.browsergrid.session.SessionRepository;
import io.browsergrid.session.SessionService;
import io.browsergrid.session.SessionStatus;
import io.browsergrid.store.Versioned;
import java.util.concurrent.Executor;

/**
 * Decides where a CDP WebSocket goes, for a proxy in this process: a session's own URL (checked by its token, no
 * store read for a bad one) or a quick connect (which creates an ephemeral session). It also hears of every
 * connect and close, for idle timeouts and for ending quick-connect sessions when their socket closes.
 */
public final class CdpGateway {
  private static final String SESSIONS = "/v1/sessions/";
  private static final String CDP = "/cdp";

  private final SessionRepository sessions;
  private final SessionService service;
  private final CdpTokens tokens;
  private final Authenticator authenticator;
  private final InMemorySessionActivity activity;
  private final Executor executor;
  private final QuickConnectRequests quick = new QuickConnectRequests();

  public CdpGateway(SessionRepository sessions, SessionService service, CdpTokens tokens, Authenticator authenticator,
      InMemorySessionActivity activity, Executor executor) {
    this.sessions = sessions;
    this.service = service;
    this.tokens = tokens;
    this.authenticator = authenticator;
    this.activity = activity;
    this.executor = executor;
  }

  /** True when {@code path} is a WebSocket this gateway serves. */
  public static boolean serves(String path) {
    return path.equals("/connect") || path.equals("/connect/") || sessionSocket(path);
  }

  /** {@code /v1/sessions/{id}/cdp} with an id in it ({@code /v1/sessions/cdp} has none). */
  private static boolean sessionSocket(String path) {
    return path.startsWith(SESSIONS) && path.endsWith(CDP) && path.length() > SESSIONS.length() + CDP.length();
  }

  /**
   * Authorises a WebSocket upgrade on {@code /v1/sessions/{id}/cdp?token=} or {@code /connect?apiKey=}.
   *
   * @throws ProblemException 401 for a bad token or key, 404 for an unknown session, 409 when it is not running,
   *                          and whatever a create answers for quick connect (429, 400)
   */
  public CdpTarget authorize(HttpRequest request) {
    String path = request.path();
    if (path.equals("/connect") || path.equals("/connect/")) {
      return quickConnect(request);
    }
    if (!sessionSocket(path)) {
      throw ProblemException.noRoute(path);
    }
    String id = path.substring(SESSIONS.length(), path.length() - CDP.length());
    if (!SessionIds.wellFormed(id)) {
      throw ProblemException.invalid("id", "is not a session id");
    }
    if (!tokens.verify(id, request.queryParam("token"))) {
      throw ProblemException.unauthorized("the CDP token does not match this session");
    }
    Session session = sessions.tenantOf(id).flatMap(tenant -> sessions.get(tenant, id)).map(Versioned::value)
        .orElseThrow(() -> ProblemException.notFound("session", id));
    return target(session, false);
  }

  /** A CDP client connected to the target. */
  public void opened(CdpTarget target) {
    activity.connected(target.sessionId());
  }

  /** A CDP client left; a quick-connect session ends with it. */
  public void closed(CdpTarget target) {
    int left = activity.disconnected(target.sessionId());
    if (target.endsWithClient() && left == 0) {
      executor.execute(() -> service.end(target.tenantId(), target.sessionId(), EndReason.DISCONNECTED,
          "its quick-connect client left"));
    }
  }

  /** Creates a quick-connect session for a discovery request ({@code GET /connect/json/version}). */
  Session discover(Principal caller, HttpRequest request) {
    return running(service.create(caller, quick.parse(request)));
  }

  private CdpTarget quickConnect(HttpRequest request) {
    Principal caller = authenticator.authenticate(Credentials.key(request, true));
    return target(running(service.create(caller, quick.parse(request))), true);
  }

  private static Session running(Session session) {
    if (session.status() != SessionStatus.RUNNING) {
      throw ProblemException.unavailable("the browser for session " + session.id() + " did not start"
          + (session.status().live() ? " in time" : ""), 5);
    }
    return session;
  }

  private static CdpTarget target(Session session, boolean endsWithClient) {
    if (session.status() != SessionStatus.RUNNING || session.cdpEndpoint() == null) {
      throw Refusal.conflict("session " + session.id() + " is " + session.status().json() + ", not running");
    }
    return new CdpTarget(session.id(), session.tenantId(), session.cdpEndpoint(), endsWithClient);
  }
}
