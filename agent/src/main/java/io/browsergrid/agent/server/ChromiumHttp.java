package io.browsergrid.agent.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.browsergrid.agent.CdpEndpoint;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Asks the local Chromium's DevTools HTTP server for {@code /json/version}, over TCP or a sandboxed browser's Unix
 * socket, one blocking exchange on {@code executor}. Thread-safe.
 */
final class ChromiumHttp {
  private static final int MAX_ANSWER = 64 * 1024;
  private static final Pattern LENGTH = Pattern.compile("(?im)^content-length:\\s*(\\d+)\\s*$");

  private final Executor executor;
  private final Duration timeout;
  private final ObjectMapper json = new ObjectMapper();

  ChromiumHttp(Executor executor, Duration timeout) {
    this.executor = executor;
    this.timeout = timeout;
  }

  /**
   * The version of the Chromium whose browser endpoint is {@code cdpEndpoint}; fails when it does not answer 200
   * with {@code Browser} and {@code Protocol-Version} within the timeout.
   */
  CompletableFuture<ChromiumVersion> version(CdpEndpoint cdpEndpoint) {
    CompletableFuture<SocketChannel> open = new CompletableFuture<>();
    CompletableFuture<ChromiumVersion> answer = CompletableFuture.supplyAsync(() -> {
      try (SocketChannel channel = cdpEndpoint.connect()) {
        open.complete(channel);
        return parse(cdpEndpoint, exchange(channel, cdpEndpoint));
      } catch (IOException e) {
        throw new UncheckedIOException("/json/version of " + cdpEndpoint + " failed", e);
      }
    }, executor);
    // a browser that accepted the socket but never answers: closing the channel ends the blocked read
    answer.orTimeout(timeout.toMillis(), TimeUnit.MILLISECONDS).whenComplete((v, e) -> open.thenAccept(c -> {
      try {
        c.close();
      } catch (IOException ignored) {
        // already closed
      }
    }));
    return answer;
  }

  private static String exchange(SocketChannel channel, CdpEndpoint endpoint) throws IOException {
    String request = "GET /json/version HTTP/1.1\r\nHost: " + endpoint.hostHeader() + "\r\nConnection: close\r\n\r\n";
    ByteBuffer out = ByteBuffer.wrap(request.getBytes(StandardCharsets.ISO_8859_1));
    while (out.hasRemaining()) {
      channel.write(out);
    }
    ByteBuffer in = ByteBuffer.allocate(MAX_ANSWER);
    while (in.hasRemaining() && channel.read(in) >= 0) {
      String sofar = new String(in.array(), 0, in.position(), StandardCharsets.ISO_8859_1);
      int head = sofar.indexOf("\r\n\r\n");
      Matcher length = LENGTH.matcher(head < 0 ? "" : sofar.substring(0, head));
      if (head >= 0 && length.find() && in.position() >= head + 4 + Integer.parseInt(length.group(1))) {
        break;
      }
    }
    return new String(Arrays.copyOf(in.array(), in.position()), StandardCharsets.UTF_8);
  }

  private ChromiumVersion parse(CdpEndpoint cdpEndpoint, String response) {
    int head = response.indexOf("\r\n\r\n");
    if (!response.startsWith("HTTP/1.1 200") || head < 0) {
      throw new IllegalStateException("/json/version answered " + response.lines().findFirst().orElse("nothing"));
    }
    try {
      JsonNode body = json.readTree(response.substring(head + 4));
      JsonNode browser = body.path("Browser");
      JsonNode protocol = body.path("Protocol-Version");
      if (!browser.isTextual() || !protocol.isTextual()) {
        throw new IllegalStateException("/json/version answered without Browser and Protocol-Version");
      }
      return new ChromiumVersion(browser.asText(), protocol.asText(), cdpEndpoint);
    } catch (IOException e) {
      throw new UncheckedIOException("/json/version answered no JSON", e);
    }
  }
}
