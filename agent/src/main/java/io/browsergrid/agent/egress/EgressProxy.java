package io.browsergrid.agent.egress;

import io.browsergrid.agent.Egress;
import io.browsergrid.browser.BrowserProxy;
import io.browsergrid.webhook.AddressGuard;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.ServerChannel;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollEventLoopGroup;
import io.netty.channel.epoll.EpollServerDomainSocketChannel;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerDomainSocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.channel.unix.DomainSocketAddress;
import io.netty.handler.codec.http.HttpRequestDecoder;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.UnixDomainSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLException;

/**
 * The egress of sandboxed browsers: an HTTP proxy ({@code CONNECT} and absolute {@code http://} requests) listening
 * on one Unix socket per browser, which lets a connection through only to an address the {@link AddressGuard} allows
 * (every address the host resolves to, looked up once, the connection made to the checked one), or through the
 * browser's own upstream proxy when it has one (whose address is checked instead). Thread-safe; close it last.
 */
public final class EgressProxy implements Egress, AutoCloseable {
  private final EventLoopGroup group;
  private final Class<? extends ServerChannel> serverType;
  private final Class<? extends ServerChannel> tcpServerType;
  private final Class<? extends SocketChannel> clientType;
  private final EgressPolicy policy;
  private final ExecutorService resolver;
  private final EgressCounters counters = new EgressCounters();
  private final SslContext upstreamTls;

  /** @param guard which addresses browsers may reach; {@code allowPrivate} is the operator's choice */
  public EgressProxy(AddressGuard guard) {
    if (Epoll.isAvailable()) {
      this.group = new EpollEventLoopGroup(2, daemon("egress"));
      this.serverType = EpollServerDomainSocketChannel.class;
      this.tcpServerType = EpollServerSocketChannel.class;
      this.clientType = EpollSocketChannel.class;
    } else {
      this.group = new NioEventLoopGroup(2, daemon("egress"));
      this.serverType = NioServerDomainSocketChannel.class;
      this.tcpServerType = NioServerSocketChannel.class;
      this.clientType = NioSocketChannel.class;
    }
    this.policy = new EgressPolicy(guard);
    this.resolver = Executors.newCachedThreadPool(daemon("egress-dns"));
    try {
      this.upstreamTls = SslContextBuilder.forClient().build();
    } catch (SSLException e) {
      throw new IllegalStateException("no TLS for upstream proxies", e);
    }
  }

  /** The production resolver: every address of a name, in one lookup. */
  public static AddressGuard guard(boolean allowPrivate) {
    return new AddressGuard(allowPrivate, InetAddress::getAllByName);
  }

  public EgressCounters counters() {
    return counters;
  }

  @Override
  public AutoCloseable open(String browserId, Path socket, Optional<BrowserProxy> upstream) throws IOException {
    Files.deleteIfExists(socket);
    ServerBootstrap bootstrap = serving(serverType, upstream);
    SocketAddress address = serverType == EpollServerDomainSocketChannel.class
        ? new DomainSocketAddress(socket.toString()) : UnixDomainSocketAddress.of(socket);
    Channel server = bootstrap.bind(address).awaitUninterruptibly().channel();
    if (!server.isActive()) {
      throw new IOException("cannot listen on " + socket + " for browser " + browserId);
    }
    // the browser's forwarder runs as a uid of its own; the folder, not the socket's mode, keeps everyone else out
    Files.setPosixFilePermissions(socket, PosixFilePermissions.fromString("rw-rw-rw-"));
    return () -> {
      server.close().awaitUninterruptibly(1, TimeUnit.SECONDS);
      try {
        Files.deleteIfExists(socket);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    };
  }

  @Override
  public Loopback openLoopback(String browserId, Optional<BrowserProxy> upstream) throws IOException {
    Channel server = serving(tcpServerType, upstream).bind(new InetSocketAddress("127.0.0.1", 0))
        .awaitUninterruptibly().channel();
    if (!server.isActive()) {
      throw new IOException("cannot listen on a loopback port for browser " + browserId);
    }
    return new Loopback(((InetSocketAddress) server.localAddress()).getPort(),
        () -> server.close().awaitUninterruptibly(1, TimeUnit.SECONDS));
  }

  private ServerBootstrap serving(Class<? extends ServerChannel> type, Optional<BrowserProxy> upstream) {
    Optional<SslContext> tls = upstream.filter(p -> "https".equals(p.scheme())).map(p -> upstreamTls);
    return new ServerBootstrap().group(group).channel(type)
        .childHandler(new ChannelInitializer<Channel>() {
          @Override
          protected void initChannel(Channel ch) {
            ch.pipeline().addLast(new HttpRequestDecoder(8192, 16384, 8192),
                new EgressHandler(policy, upstream, tls, resolver, clientType, counters));
          }
        });
  }

  @Override
  public void close() {
    group.shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly(3, TimeUnit.SECONDS);
    resolver.shutdownNow();
  }

  private static java.util.concurrent.ThreadFactory daemon(String name) {
    java.util.concurrent.atomic.AtomicInteger n = new java.util.concurrent.atomic.AtomicInteger();
    return r -> {
      Thread t = new Thread(r, name + "-" + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    };
  }
}
