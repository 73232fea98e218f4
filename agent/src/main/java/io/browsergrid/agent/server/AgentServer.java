package io.browsergrid.agent.server;

import io.browsergrid.agent.proxy.MalformedRequests;
import io.browsergrid.agent.proxy.RequestDeadline;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.epoll.EpollChannelOption;
import io.netty.channel.epoll.EpollMode;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.ssl.OptionalSslHandler;
import io.netty.handler.ssl.SslContext;
import io.netty.util.concurrent.GlobalEventExecutor;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * The agent's listening socket: HTTP/1.1 (TLS when configured) in front of a fresh request handler per connection.
 *
 * <p>With TLS, connections from other hosts must speak TLS; a connection from loopback may also speak plain HTTP,
 * so a health check inside the container needs neither a TLS client nor a certificate that names {@code 127.0.0.1}.
 */
final class AgentServer implements AutoCloseable {
  private static final int MAX_REQUEST_BYTES = 16 * 1024;
  /** A whole request within this, and no longer idle between requests (slowloris). */
  static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(20);
  static final int MAX_CONNECTIONS = 256;

  private final NettyTransport transport;
  private final Supplier<SslContext> tls;
  private final Supplier<ChannelHandler> requests;
  private final ChannelGroup open = new DefaultChannelGroup(GlobalEventExecutor.INSTANCE);
  private Channel listener;

  /**
   * @param tls      the server TLS context of the moment (a renewed certificate's from its renewal on; null while
   *                 there is none, when only loopback clients are served, in plain HTTP), or {@code null} for plain
   *                 HTTP always
   * @param requests a new request handler for each connection
   */
  AgentServer(NettyTransport transport, Supplier<SslContext> tls, Supplier<ChannelHandler> requests) {
    this.transport = transport;
    this.tls = tls;
    this.requests = requests;
  }

  /** Listens on {@code host:port} (port 0 picks a free one) and returns the bound address. */
  synchronized InetSocketAddress bind(String host, int port) throws InterruptedException {
    ServerBootstrap bootstrap = new ServerBootstrap();
    if (transport.epoll()) {
      // one read per wake-up instead of reading until EAGAIN: a syscall less per relayed CDP message
      bootstrap.childOption(EpollChannelOption.EPOLL_MODE, EpollMode.LEVEL_TRIGGERED);
    }
    bootstrap
        .group(transport.boss(), transport.workers())
        .channel(transport.serverChannel())
        .childOption(ChannelOption.TCP_NODELAY, true)
        .childHandler(new ChannelInitializer<SocketChannel>() {
          @Override
          protected void initChannel(SocketChannel channel) {
            if (open.size() >= MAX_CONNECTIONS) {
              // one browser's agent: its clients are one tenant's few CDP clients, so this many is abuse
              channel.close();
              return;
            }
            open.add(channel);
            if (tls != null) {
              boolean local = channel.remoteAddress().getAddress().isLoopbackAddress();
              SslContext context = tls.get();
              if (context == null && !local) {
                // no certificate (not yet, or lost): a remote client would have nothing to verify
                open.remove(channel);
                channel.close();
                return;
              }
              if (context != null) {
                channel.pipeline().addLast(local ? new OptionalSslHandler(context) : context.newHandler(channel.alloc()));
              }
            }
            channel.pipeline()
                .addLast(new HttpServerCodec(MalformedRequests.MAX_LINE, MalformedRequests.MAX_HEADERS, 16384))
                .addLast(new RequestDeadline(REQUEST_TIMEOUT))
                .addLast(new HttpObjectAggregator(MAX_REQUEST_BYTES))
                .addLast(requests.get());
          }
        });
    listener = bootstrap.bind(host, port).sync().channel();
    return (InetSocketAddress) listener.localAddress();
  }

  /** Stops listening and closes every connection; idempotent. */
  @Override
  public synchronized void close() {
    if (listener != null) {
      listener.close().syncUninterruptibly();
      listener = null;
    }
    open.close().awaitUninterruptibly(2, TimeUnit.SECONDS);
  }
}
