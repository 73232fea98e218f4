package io.browsergrid.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** One connection beyond BROWSERGRID_MAX_CONNECTIONS gets a clear 503 and is closed; a freed one lets the next in. */
class ConnectionCapIT {
  @RegisterExtension
  static final ServerFixture server = ServerFixture.perClass(Map.of("BROWSERGRID_MAX_CONNECTIONS", "16"));

  @Test
  void theConnectionOverTheCapIsAnswered503AndClosed() throws Exception {
    List<Socket> held = new ArrayList<>();
    try {
      for (int i = 0; i < 16; i++) {
        Socket s = RawHttp.connect(server.address());
        s.getOutputStream().write("GET /health HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        assertThat(RawHttp.read(s.getInputStream()).status()).isEqualTo(200);
        held.add(s);
      }
      try (Socket over = RawHttp.connect(server.address())) {
        RawHttp.Response r = RawHttp.read(over.getInputStream());
        assertThat(r.status()).isEqualTo(503);
        assertThat(r.head()).containsIgnoringCase("Retry-After: 1");
        assertThat(r.body()).contains("maximum of 16 connections");
        assertThat(RawHttp.closedByServer(over)).isTrue();
      }
      held.remove(0).close();
      Poll.until(Duration.ofSeconds(30), "a freed connection to let the next in", () -> {
        try (Socket next = RawHttp.connect(server.address())) {
          next.getOutputStream().write("GET /health HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
          return RawHttp.read(next.getInputStream()).status() == 200;
        } catch (Exception e) {
          return false;
        }
      });
    } finally {
      for (Socket s : held) {
        s.close();
      }
    }
  }
}
