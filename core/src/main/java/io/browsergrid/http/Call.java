package io.browsergrid.http;

import io.browsergrid.auth.Principal;
import java.util.Map;

/**
 * One routed request: the request, its path parameters, and the caller (null on routes that need no key).
 */
public record Call(HttpRequest request, Map<String, String> params, Principal caller) {
  public String param(String name) {
    return params.get(name);
  }
}
