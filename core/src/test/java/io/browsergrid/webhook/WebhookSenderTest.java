package io.browsergrid.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.SSLSocketFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class WebhookSenderTest {
  private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();
  private static final Instant NOW = Instant.parse("2025-01-01T00:00:00Z");

  private final AddressGuard guard = new AddressGuard(true, InetAddress::getAllByName);
  private final WebhookSender sender = new WebhookSender(Duration.ofSeconds(5), Duration.ofSeconds(10),
      (SSLSocketFactory) SSLSocketFactory.getDefault(), Clock.fixed(NOW, ZoneOffset.UTC));
  private final List<AutoCloseable> cleanup = new ArrayList<>();

  private record Received(String method, URI uri, Headers headers, byte[] body) {}

  @AfterEach
  void closeEverything() throws Exception {
    for (AutoCloseable closeable : cleanup) {
      closeable.close();
    }
  }

  @Test
  void postsTheSignedBodyAndReportsA200() throws Exception {
    BlockingQueue<Received> received = new ArrayBlockingQueue<>(1);
    String url = receiver(exchange -> {
      received.add(new Received(exchange.getRequestMethod(), exchange.getRequestURI(), exchange.getRequestHeaders(),
          exchange.getRequestBody().readAllBytes()));
      byte[] ignored = "{\"ok\":true}".getBytes(StandardCharsets.UTF_8);
      exchange.sendResponseHeaders(200, ignored.length);
      exchange.getResponseBody().write(ignored);
      exchange.close();
    });
    byte[] body = "{\"type\":\"session.running\",\"data\":{\"name\":\"Zoë ✓\"}}".getBytes(StandardCharsets.UTF_8);
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put("webhook-id", "evt_1");
    headers.put("webhook-timestamp", "1700000000");
    headers.put("webhook-signature", "v1,c2lnbmF0dXJl");

    Attempt attempt = sender.send(target(url + "/hook?tenant=a%20b"), headers, body);

    assertThat(attempt).isEqualTo(Attempt.answered(200, null));
    Received request = received.poll(5, TimeUnit.SECONDS);
    assertThat(request).isNotNull();
    assertThat(request.method()).isEqualTo("POST");
    assertThat(request.uri().getRawPath()).isEqualTo("/hook");
    assertThat(request.uri().getRawQuery()).isEqualTo("tenant=a%20b");
    assertThat(request.body()).isEqualTo(body);
    assertThat(request.headers().getFirst("webhook-id")).isEqualTo("evt_1");
    assertThat(request.headers().getFirst("webhook-timestamp")).isEqualTo("1700000000");
    assertThat(request.headers().getFirst("webhook-signature")).isEqualTo("v1,c2lnbmF0dXJl");
    assertThat(request.headers().getFirst("Content-Type")).isEqualTo("application/json");
    assertThat(request.headers().getFirst("Content-Length")).isEqualTo(Integer.toString(body.length));
    assertThat(request.headers().getFirst("User-Agent")).isEqualTo("BrowserGrid-Webhooks/1");
    assertThat(request.headers().getFirst("Host")).isEqualTo(URI.create(url).getAuthority());
  }

  @Test
  void reportsA503AndItsRetryAfter() throws Exception {
    String url = receiver(exchange -> {
      exchange.getRequestBody().readAllBytes();
      exchange.getResponseHeaders().add("Retry-After", "7");
      exchange.sendResponseHeaders(503, -1);
      exchange.close();
    });

    Attempt attempt = sender.send(target(url), Map.of(), new byte[] {'{', '}'});

    assertThat(attempt.status()).isEqualTo(503);
    assertThat(attempt.error()).isNull();
    assertThat(attempt.retryAfter()).isEqualTo(Duration.ofSeconds(7));
  }

  @Test
  void doesNotFollowRedirects() throws Exception {
    AtomicInteger redirectedTo = new AtomicInteger();
    String elsewhere = receiver(exchange -> {
      redirectedTo.incrementAndGet();
      exchange.sendResponseHeaders(200, -1);
      exchange.close();
    });
    String url = receiver(exchange -> {
      exchange.getRequestBody().readAllBytes();
      exchange.getResponseHeaders().add("Location", elsewhere + "/");
      exchange.sendResponseHeaders(302, -1);
      exchange.close();
    });

    Attempt attempt = sender.send(target(url), Map.of(), new byte[] {'{', '}'});

    assertThat(attempt).isEqualTo(Attempt.answered(302, null));
    assertThat(redirectedTo).hasValue(0);
  }

  @Test
  void aReceiverThatNeverAnswersTimesOut() throws Exception {
    // the kernel completes the connection; nobody ever reads or answers
    ServerSocket silent = new ServerSocket(0, 50, LOOPBACK);
    cleanup.add(silent);
    WebhookSender impatient = new WebhookSender(Duration.ofSeconds(5), Duration.ofMillis(300));

    Attempt attempt = impatient.send(target("http://127.0.0.1:" + silent.getLocalPort()), Map.of(), new byte[10]);

    assertThat(attempt.status()).isZero();
    assertThat(attempt.error()).contains("no answer").contains("300 ms");
    assertThat(attempt.refused()).isFalse();
  }

  @Test
  void aRefusedConnectionIsAnError() throws Exception {
    int port;
    try (ServerSocket closed = new ServerSocket(0, 50, LOOPBACK)) {
      port = closed.getLocalPort();
    }

    Attempt attempt = sender.send(target("http://127.0.0.1:" + port), Map.of(), new byte[10]);

    assertThat(attempt.status()).isZero();
    assertThat(attempt.error()).contains("cannot connect to 127.0.0.1:" + port);
  }

  @Test
  void skipsInterimAnswersAndReadsARetryAfterDate() throws Exception {
    String date = DateTimeFormatter.RFC_1123_DATE_TIME.format(NOW.plusSeconds(120).atOffset(ZoneOffset.UTC));
    String url = rawReceiver("HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 429 Too Many Requests\r\nRetry-After: " + date
        + "\r\nContent-Length: 0\r\n\r\n");

    Attempt attempt = sender.send(target(url), Map.of(), new byte[] {'{', '}'});

    assertThat(attempt).isEqualTo(Attempt.answered(429, Duration.ofSeconds(120)));
  }

  @Test
  void somethingThatIsNotHttpIsAnError() throws Exception {
    String url = rawReceiver("SSH-2.0-OpenSSH_9.6\r\n");

    Attempt attempt = sender.send(target(url), Map.of(), new byte[] {'{', '}'});

    assertThat(attempt.status()).isZero();
    assertThat(attempt.error()).contains("not an HTTP answer");
  }

  @Test
  void aConnectionClosedWithoutAnswerIsAnError() throws Exception {
    String url = rawReceiver("");

    Attempt attempt = sender.send(target(url), Map.of(), new byte[] {'{', '}'});

    assertThat(attempt.status()).isZero();
    assertThat(attempt.error()).contains("without an answer");
  }

  @Test
  void refusesHeadersThatCouldSplitTheRequest() throws Exception {
    Target target = target("http://127.0.0.1:9");

    assertThatThrownBy(() -> sender.send(target, Map.of("webhook-id", "a\r\nX-Evil: 1"), new byte[0]))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> sender.send(target, Map.of("Bad Name", "x"), new byte[0]))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> sender.send(target, Map.of("Content-Length", "0"), new byte[0]))
        .isInstanceOf(IllegalArgumentException.class);
  }

  private Target target(String url) throws RefusedTargetException {
    return guard.check(URI.create(url));
  }

  /** An HTTP receiver on loopback; its base URL. */
  private String receiver(HttpHandler handler) throws IOException {
    HttpServer server = HttpServer.create(new InetSocketAddress(LOOPBACK, 0), 0);
    server.createContext("/", handler);
    server.start();
    cleanup.add(() -> server.stop(0));
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  /** A receiver that answers one connection with {@code answer} verbatim, then reads until the sender hangs up. */
  private String rawReceiver(String answer) throws IOException {
    ServerSocket server = new ServerSocket(0, 50, LOOPBACK);
    cleanup.add(server);
    Thread answering = new Thread(() -> {
      try (Socket socket = server.accept()) {
        OutputStream out = socket.getOutputStream();
        out.write(answer.getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
        socket.shutdownOutput();
        InputStream in = socket.getInputStream();
        in.transferTo(OutputStream.nullOutputStream());
      } catch (IOException e) {
        // the test ended or the sender hung up hard; either way this receiver is done
      }
    }, "raw-receiver");
    answering.setDaemon(true);
    answering.start();
    return "http://127.0.0.1:" + server.getLocalPort();
  }
}
