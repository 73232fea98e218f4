package io.browsergrid.http;

/**
 * One operation of API.md: a method, a path template ({@code /v1/sessions/{id}}), whether it needs a key, and the
 * handler.
 *
 * @param method    HTTP method
 * @param template  path with {@code {name}} segments
 * @param needsKey  whether an API key is required
 * @param handler   what serves it
 */
public record Route(String method, String template, boolean needsKey, Handler handler) {

  /** Serves one call. */
  @FunctionalInterface
  public interface Handler {
    HttpResponse handle(Call call);
  }
}
