package io.browsergrid.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Unauthenticated clients that hold connections, pipeline without reading or send big bodies, over raw sockets. */
class EdgeAbuseIT {
  @RegisterExtension
  static final ServerFixture server = ServerFixture.perClass(Map.of("BROWSERGRID_HTTP_REQUEST_TIMEOUT_SECONDS", "2",
      "BROWSERGRID_HTTP_BODY_BUDGET_MB", "32"));

  @Test
  void aRequestThatNeverCompletesAndAConnectionThatSaysNothingAreClosed() throws Exception {
    try (Socket partial = RawHttp.connect(server.address()); Socket silent = RawHttp.connect(server.address())) {
      partial.getOutputStream()
          .write("GET /health HTTP/1.1\r\nHost: x\r\nX-Slow: ".getBytes(StandardCharsets.US_ASCII));
      assertThat(RawHttp.closedByServer(partial)).isTrue();
      assertThat(RawHttp.closedByServer(silent)).isTrue();
    }
  }

  @Test
  void aClientTricklingItsHeadersByteByByteIsClosedAtTheRequestTimeout() throws Exception {
    try (Socket slow = RawHttp.connect(server.address())) {
      AtomicLong sent = new AtomicLong();
      Thread trickle = new Thread(() -> {
        try {
          OutputStream out = slow.getOutputStream();
          out.write("GET /health HTTP/1.1\r\nHost: x\r\n".getBytes(StandardCharsets.US_ASCII));
          while (true) {
            out.write('a');
            out.flush();
            sent.incrementAndGet();
            // pacing of the attack itself: one byte every 100 ms keeps any per-read timeout from firing
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(100));
          }
        } catch (Exception closed) {
          // the server closed the connection: what the test waits for
        }
      });
      trickle.setDaemon(true);
      trickle.start();
      assertThat(RawHttp.closedByServer(slow)).isTrue();
      trickle.join(TimeUnit.SECONDS.toMillis(30));
      assertThat(trickle.isAlive()).as("the server stopped taking bytes").isFalse();
      assertThat(sent.get()).isPositive();
    }
  }

  @Test
  void pipelinedRequestsAreAnsweredInOrderOneAtATime() throws Exception {
    try (Socket s = RawHttp.connect(server.address())) {
      s.getOutputStream().write(("GET /health HTTP/1.1\r\nHost: x\r\n\r\n"
          + "GET /v1/sessions HTTP/1.1\r\nHost: x\r\n\r\n"
          + "GET /openapi.json HTTP/1.1\r\nHost: x\r\n\r\n"
          + "GET /v1/nothing-here HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer " + ServerFixture.OPERATOR_KEY
          + "\r\n\r\n")
          .getBytes(StandardCharsets.US_ASCII));
      List<RawHttp.Response> answers = new ArrayList<>();
      for (int i = 0; i < 4; i++) {
        answers.add(RawHttp.read(s.getInputStream()));
      }
      assertThat(answers).extracting(RawHttp.Response::status).containsExactly(200, 401, 200, 404);
      assertThat(answers.get(0).body()).contains("\"status\"");
      assertThat(answers.get(2).body()).contains("\"openapi\"");
    }
  }

  @Test
  void aPipelinerThatNeverReadsIsNoLongerServedOnceItsAnswersBackUp() throws Exception {
    long heapBefore = RetainedMemory.heapMiB();
    String memoryBefore = RetainedMemory.describe(heapBefore);
    long held;
    long before = openApiAnswers();
    try (Socket s = RawHttp.connect(server.address())) {
      s.setReceiveBufferSize(4096);
      byte[] one = "GET /openapi.json HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
      byte[] thousand = new byte[one.length * 1000];
      for (int i = 0; i < 1000; i++) {
        System.arraycopy(one, 0, thousand, i * one.length, one.length);
      }
      s.getOutputStream().write(thousand);
      s.getOutputStream().flush();
      long[] last = {-1};
      long served = Poll.value(Duration.ofSeconds(60), "the answers to back up", () -> {
        long now = openApiAnswers() - before;
        // a measuring window, not synchronisation: the count must hold still across it
        LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(500));
        long after = openApiAnswers() - before;
        boolean still = now == after && now == last[0];
        last[0] = after;
        return still ? after : null;
      }, n -> n != null);
      assertThat(served).as("answers made for a client that reads none").isPositive().isLessThan(1000);
      held = RetainedMemory.heapMiB();
      System.out.println("non-reading pipeliner: before " + memoryBefore + "; while it holds its connection "
          + RetainedMemory.describe(held));
    }
    // before reading stopped, 1,000 answers of /openapi.json held ~30 MB for this one client
    assertThat(held - heapBefore).as("MiB of heap the non-reader pins").isLessThan(16);
    assertThat(RawHttp.exchange(server.address(), "GET", "/health", null).status()).isEqualTo(200);
    long after = Poll.value(Duration.ofSeconds(30), "the heap to come back", RetainedMemory::heapMiB,
        mib -> mib - heapBefore < 8);
    System.out.println("non-reading pipeliner: after it closed " + RetainedMemory.describe(after));
  }

  @Test
  void threeHundredClientsSendingAlmostAMebibyteEachGet503BeyondTheBodyBudget() throws Exception {
    long heapBefore = RetainedMemory.heapMiB();
    String memoryBefore = RetainedMemory.describe(heapBefore);
    List<Socket> sockets = new ArrayList<>();
    int refused = 0;
    try {
      byte[] part = new byte[64 * 1024];
      for (int i = 0; i < 300; i++) {
        Socket s = RawHttp.connect(server.address());
        sockets.add(s);
        OutputStream out = s.getOutputStream();
        out.write(("POST /v1/sessions HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: "
            + (1024 * 1024 - 1024) + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        try {
          out.write(part);
        } catch (java.io.IOException closedByServer) {
          // a refused client's connection is closed while it still sends
        }
      }
      for (Socket s : sockets) {
        s.setSoTimeout(200);
        try {
          RawHttp.Response r = RawHttp.read(s.getInputStream());
          if (r != null && r.status() == 503) {
            assertThat(r.head()).containsIgnoringCase("Retry-After").contains("application/problem+json");
            refused++;
          }
        } catch (java.net.SocketTimeoutException stillReading) {
          // admitted: the server waits for the rest of its body
        }
      }
      assertThat(refused).as("32 MiB hold 32 bodies of 1 MiB").isGreaterThanOrEqualTo(300 - 32);
      assertThat(RawHttp.exchange(server.address(), "GET", "/health", null).status()).isEqualTo(200);
      long held = RetainedMemory.heapMiB();
      System.out.println("300 clients sending ~1 MiB: before " + memoryBefore + "; while connected "
          + RetainedMemory.describe(held));
      // what is pinned is the budget (32 MiB) at most, not 300 bodies' worth
      assertThat(held - heapBefore).as("MiB of heap 300 partial bodies pin").isLessThan(32 + 16);
    } finally {
      for (Socket s : sockets) {
        s.close();
      }
    }
    Poll.until(Duration.ofSeconds(30), "closed connections to give their budget back",
        () -> {
          try {
            return RawHttp.exchange(server.address(), "POST", "/v1/sessions", "{\"nope\":1}").status() == 400;
          } catch (java.io.IOException e) {
            return false;
          }
        });
    long after = Poll.value(Duration.ofSeconds(30), "the heap to come back", RetainedMemory::heapMiB,
        mib -> mib - heapBefore < 8);
    System.out.println("300 clients sending ~1 MiB: after they closed " + RetainedMemory.describe(after));
  }

  private static long openApiAnswers() {
    long n = 0;
    String metrics;
    try {
      metrics = RawHttp.exchange(server.address(), "GET", "/metrics", null).body();
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    for (String line : metrics.split("\n")) {
      if (line.startsWith("browsergrid_http_requests_total{") && line.contains("openapi")) {
        n += (long) Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
      }
    }
    return n;
  }
}
