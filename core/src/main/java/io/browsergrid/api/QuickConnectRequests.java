package io.browsergrid.api;

import io.browsergrid.http.HttpRequest;

import io.browsergrid.browser.BrowserOptions;
import io.browsergrid.problem.FieldError;
import io.browsergrid.http.ProblemException;
import io.browsergrid.session.NewSession;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Reads quick-connect query parameters ({@code pool}, {@code timeoutSeconds}, {@code idleTimeoutSeconds}, {@code headless}). */
final class QuickConnectRequests {
  private static final Set<String> KNOWN = Set.of("apiKey", "pool", "timeoutSeconds", "idleTimeoutSeconds", "headless");

  NewSession parse(HttpRequest request) {
    List<FieldError> errors = new ArrayList<>();
    for (String name : request.query().keySet()) {
      if (!KNOWN.contains(name)) {
        errors.add(new FieldError(name, "is not a known parameter; known: " + String.join(", ", KNOWN)));
      }
    }
    String pool = request.queryParam("pool") == null ? "default" : request.queryParam("pool");
    if (!SessionRequests.POOL_NAME.matcher(pool).matches()) {
      errors.add(new FieldError("pool", "must be a pool name of a-z, 0-9 and -"));
    }
    int timeout = integer(request, "timeoutSeconds", NewSession.MIN_TIMEOUT, NewSession.MAX_TIMEOUT,
        NewSession.DEFAULT_TIMEOUT, errors);
    int idle = integer(request, "idleTimeoutSeconds", NewSession.MIN_TIMEOUT, timeout,
        Math.min(NewSession.QUICK_CONNECT_IDLE_TIMEOUT, timeout), errors);
    String headless = request.queryParam("headless");
    if (headless != null && !headless.equals("true") && !headless.equals("false")) {
      errors.add(new FieldError("headless", "must be true or false"));
    }
    if (!errors.isEmpty()) {
      throw ProblemException.invalid(errors);
    }
    BrowserOptions browser = new BrowserOptions(!"false".equals(headless), null, List.of(), null);
    return new NewSession(pool, timeout, idle, browser, Map.of(), true, true);
  }

  private static int integer(HttpRequest request, String name, int min, int max, int fallback, List<FieldError> errors) {
    String value = request.queryParam(name);
    if (value == null) {
      return fallback;
    }
    try {
      int parsed = Integer.parseInt(value);
      if (parsed >= min && parsed <= max) {
        return parsed;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    errors.add(new FieldError(name, "must be an integer between " + min + " and " + max));
    return fallback;
  }
}
