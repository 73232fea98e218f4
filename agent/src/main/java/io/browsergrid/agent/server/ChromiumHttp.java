package io.browsergrid.agent.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

/** Asks the local Chromium's DevTools HTTP endpoint for {@code /json/version}. Thread-safe. */
final class ChromiumHttp {
  private final HttpClient http;
  private final Duration timeout;
  private final ObjectMapper json = new ObjectMapper();

  /** @param http should speak HTTP/1.1: Chromium's DevTools server knows nothing of h2c upgrades */
  ChromiumHttp(HttpClient http, Duration timeout) {
    this.http = http;
    this.timeout = timeout;
  }

  /**
   * The version of the Chromium whose browser endpoint is {@code cdpEndpoint}; fails when it does not answer 200
   * with {@code Browser} and {@code Protocol-Version} within the timeout.
   */
  CompletableFuture<ChromiumVersion> version(URI cdpEndpoint) {
    URI versionUri = URI.create("http://" + cdpEndpoint.getRawAuthority() + "/json/version");
    HttpRequest request = HttpRequest.newBuilder(versionUri).timeout(timeout).GET().build();
    return http.sendAsync(request, HttpResponse.BodyHandlers.ofByteArray())
        .thenApply(response -> parse(versionUri, cdpEndpoint, response));
  }

  private ChromiumVersion parse(URI versionUri, URI cdpEndpoint, HttpResponse<byte[]> response) {
    if (response.statusCode() != 200) {
      throw new IllegalStateException(versionUri + " answered " + response.statusCode());
    }
    try {
      JsonNode body = json.readTree(response.body());
      JsonNode browser = body.path("Browser");
      JsonNode protocol = body.path("Protocol-Version");
      if (!browser.isTextual() || !protocol.isTextual()) {
        throw new IllegalStateException(versionUri + " answered without Browser and Protocol-Version");
      }
      return new ChromiumVersion(browser.asText(), protocol.asText(), cdpEndpoint);
    } catch (IOException e) {
      throw new UncheckedIOException(versionUri + " answered no JSON", e);
    }
  }
}
