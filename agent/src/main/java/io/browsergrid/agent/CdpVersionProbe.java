package io.browsergrid.agent;

import java.io.IOException;
import java.net.SocketException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;
import java.time.Duration;
import java.util.Base64;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Asks a CDP endpoint {@code Browser.getVersion} over a fresh WebSocket (TCP or the Unix socket of a sandboxed
 * browser; the JDK's WebSocket client speaks TCP only): its first answer is what "ready" means. Each probe runs on a
 * short-lived daemon thread and gives up after {@code timeout}. Thread-safe.
 */
public final class CdpVersionProbe {
  private static final String REQUEST = "{\"id\":1,\"method\":\"Browser.getVersion\"}";
  // the answer is one small object and product strings never contain quotes: a full JSON parse buys nothing here
  private static final Pattern PRODUCT = Pattern.compile("\"product\"\\s*:\\s*\"([^\"]*)\"");
  private static final int MAX_ANSWER = 64 * 1024;
  // the forwarder of a sandboxed browser may still be starting when Chromium prints its DevTools line
  private static final Duration CONNECT_RETRY = Duration.ofSeconds(5);

  private final Duration timeout;
  private final ExecutorService threads = Executors.newCachedThreadPool(r -> {
    Thread t = new Thread(r, "cdp-probe");
    t.setDaemon(true);
    return t;
  });

  public CdpVersionProbe(Duration timeout) {
    this.timeout = timeout;
  }

  /** The browser's product string ({@code Chrome/150...}); fails if the socket fails or the answer has none. */
  public CompletableFuture<String> product(CdpEndpoint endpoint) {
    return answer(endpoint, REQUEST).thenCompose(text -> {
      Matcher matcher = PRODUCT.matcher(text);
      return matcher.find() ? CompletableFuture.completedFuture(matcher.group(1)) : CompletableFuture.failedFuture(
          new ChromiumStartException("Browser.getVersion answered without a product: " + text));
    });
  }

  /** Sends one CDP message ({@code request}, a JSON text) on a fresh connection and returns the first message back. */
  public CompletableFuture<String> answer(CdpEndpoint endpoint, String request) {
    CompletableFuture<String> answer = new CompletableFuture<>();
    CompletableFuture<SocketChannel> open = new CompletableFuture<>();
    threads.execute(() -> {
      try (SocketChannel channel = connect(endpoint)) {
        open.complete(channel);
        answer.complete(ask(channel, endpoint, request));
      } catch (IOException | RuntimeException e) {
        answer.completeExceptionally(answer.isDone() ? e : new ChromiumStartException(
            "Browser.getVersion over " + endpoint + " failed: " + e.getMessage(), e));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        answer.completeExceptionally(e);
      }
    });
    // a browser that accepted the socket but never answers: closing the channel ends the blocked read
    answer.orTimeout(timeout.toMillis(), TimeUnit.MILLISECONDS).whenComplete((text, error) ->
        open.thenAccept(CdpVersionProbe::closeQuietly));
    return answer;
  }

  private static SocketChannel connect(CdpEndpoint endpoint) throws IOException, InterruptedException {
    long end = System.nanoTime() + CONNECT_RETRY.toNanos();
    long pause = 5;
    while (true) {
      try {
        return endpoint.connect();
      } catch (SocketException | NoSuchFileException e) {
        if (System.nanoTime() > end) {
          throw e;
        }
        Thread.sleep(pause);
        pause = Math.min(pause * 2, 100);
      }
    }
  }

  private static String ask(SocketChannel channel, CdpEndpoint endpoint, String request) throws IOException {
    byte[] key = new byte[16];
    ThreadLocalRandom.current().nextBytes(key);
    String handshake = "GET " + endpoint.path() + " HTTP/1.1\r\nHost: " + endpoint.hostHeader()
        + "\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Version: 13\r\nSec-WebSocket-Key: "
        + Base64.getEncoder().encodeToString(key) + "\r\n\r\n";
    writeFully(channel, ByteBuffer.wrap(handshake.getBytes(StandardCharsets.ISO_8859_1)));
    ByteBuffer in = ByteBuffer.allocate(MAX_ANSWER);
    int headEnd = readUntilHead(channel, in);
    String head = new String(in.array(), 0, headEnd, StandardCharsets.ISO_8859_1);
    if (!head.startsWith("HTTP/1.1 101")) {
      throw new ChromiumStartException("the DevTools server refused the WebSocket: " + head.lines().findFirst()
          .orElse(""));
    }
    writeFully(channel, maskedText(request.getBytes(StandardCharsets.UTF_8)));
    return readText(channel, in, headEnd);
  }

  private static int readUntilHead(SocketChannel channel, ByteBuffer in) throws IOException {
    while (true) {
      for (int i = 3; i < in.position(); i++) {
        if (in.get(i - 3) == '\r' && in.get(i - 2) == '\n' && in.get(i - 1) == '\r' && in.get(i) == '\n') {
          return i + 1;
        }
      }
      readMore(channel, in);
    }
  }

  /** One text message (frames from {@code from} on; the server's frames are unmasked). */
  private static String readText(SocketChannel channel, ByteBuffer in, int from) throws IOException {
    StringBuilder text = new StringBuilder();
    int at = from;
    while (true) {
      while (in.position() < at + 2) {
        readMore(channel, in);
      }
      boolean fin = (in.get(at) & 0x80) != 0;
      int opcode = in.get(at) & 0x0f;
      int length = in.get(at + 1) & 0x7f;
      int header = 2;
      if (length == 126) {
        while (in.position() < at + 4) {
          readMore(channel, in);
        }
        length = (in.get(at + 2) & 0xff) << 8 | in.get(at + 3) & 0xff;
        header = 4;
      } else if (length == 127) {
        throw new ChromiumStartException("Browser.getVersion answer too long");
      }
      while (in.position() < at + header + length) {
        readMore(channel, in);
      }
      if (opcode == 8) {
        throw new ChromiumStartException("CDP socket closed before answering");
      }
      text.append(new String(in.array(), at + header, length, StandardCharsets.UTF_8));
      at += header + length;
      if (fin && (opcode == 1 || opcode == 0)) {
        return text.toString();
      }
    }
  }

  private static void readMore(SocketChannel channel, ByteBuffer in) throws IOException {
    if (!in.hasRemaining()) {
      throw new ChromiumStartException("the DevTools answer is longer than " + MAX_ANSWER + " bytes");
    }
    if (channel.read(in) < 0) {
      throw new ClosedChannelException();
    }
  }

  private static ByteBuffer maskedText(byte[] payload) {
    if (payload.length > 0xffff) {
      throw new IllegalArgumentException("a probe's message must be shorter than 64 KiB");
    }
    byte[] mask = new byte[4];
    ThreadLocalRandom.current().nextBytes(mask);
    ByteBuffer frame = ByteBuffer.allocate(payload.length + 8);
    frame.put((byte) 0x81);
    if (payload.length < 126) {
      frame.put((byte) (0x80 | payload.length));
    } else {
      frame.put((byte) (0x80 | 126)).putShort((short) payload.length);
    }
    frame.put(mask);
    for (int i = 0; i < payload.length; i++) {
      frame.put((byte) (payload[i] ^ mask[i % 4]));
    }
    return frame.flip();
  }

  private static void writeFully(SocketChannel channel, ByteBuffer out) throws IOException {
    while (out.hasRemaining()) {
      channel.write(out);
    }
  }

  private static void closeQuietly(SocketChannel channel) {
    try {
      channel.close();
    } catch (IOException e) {
      // already closed
    }
  }
}
