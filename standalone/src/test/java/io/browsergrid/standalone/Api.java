package io.browsergrid.standalone;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/** A small client of the server's HTTP API for tests: JSON in, status + JSON out. */
final class Api {
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private final String base;
  private final String key;

  Api(String base, String key) {
    this.base = base;
    this.key = key;
  }

  Api as(String otherKey) {
    return new Api(base, otherKey);
  }

  String base() {
    return base;
  }

  String key() {
    return key;
  }

  Reply get(String path) {
    return send("GET", path, null);
  }

  Reply post(String path, String json) {
    return send("POST", path, json);
  }

  Reply delete(String path) {
    return send("DELETE", path, null);
  }

  Reply send(String method, String path, String body) {
    return sendBytes(method, path, body == null ? null : body.getBytes(StandardCharsets.UTF_8), "application/json");
  }

  Reply sendBytes(String method, String path, byte[] body, String contentType) {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(60))
        .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
    if (key != null) {
      b.header("Authorization", "Bearer " + key);
    }
    if (body != null) {
      b.header("Content-Type", contentType);
    }
    try {
      HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
      return new Reply(r.statusCode(), r.headers(), r.body());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** A tenant with its own admin key. */
  Api newTenant(String name, int maxConcurrentSessions) {
    Reply r = post("/v1/tenants", "{\"name\":\"" + name + "\",\"maxConcurrentSessions\":" + maxConcurrentSessions + "}");
    if (r.status() != 201) {
      throw new IllegalStateException("tenant create failed: " + r);
    }
    return as(r.json().get("adminKey").asText());
  }

  /** An answer. */
  record Reply(int status, java.net.http.HttpHeaders headers, String body) {
    JsonNode json() {
      try {
        return MAPPER.readTree(body);
      } catch (IOException e) {
        throw new UncheckedIOException("not JSON: " + body, e);
      }
    }

    String header(String name) {
      return headers.firstValue(name).orElse(null);
    }
  }
}
