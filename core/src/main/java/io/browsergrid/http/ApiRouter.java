package io.browsergrid.http;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Finds the route for a method and path: 404 when no template matches, 405 (with {@code Allow}) for another method. */
public final class ApiRouter {
  private final List<Compiled> routes = new ArrayList<>();

  public ApiRouter(List<Route> routes) {
    routes.forEach(r -> this.routes.add(new Compiled(r, segments(r.template()))));
  }

  /** Every route, for the OpenAPI check. */
  public List<Route> routes() {
    return routes.stream().map(Compiled::route).toList();
  }

  /** The matched route and its parameters. */
  public Match match(String method, String path) {
    List<String> segments = segments(path);
    Set<String> allowed = new LinkedHashSet<>();
    for (Compiled c : routes) {
      Map<String, String> params = c.match(segments);
      if (params != null) {
        if (c.route().method().equals(method)) {
          return new Match(c.route(), params);
        }
        allowed.add(c.route().method());
      }
    }
    if (allowed.isEmpty()) {
      throw ProblemException.noRoute(path);
    }
    throw ProblemException.methodNotAllowed(method, String.join(", ", allowed));
  }

  public static List<String> segments(String path) {
    List<String> parts = new ArrayList<>();
    for (String part : path.split("/", -1)) {
      parts.add(part);
    }
    if (!parts.isEmpty() && parts.get(0).isEmpty()) {
      parts.remove(0);
    }
    return parts;
  }

  public record Match(Route route, Map<String, String> params) {}

  private record Compiled(Route route, List<String> parts) {
    Map<String, String> match(List<String> segments) {
      if (parts.size() != segments.size()) {
        return null;
      }
      Map<String, String> params = new HashMap<>(4);
      for (int i = 0; i < parts.size(); i++) {
        String part = parts.get(i);
        if (part.startsWith("{")) {
          if (segments.get(i).isEmpty()) {
            return null;
          }
          params.put(part.substring(1, part.length() - 1), segments.get(i));
        } else if (!part.equals(segments.get(i))) {
          return null;
        }
      }
      return params;
    }
  }
}
