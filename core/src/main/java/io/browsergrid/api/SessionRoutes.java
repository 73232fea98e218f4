package io.browsergrid.api;

import io.browsergrid.http.Call;
import io.browsergrid.http.HttpRequest;
import io.browsergrid.http.HttpResponse;
import io.browsergrid.http.Json;
import io.browsergrid.http.Route;

import io.browsergrid.http.ProblemException;
import io.browsergrid.problem.Refusal;
import io.browsergrid.session.NewSession;
import io.browsergrid.session.Session;
import io.browsergrid.session.SessionService;
import io.browsergrid.session.SessionStatus;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@code /v1/sessions}: create, list, read, release, timeline and CDP discovery. */
final class SessionRoutes {
  private final SessionService sessions;
  private final SessionJson views;
  private final Json json;
  private final SessionRequests requests = new SessionRequests();

  SessionRoutes(SessionService sessions, SessionJson views, Json json) {
    this.sessions = sessions;
    this.views = views;
    this.json = json;
  }

  List<Route> routes() {
    return List.of(
        new Route("POST", "/v1/sessions", true, this::create),
        new Route("GET", "/v1/sessions", true, this::list),
        new Route("GET", "/v1/sessions/{id}", true, this::get),
        new Route("DELETE", "/v1/sessions/{id}", true, this::release),
        new Route("GET", "/v1/sessions/{id}/events", true, this::events),
        new Route("GET", "/v1/sessions/{id}/json/version", true, this::version),
        new Route("GET", "/v1/sessions/{id}/json/version/", true, this::version));
  }

  private HttpResponse create(Call call) {
    NewSession request = requests.create(call.request().body());
    Session session = sessions.create(call.caller(), request);
    return json.created(views.view(session), "/v1/sessions/" + session.id());
  }

  private HttpResponse list(Call call) {
    HttpRequest r = call.request();
    SessionStatus status = null;
    String statusParam = r.queryParam("status");
    if (statusParam != null) {
      try {
        status = SessionStatus.parse(statusParam);
      } catch (IllegalArgumentException e) {
        throw ProblemException.invalid("status", "must be one of pending, starting, running, stopping, stopped, failed");
      }
    }
    int limit = 50;
    String limitParam = r.queryParam("limit");
    if (limitParam != null) {
      try {
        limit = Integer.parseInt(limitParam);
      } catch (NumberFormatException e) {
        limit = -1;
      }
      if (limit < 1 || limit > 100) {
        throw ProblemException.invalid("limit", "must be an integer between 1 and 100");
      }
    }
    String cursor = r.queryParam("cursor");
    if (cursor != null) {
      try {
        Ids.session(cursor);
      } catch (ProblemException e) {
        throw ProblemException.invalid("cursor", "is not a cursor this API gave out");
      }
    }
    SessionService.SessionList page = sessions.list(call.caller(), status, limit, cursor);
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("items", page.items().stream().map(views::view).toList());
    body.put("nextCursor", page.nextCursor());
    return json.ok(body);
  }

  private HttpResponse get(Call call) {
    return json.ok(views.view(sessions.get(call.caller(), Ids.session(call.param("id")))));
  }

  private HttpResponse release(Call call) {
    return json.ok(views.view(sessions.release(call.caller(), Ids.session(call.param("id")))));
  }

  private HttpResponse events(Call call) {
    Session session = sessions.get(call.caller(), Ids.session(call.param("id")));
    return json.ok(Map.of("items", views.events(session)));
  }

  private HttpResponse version(Call call) {
    Session session = sessions.get(call.caller(), Ids.session(call.param("id")));
    String cdpUrl = views.cdpUrl(session);
    if (cdpUrl == null) {
      throw Refusal.conflict("session " + session.id() + " is " + session.status().json() + ", not running");
    }
    return json.ok(discovery(session, cdpUrl));
  }

  /** The body of a CDP {@code /json/version} answer. */
  static Map<String, Object> discovery(Session session, String cdpUrl) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("Browser", session.browserVersion() == null ? "Chrome" : session.browserVersion());
    body.put("Protocol-Version", "1.3");
    body.put("webSocketDebuggerUrl", cdpUrl);
    return body;
  }
}
