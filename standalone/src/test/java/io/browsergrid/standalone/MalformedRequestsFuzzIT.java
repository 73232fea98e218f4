package io.browsergrid.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A property of the edge, fuzzed: whatever a client sends as request line, path, query, headers or framing, it gets
 * an answer (never a dropped connection), never a 5xx, and every 4xx is a problem+json. 400 random requests built from
 * the pieces HTTP parsers get wrong, each complete as framed (a request still unfinished is closed at the request
 * timeout, which {@code EdgeAbuseIT} covers); the seed is in every failure message ({@code -Dfuzz.seed=N} replays it, {@code -Dfuzz.cases=N} runs more).
 */
class MalformedRequestsFuzzIT {
  private static final int CASES = Integer.getInteger("fuzz.cases", 400);

  @RegisterExtension
  static final ServerFixture server = ServerFixture.perClass();

  private static final String[] METHODS = {"GET", "POST", "DELETE", "PATCH", "get", "G ET", "PROPFIND", "\u0000GET",
      "GET\t", "BREW", "CONNECT", "OPTIONS", "TRACE", "HEAD"};
  private static final String[] TARGETS = {"/health", "/v1/sessions", "/v1/sessions?status=%", "/v1/sessions?%zz=1",
      "/v1/sessions/%00", "/v1/sessions/%2e%2e/%2e%2e/etc/passwd", "*", "http://169.254.169.254/latest/meta-data/",
      "", "//", "/../../etc/passwd", "/v1/sessions?limit=-1", "/v1/sessions?limit=1e99", "/v1/sessions?cursor=%ff%fe",
      "/v1/sessions?status=running&status=stopped", "/v1/pools/%", "/v1/webhooks/%c0%ae", "/v1/sessions/cdp",
      "/v1/sessions/x/cdp", "/devtools/browser/x", "/openapi.json?" + "a=1&".repeat(2000), "/\u00e9\u00e8",
      "/v1/sessions#frag", "/v1/usage?x=%u0041", "/metrics"};
  private static final String[] VERSIONS = {"HTTP/1.1", "HTTP/1.0", "HTTP/2.0", "HTTP/9.9", "HTTP/1.1x", "",
      "http/1.1", "HTTP/1", "HTTP/1.1 extra"};
  private static final String[] HEADERS = {"Content-Length: -5", "Content-Length: abc", "Content-Length: 0",
      "Content-Length: 99999999999999999999", "Transfer-Encoding: identity", "Transfer-Encoding: chunked, gzip",
      "NoColonHere", "Bad Name: x", ": empty-name", " folded continuation", "X-Nul: a\u0000b", "Host:",
      "Authorization: Bearer " + "k".repeat(300), "Authorization: Basic %%%", "Authorization: Bearer bg_\u00ff\u00fe",
      "Content-Type: application/json; charset=ebcdic", "Expect: 100-continue", "Expect: teapot",
      "Connection: upgrade", "Upgrade: websocket", "Sec-WebSocket-Version: 99", "X-Big: " + "b".repeat(20_000),
      "Cookie: " + "c=1; ".repeat(500), "Accept-Encoding: " + "gzip, ".repeat(300), "X-Request-Id: \u0001\u0002"};

  @Test
  void everyMalformedRequestGetsAnAnswerBelow500AndEveryErrorIsAProblem() throws Exception {
    long seed = Long.getLong("fuzz.seed", System.nanoTime());
    Random random = new Random(seed);
    List<String> answered = new ArrayList<>();
    for (int i = 0; i < CASES; i++) {
      byte[] request = request(random);
      String shown = new String(request, 0, Math.min(request.length, 300), StandardCharsets.ISO_8859_1);
      String what = "seed " + seed + ", case " + i + ": " + shown.replace("\r\n", "\\r\\n");
      try (Socket socket = RawHttp.connect(server.address())) {
        socket.getOutputStream().write(request);
        socket.getOutputStream().flush();
        RawHttp.Response response;
        try {
          response = RawHttp.read(socket.getInputStream(), !shown.startsWith("HEAD "));
        } catch (java.net.SocketTimeoutException silent) {
          throw new AssertionError("no answer within the socket timeout to " + what, silent);
        }
        assertThat(response).as("an answer, not a dropped connection, to " + what).isNotNull();
        assertThat(response.status()).as("the status answering " + what).isBetween(100, 499);
        if (response.status() >= 400) {
          assertThat(response.head().toLowerCase()).as("the type of the error answering " + what)
              .contains("content-type: application/problem+json");
        }
        answered.add(Integer.toString(response.status()));
      }
    }
    assertThat(answered).hasSize(CASES).contains("400");
    assertThat(RawHttp.exchange(server.address(), "GET", "/health", null).status()).isEqualTo(200);
  }

  /** One request: a valid skeleton with one to three of its parts swapped for something malformed. */
  private static byte[] request(Random random) {
    String method = "GET";
    String target = "/health";
    String version = "HTTP/1.1";
    List<String> headers = new ArrayList<>(List.of("Host: x"));
    String body = null;
    int mutations = 1 + random.nextInt(3);
    for (int m = 0; m < mutations; m++) {
      switch (random.nextInt(6)) {
        case 0 -> method = pick(random, METHODS);
        case 1 -> target = pick(random, TARGETS);
        case 2 -> target = "/v1/sessions/" + noise(random, 1 + random.nextInt(40));
        case 3 -> version = pick(random, VERSIONS);
        case 4 -> headers.add(pick(random, HEADERS));
        default -> {
          if (body != null) {
            break;
          }
          // a body the server must refuse, framed so that it is complete: never valid JSON, sometimes badly chunked
          method = "POST";
          target = random.nextBoolean() ? "/v1/sessions" : "/v1/pools/fuzz";
          headers.add("Authorization: Bearer " + ServerFixture.OPERATOR_KEY);
          if (random.nextBoolean()) {
            body = "{\"" + noise(random, random.nextInt(200));
            headers.add("Content-Length: " + body.getBytes(StandardCharsets.ISO_8859_1).length);
          } else {
            headers.add("Transfer-Encoding: chunked");
            body = pick(random, new String[] {"zz\r\n{\r\n0\r\n\r\n", "-1\r\n\r\n", "1;ext\r\n{\r\n0\r\n\r\n",
                "ffffffffffffffffff\r\nx\r\n0\r\n\r\n", "3\r\n{\"a\r\n0\r\n\r\n"});
          }
        }
      }
    }
    StringBuilder text = new StringBuilder(method).append(' ').append(target);
    if (!version.isEmpty()) {
      text.append(' ').append(version);
    }
    text.append("\r\n");
    headers.forEach(h -> text.append(h).append("\r\n"));
    text.append("\r\n").append(body == null ? "" : body);
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    for (char c : text.toString().toCharArray()) {
      bytes.write(c < 256 ? c : '?');
    }
    return bytes.toByteArray();
  }

  private static String pick(Random random, String[] from) {
    return from[random.nextInt(from.length)];
  }

  /** Characters parsers trip on: escapes good and bad, controls, spaces, bytes above ASCII, separators. */
  private static String noise(Random random, int length) {
    String alphabet = "%%%zZ09aF\u0000\u0001\u0008\u001f\u007f\u0080\u00ff \t\"'<>{}|\\^`[]?#&=;:,/@+!$()*.~_-";
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < length; i++) {
      b.append(alphabet.charAt(random.nextInt(alphabet.length())));
    }
    return b.toString();
  }
}
