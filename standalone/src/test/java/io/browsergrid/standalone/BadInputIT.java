package io.browsergrid.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every endpoint answers bad input with a 4xx problem+json naming the field, never a 500. */
class BadInputIT {
  @RegisterExtension
  static final ServerFixture server = ServerFixture.perClass();

  static Stream<Arguments> cases() {
    String s = "/v1/sessions";
    List<Arguments> c = new ArrayList<>();
    c.add(Arguments.of("POST", s, "{", 400, "body"));
    c.add(Arguments.of("POST", s, "[]", 400, "body"));
    c.add(Arguments.of("POST", s, "{} {}", 400, "body"));
    c.add(Arguments.of("POST", s, "{\"wait\":true,\"wait\":false}", 400, "body"));
    c.add(Arguments.of("POST", s, "{\"timeoutSeconds\":\"10\"}", 400, "timeoutSeconds"));
    c.add(Arguments.of("POST", s, "{\"timeoutSeconds\":5}", 400, "timeoutSeconds"));
    c.add(Arguments.of("POST", s, "{\"timeoutSeconds\":21601}", 400, "timeoutSeconds"));
    c.add(Arguments.of("POST", s, "{\"timeoutSeconds\":1.5}", 400, "timeoutSeconds"));
    c.add(Arguments.of("POST", s, "{\"timeoutSeconds\":99999999999999999999}", 400, "timeoutSeconds"));
    c.add(Arguments.of("POST", s, "{\"idleTimeoutSeconds\":5}", 400, "idleTimeoutSeconds"));
    c.add(Arguments.of("POST", s, "{\"timeoutSeconds\":60,\"idleTimeoutSeconds\":61}", 400, "idleTimeoutSeconds"));
    c.add(Arguments.of("POST", s, "{\"nope\":1}", 400, "nope"));
    c.add(Arguments.of("POST", s, "{\"pool\":\"Bad Name\"}", 400, "pool"));
    c.add(Arguments.of("POST", s, "{\"wait\":\"true\"}", 400, "wait"));
    c.add(Arguments.of("POST", s, "{\"browser\":[]}", 400, "browser"));
    c.add(Arguments.of("POST", s, "{\"browser\":{\"nope\":true}}", 400, "browser.nope"));
    c.add(Arguments.of("POST", s, "{\"browser\":{\"headless\":\"yes\"}}", 400, "browser.headless"));
    c.add(Arguments.of("POST", s, "{\"browser\":{\"viewport\":{\"width\":50,\"height\":100}}}", 400, "browser.viewport.width"));
    c.add(Arguments.of("POST", s, "{\"browser\":{\"viewport\":{\"width\":500}}}", 400, "browser.viewport.height"));
    c.add(Arguments.of("POST", s, "{\"browser\":{\"userAgent\":7}}", 400, "browser.userAgent"));
    for (String forbidden : List.of("--remote-debugging-port=9222", "--remote-debugging-address=0.0.0.0",
        "--user-data-dir=/tmp/x", "--no-sandbox", "--load-extension=/tmp/ext", "--disable-web-security",
        "--single-process", "not-a-switch", "--lang=de\\nX")) {
      c.add(Arguments.of("POST", s, "{\"browser\":{\"args\":[\"--lang=de-DE\",\"" + forbidden + "\"]}}", 400,
          "browser.args[1]"));
    }
    c.add(Arguments.of("POST", s, "{\"browser\":{\"args\":[1]}}", 400, "browser.args[0]"));
    c.add(Arguments.of("POST", s, "{\"browser\":{\"args\":" + manyArgs(33) + "}}", 400, "browser.args"));
    c.add(Arguments.of("POST", s, "{\"metadata\":" + manyPairs(17) + "}", 400, "metadata"));
    c.add(Arguments.of("POST", s, "{\"metadata\":{\"k\":1}}", 400, "metadata.k"));
    c.add(Arguments.of("POST", s, "{\"metadata\":{\"" + "k".repeat(65) + "\":\"v\"}}", 400, "metadata." + "k".repeat(65)));
    c.add(Arguments.of("POST", s, "{\"metadata\":{\"k\":\"" + "v".repeat(513) + "\"}}", 400, "metadata.k"));
    c.add(Arguments.of("POST", s, "{\"metadata\":\"x\"}", 400, "metadata"));
    c.add(Arguments.of("GET", s + "?limit=0", null, 400, "limit"));
    c.add(Arguments.of("GET", s + "?limit=abc", null, 400, "limit"));
    c.add(Arguments.of("GET", s + "?limit=101", null, 400, "limit"));
    c.add(Arguments.of("GET", s + "?status=sleeping", null, 400, "status"));
    c.add(Arguments.of("GET", s + "?cursor=zzz", null, 400, "cursor"));
    for (String m : List.of("GET", "DELETE")) {
      c.add(Arguments.of(m, s + "/not-an-id", null, 400, "id"));
    }
    c.add(Arguments.of("GET", s + "/not-an-id/events", null, 400, "id"));
    c.add(Arguments.of("GET", s + "/not-an-id/json/version", null, 400, "id"));
    c.add(Arguments.of("POST", "/v1/tenants", "{}", 400, "name"));
    c.add(Arguments.of("POST", "/v1/tenants", "{\"name\":\"UPPER\"}", 400, "name"));
    c.add(Arguments.of("POST", "/v1/tenants", "{\"name\":\"ok\",\"maxConcurrentSessions\":0}", 400, "maxConcurrentSessions"));
    c.add(Arguments.of("POST", "/v1/tenants", "{\"name\":\"ok\",\"extra\":1}", 400, "extra"));
    c.add(Arguments.of("GET", "/v1/tenants/bad!", null, 400, "id"));
    c.add(Arguments.of("PATCH", "/v1/tenants/bad!", "{}", 400, "id"));
    c.add(Arguments.of("PATCH", "/v1/tenants/default", "{\"maxConcurrentSessions\":\"a\"}", 400, "maxConcurrentSessions"));
    c.add(Arguments.of("DELETE", "/v1/tenants/bad!", null, 400, "id"));
    c.add(Arguments.of("POST", "/v1/api-keys", "{\"role\":\"operator\"}", 400, "role"));
    c.add(Arguments.of("POST", "/v1/api-keys", "{\"role\":5}", 400, "role"));
    c.add(Arguments.of("POST", "/v1/api-keys", "{\"name\":\"\"}", 400, "name"));
    c.add(Arguments.of("DELETE", "/v1/api-keys/bad", null, 400, "id"));
    c.add(Arguments.of("GET", "/connect/json/version?timeoutSeconds=abc", null, 400, "timeoutSeconds"));
    c.add(Arguments.of("GET", "/connect/json/version/?headless=maybe", null, 400, "headless"));
    c.add(Arguments.of("GET", "/connect/json/version?bogus=1", null, 400, "bogus"));
    c.add(Arguments.of("GET", "/connect/json/version?pool=NOPE", null, 400, "pool"));
    String w = "/v1/webhooks";
    c.add(Arguments.of("POST", w, "{}", 400, "url"));
    c.add(Arguments.of("POST", w, "{\"url\":5}", 400, "url"));
    for (String refused : List.of("ftp://example.com/x", "not a url", "http://127.0.0.1/x", "http://10.1.2.3/x",
        "http://172.16.0.1/x", "http://192.168.1.1/x", "http://169.254.169.254/latest", "http://100.64.0.1/x",
        "http://[::1]/x", "http://[fd00::1]/x", "http://0.0.0.0/x")) {
      c.add(Arguments.of("POST", w, "{\"url\":\"" + refused + "\"}", 400, "url"));
    }
    c.add(Arguments.of("POST", w, "{\"url\":\"https://example.com\",\"events\":[\"session.nope\"]}", 400, "events[0]"));
    c.add(Arguments.of("POST", w, "{\"url\":\"https://example.com\",\"events\":[]}", 400, "events"));
    c.add(Arguments.of("POST", w, "{\"url\":\"https://example.com\",\"secret\":\"short\"}", 400, "secret"));
    c.add(Arguments.of("POST", w, "{\"url\":\"https://example.com\",\"extra\":1}", 400, "extra"));
    c.add(Arguments.of("GET", w + "/nope", null, 400, "id"));
    c.add(Arguments.of("DELETE", w + "/nope", null, 400, "id"));
    c.add(Arguments.of("GET", w + "/nope/deliveries", null, 400, "id"));
    return c.stream();
  }

