package io.browsergrid.agent.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import io.browsergrid.agent.CdpEndpoint;
import io.browsergrid.agent.CdpTestClient;
import io.browsergrid.agent.ChromiumLauncher;
import io.browsergrid.agent.ChromiumProcess;
import io.browsergrid.agent.CurrentUser;
import io.browsergrid.agent.LeftoverChromium;
import io.browsergrid.agent.TestLaunchers;
import io.browsergrid.agent.UnconfinedBrowserSandbox;
import io.browsergrid.browser.BrowserOptions;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollEventLoopGroup;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpVersion;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/** A tiny Netty server that relays every WebSocket upgrade to {@link #target}, in front of a real Chromium. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CdpRelayIT {
  private static final long WAIT_SECONDS = 15;

  @TempDir
  static Path tmp;

  private final HttpClient http = HttpClient.newHttpClient();
  private final AtomicReference<CdpEndpoint> target = new AtomicReference<>();
  private final AtomicReference<RecordingListener> listener = new AtomicReference<>();
  private ChromiumLauncher launcher;
  private ChromiumProcess chromium;
  private CdpEndpoint cdpEndpoint;
  private EventLoopGroup loop;
  private Channel server;
  private URI relayUri;

  @BeforeAll
  void start() throws Exception {
    // the relay's TCP path (an agent's browser with its sandbox off) against a plain Chromium; the sandbox's Unix
    // socket path has a test of its own below
    launcher = new ChromiumLauncher(TestLaunchers.chromium(),
        new UnconfinedBrowserSandbox(CurrentUser.read().isRoot()), TestLaunchers.egress());
    chromium = launcher.launch("shared", BrowserOptions.DEFAULT, tmp.resolve("shared"));
    boolean epoll = Epoll.isAvailable();
    loop = epoll ? new EpollEventLoopGroup(1) : new NioEventLoopGroup(1);
    CdpRelay relay = new CdpRelay(epoll ? EpollSocketChannel.class : NioSocketChannel.class);
    server = new ServerBootstrap()
        .group(loop)
        .channel(epoll ? EpollServerSocketChannel.class : NioServerSocketChannel.class)
        .childHandler(new ChannelInitializer<SocketChannel>() {
          @Override
          protected void initChannel(SocketChannel channel) {
            channel.pipeline()
                .addLast(new HttpServerCodec(), new HttpObjectAggregator(65_536), new UpgradeHandler(relay));
          }
        })
        .bind("127.0.0.1", 0).sync().channel();
    relayUri = URI.create("ws://127.0.0.1:" + ((InetSocketAddress) server.localAddress()).getPort() + "/cdp?token=t");
    cdpEndpoint = CdpEndpoint.parse(chromium.ready().get(30, TimeUnit.SECONDS).cdpEndpoint());
  }

  @AfterAll
  void stop() {
    if (server != null) {
      server.close().syncUninterruptibly();
    }
    if (loop != null) {
      loop.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }
    if (chromium != null) {
      chromium.kill();
    }
    assertThat(new LeftoverChromium().killUnder(tmp)).as("Chromium processes left under " + tmp).isZero();
  }

  @Test
  void cdpCallsGoBothWaysAndClosingTheClientClosesTheBrowserSide() throws Exception {
    RecordingListener recorded = relayTo(cdpEndpoint);

    // an Origin header would make Chromium refuse the upgrade: the relay drops it
    try (CdpTestClient cdp = CdpTestClient.connect(http, relayUri, Map.of("Origin", "https://app.example"))) {
      assertThat(cdp.call("Browser.getVersion", null).get("product").asText()).contains("Chrome/");
      String targetId = cdp.call("Target.createTarget", "{\"url\":\"about:blank\"}").get("targetId").asText();
      assertThat(targetId).isNotBlank();
      cdp.call("Target.closeTarget", "{\"targetId\":\"" + targetId + "\"}");
      assertThat(recorded.opened).hasValue(1);
      assertThat(recorded.activity.get()).isGreaterThanOrEqualTo(3);
    }

    // closed() fires only once both the client and the browser connection are closed
    recorded.closedOnce.get(WAIT_SECONDS, TimeUnit.SECONDS);
    assertThat(recorded.closed).hasValue(1);
  }

  @Test
  void killingTheBrowserClosesTheClient() throws Exception {
    ChromiumProcess doomed = launcher.launch("doomed", BrowserOptions.DEFAULT, tmp.resolve("doomed"));
    try {
      RecordingListener recorded = relayTo(CdpEndpoint.parse(doomed.ready().get(30, TimeUnit.SECONDS).cdpEndpoint()));
      CdpTestClient cdp = CdpTestClient.connect(http, relayUri);
      cdp.call("Browser.getVersion", null);

      doomed.kill();

      assertThat(cdp.closed().get(WAIT_SECONDS, TimeUnit.SECONDS)).isNotBlank();
      recorded.closedOnce.get(WAIT_SECONDS, TimeUnit.SECONDS);
      assertThat(recorded.closed).hasValue(1);
    } finally {
      doomed.kill();
    }
  }

  @Test
  void anUnreachableBrowserAnswers502ProblemJson() throws Exception {
    int closedPort;
    try (ServerSocket probe = new ServerSocket(0)) {
      closedPort = probe.getLocalPort();
    }
    RecordingListener recorded = relayTo(CdpEndpoint.parse("ws://127.0.0.1:" + closedPort + "/devtools/browser/gone"));

    String response;
    try (Socket socket = new Socket(relayUri.getHost(), relayUri.getPort())) {
      socket.setSoTimeout((int) TimeUnit.SECONDS.toMillis(WAIT_SECONDS));
      OutputStream out = socket.getOutputStream();
      out.write(("GET /cdp HTTP/1.1\r\nHost: " + relayUri.getAuthority() + "\r\nUpgrade: websocket\r\n"
          + "Connection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n")
          .getBytes(StandardCharsets.ISO_8859_1));
      out.flush();
      response = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    }

    assertThat(response).startsWith("HTTP/1.1 502 ")
        .containsIgnoringCase("content-type: application/problem+json")
        .contains("{\"type\":\"/problems/browser-unavailable\",\"title\":\"Browser unavailable\",\"status\":502,")
        .contains("127.0.0.1:" + closedPort);
    recorded.closedOnce.get(WAIT_SECONDS, TimeUnit.SECONDS);
    assertThat(recorded.opened).hasValue(0);
    assertThat(recorded.closed).hasValue(1);
  }

  /** Prints what the relay adds to a CDP round trip; a measurement, never a pass/fail on time. */
  @Test
  void roundTripOverhead() throws Exception {
    relayTo(cdpEndpoint);
    try (CdpTestClient direct = CdpTestClient.connect(http, URI.create(cdpEndpoint.toString()));
        CdpTestClient relayed = CdpTestClient.connect(http, relayUri)) {
      int rounds = 10;
      int perRound = 300;
      long[] directNanos = new long[rounds * perRound];
      long[] relayedNanos = new long[rounds * perRound];
      for (int warmup = 0; warmup < 2_000; warmup++) {
        direct.call("Browser.getVersion", null);
        relayed.call("Browser.getVersion", null);
      }
      for (int round = 0; round < rounds; round++) {
        time(direct, directNanos, round * perRound, perRound);
        time(relayed, relayedNanos, round * perRound, perRound);
      }
      Arrays.sort(directNanos);
      Arrays.sort(relayedNanos);
      System.out.printf("CDP round trip (Browser.getVersion, %d each): direct p50 %d us p90 %d us; relayed p50 %d us "
              + "p90 %d us; relay adds ~%d us at p50%n", directNanos.length, micros(directNanos, 50),
          micros(directNanos, 90), micros(relayedNanos, 50), micros(relayedNanos, 90),
          micros(relayedNanos, 50) - micros(directNanos, 50));
    }
  }

  private RecordingListener relayTo(CdpEndpoint browser) {
    RecordingListener recorded = new RecordingListener();
    listener.set(recorded);
    target.set(browser);
    return recorded;
  }

  private static void time(CdpTestClient client, long[] into, int from, int count) throws Exception {
    for (int i = from; i < from + count; i++) {
      long t0 = System.nanoTime();
      client.call("Browser.getVersion", null);
      into[i] = System.nanoTime() - t0;
    }
  }

  private static long micros(long[] sorted, int percentile) {
    return TimeUnit.NANOSECONDS.toMicros(sorted[sorted.length * percentile / 100]);
  }

  private final class UpgradeHandler extends SimpleChannelInboundHandler<FullHttpRequest> {
    private final CdpRelay relay;

    UpgradeHandler(CdpRelay relay) {
      this.relay = relay;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest request) {
      if ("websocket".equalsIgnoreCase(request.headers().get(HttpHeaderNames.UPGRADE))) {
        relay.relay(ctx, request, target.get(), listener.get());
        return;
      }
      DefaultFullHttpResponse notFound =
          new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.NOT_FOUND, Unpooled.EMPTY_BUFFER);
      notFound.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, 0);
      ctx.writeAndFlush(notFound).addListener(ChannelFutureListener.CLOSE);
    }
  }

  private static final class RecordingListener implements RelayListener {
    final AtomicInteger opened = new AtomicInteger();
    final AtomicInteger activity = new AtomicInteger();
    final AtomicInteger closed = new AtomicInteger();
    final CompletableFuture<Void> closedOnce = new CompletableFuture<>();

    @Override
    public void opened() {
      opened.incrementAndGet();
    }

    @Override
    public void activity() {
      activity.incrementAndGet();
    }

    @Override
    public void closed() {
      closed.incrementAndGet();
      closedOnce.complete(null);
    }
  }
}
