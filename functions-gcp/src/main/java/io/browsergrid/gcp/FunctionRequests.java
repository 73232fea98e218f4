package io.browsergrid.gcp;

import com.google.cloud.functions.HttpRequest;
import com.google.cloud.functions.HttpResponse;
import io.browsergrid.api.ApiHandler;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Turns a Functions Framework request into the core's request and writes the core's answer back: the method, the
 * path, every query parameter (repeated ones included), headers by lower-case name (repeated ones joined with
 * {@code ", "}, as HTTP allows) and the body, of which at most one byte more than the API accepts is read, so that an
 * oversized body is refused by the API (413) without being held whole.
 */
public final class FunctionRequests {

  /**
   * The core request for {@code request}.
   *
   * @throws IOException when the body cannot be read
   */
  public io.browsergrid.http.HttpRequest toCore(HttpRequest request) throws IOException {
    Map<String, String> headers = new LinkedHashMap<>();
    request.getHeaders().forEach((name, values) -> {
      if (!values.isEmpty()) {
        headers.put(name.toLowerCase(Locale.ROOT), String.join(", ", values));
      }
    });
    Map<String, List<String>> query = new LinkedHashMap<>(request.getQueryParameters());
    String path = request.getPath() == null || request.getPath().isEmpty() ? "/" : request.getPath();
    return new io.browsergrid.http.HttpRequest(request.getMethod().toUpperCase(Locale.ROOT), path, query, headers,
        body(request));
  }

  /** Writes {@code answer} to {@code response}. */
  public void write(io.browsergrid.http.HttpResponse answer, HttpResponse response) throws IOException {
    response.setStatusCode(answer.status());
    answer.headers().forEach((name, value) -> {
      if (name.equalsIgnoreCase("Content-Type")) {
        response.setContentType(value);
      } else {
        response.appendHeader(name, value);
      }
    });
    if (answer.body().length > 0) {
      try (OutputStream out = response.getOutputStream()) {
        out.write(answer.body());
      }
    }
  }

  private static byte[] body(HttpRequest request) throws IOException {
    try (InputStream in = request.getInputStream()) {
      return in.readNBytes(ApiHandler.MAX_BODY_BYTES + 1);
    }
  }
}