  @ParameterizedTest(name = "{0} {1} {2} -> {3} {4}")
  @MethodSource("cases")
  void answersAProblemNamingTheField(String method, String path, String body, int status, String field) {
    Api.Reply reply = server.api().send(method, path, body);
    assertThat(reply.status()).as(reply.body()).isEqualTo(status);
    assertThat(reply.header("Content-Type")).isEqualTo("application/problem+json");
    JsonNode problem = reply.json();
    assertThat(problem.get("status").asInt()).isEqualTo(status);
    assertThat(problem.get("detail").asText()).isNotBlank();
    assertThat(problem.get("errors")).extracting(e -> e.get("field").asText()).contains(field);
  }

  @Test
  void anOversizedBodyIs413() {
    byte[] body = new byte[1024 * 1024 + 1];
    java.util.Arrays.fill(body, (byte) ' ');
    Api.Reply reply = server.api().sendBytes("POST", "/v1/sessions", body, "application/json");
    assertThat(reply.status()).isEqualTo(413);
    assertThat(reply.header("Content-Type")).isEqualTo("application/problem+json");
    assertThat(reply.json().get("errors").get(0).get("field").asText()).isEqualTo("body");
  }

  @Test
  void unknownRoutesMethodsAndKeysAreProblemsToo() {
    Api.Reply noRoute = server.api().get("/v1/nothing");
    assertThat(noRoute.status()).isEqualTo(404);
    assertThat(noRoute.header("Content-Type")).isEqualTo("application/problem+json");
    Api.Reply method = server.api().send("PUT", "/v1/sessions", "{}");
    assertThat(method.status()).isEqualTo(405);
    assertThat(method.header("Allow")).contains("POST").contains("GET");
    Api.Reply badKey = server.api().as("bg_not-a-key").get("/v1/sessions");
    assertThat(badKey.status()).isEqualTo(401);
    assertThat(badKey.header("Content-Type")).isEqualTo("application/problem+json");
    Api.Reply unknownPool = server.api().post("/v1/sessions", "{\"pool\":\"gpu\"}");
    assertThat(unknownPool.status()).isEqualTo(404);
    Api.Reply echoed = server.api().get("/health");
    assertThat(echoed.header("X-Request-Id")).isNotBlank();
    assertThat(server.api().get("/v1/sessions").status()).isEqualTo(200);
  }

  @Test
  void anOversizedRequestLineIs414OversizedHeadersAre431AndABadEscapeIs400() throws Exception {
    assertThat(raw("GET /v1/sessions?q=" + "a".repeat(9000) + " HTTP/1.1\r\nHost: x\r\n\r\n"))
        .startsWith("HTTP/1.1 414").contains("application/problem+json");
    assertThat(raw("GET /health HTTP/1.1\r\nHost: x\r\nX-Big: " + "b".repeat(20_000) + "\r\n\r\n"))
        .startsWith("HTTP/1.1 431").contains("application/problem+json");
    assertThat(raw("GET /v1/sessions?status=%zz HTTP/1.1\r\nHost: x\r\n\r\n"))
        .startsWith("HTTP/1.1 400").contains("application/problem+json").contains("\"query\"");
    String upgrade = "Upgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Version: 13\r\n"
        + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n\r\n";
    assertThat(raw("GET /v1/sessions/cdp HTTP/1.1\r\nHost: x\r\n" + upgrade)).as("a socket path with no session id")
        .matches("(?s)HTTP/1.1 4\\d\\d .*").contains("application/problem+json");
    assertThat(raw("GET /health HTTP/1.1\r\nHost: x\r\n\r\n")).as("the server still answers").startsWith("HTTP/1.1 200");
  }

  /** Sends {@code request} as bytes on a fresh connection and returns all the server answers before closing. */
  private static String raw(String request) throws Exception {
    try (java.net.Socket socket = new java.net.Socket("127.0.0.1", server.address().getPort())) {
      socket.setSoTimeout(30_000);
      socket.getOutputStream().write(request.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
      socket.getOutputStream().flush();
      java.io.ByteArrayOutputStream answer = new java.io.ByteArrayOutputStream();
      byte[] buffer = new byte[8192];
      java.io.InputStream in = socket.getInputStream();
      int n;
      while ((n = in.read(buffer)) > 0) {
        answer.write(buffer, 0, n);
        String text = answer.toString(java.nio.charset.StandardCharsets.ISO_8859_1);
        int head = text.indexOf("\r\n\r\n");
        java.util.regex.Matcher length = java.util.regex.Pattern.compile("(?i)content-length: *(\\d+)").matcher(text);
        if (head > 0 && length.find() && text.length() >= head + 4 + Integer.parseInt(length.group(1))) {
          break;
        }
      }
      return answer.toString(java.nio.charset.StandardCharsets.ISO_8859_1);
    }
  }

  private static String manyArgs(int n) {
    StringBuilder b = new StringBuilder("[");
    for (int i = 0; i < n; i++) {
      b.append(i == 0 ? "" : ",").append("\"--lang=de\"");
    }
    return b.append(']').toString();
  }

  private static String manyPairs(int n) {
    StringBuilder b = new StringBuilder("{");
    for (int i = 0; i < n; i++) {
      b.append(i == 0 ? "" : ",").append("\"k").append(i).append("\":\"v\"");
    }
    return b.append('}').toString();
  }
}
