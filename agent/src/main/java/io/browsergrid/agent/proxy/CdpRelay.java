package io.browsergrid.agent.proxy;

import io.browsergrid.agent.CdpEndpoint;
import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOption;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.epoll.EpollChannelOption;
import io.netty.channel.epoll.EpollDomainSocketChannel;
import io.netty.channel.epoll.EpollMode;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioDomainSocketChannel;
import io.netty.channel.unix.DomainSocketAddress;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.ssl.SslHandler;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Hands an authorised WebSocket upgrade over to a browser's CDP endpoint, then relays bytes both ways without
 * parsing a frame: the browser's own {@code 101} answer and every frame after it pass through as they are.
 *
 * <p>The browser connection lives on the client's event loop, so relaying a read is one write on the same thread.
 * Reading stops on either side while the other cannot take more. When either side closes, the other is flushed and
 * closed. If the browser cannot be reached, the client gets a {@code 502} problem+json and is closed.
 * Thread-safe; one instance serves every connection.
 */
public final class CdpRelay {
  private static final String HANDLER_NAME = "cdp-relay";
  private static final int CONNECT_TIMEOUT_MILLIS = 5_000;

  private final Class<? extends SocketChannel> channelType;

  /** @param channelType the socket channel class matching the server's event loops (epoll or NIO) */
  public CdpRelay(Class<? extends SocketChannel> channelType) {
    this.channelType = channelType;
  }

  /** True when {@code request} asks for a WebSocket upgrade, the only kind of request this relays. */
  public static boolean isWebSocketUpgrade(HttpRequest request) {
    return request.headers().containsValue(HttpHeaderNames.CONNECTION, HttpHeaderValues.UPGRADE, true)
        && request.headers().containsValue(HttpHeaderNames.UPGRADE, HttpHeaderValues.WEBSOCKET, true);
  }

  /**
   * Relays the connection of {@code ctx} to {@code target} (a TCP endpoint, or a sandboxed browser's Unix socket). Call it from the
   * server handler that decoded {@code upgradeRequest}; the request is encoded before this returns, so the caller
   * may release it. Once the browser is connected, every handler but an {@link SslHandler} leaves the client's
   * pipeline. {@code listener} hears about this connection only.
   */
  public void relay(ChannelHandlerContext ctx, HttpRequest upgradeRequest, CdpEndpoint target,
      RelayListener listener) {
    Channel client = ctx.channel();
    client.config().setAutoRead(false);
    ByteBuf handshake = UpgradeRequest.encode(upgradeRequest, target, client.alloc());
    Bootstrap bootstrap = new Bootstrap();
    boolean epoll = EpollSocketChannel.class.isAssignableFrom(channelType);
    if (epoll && !target.isUnix()) {
      // one read per wake-up instead of reading until EAGAIN: a syscall less per CDP message
      bootstrap.option(EpollChannelOption.EPOLL_MODE, EpollMode.LEVEL_TRIGGERED);
    }
    if (target.isUnix()) {
      // a sandboxed browser: its DevTools port exists only in its own network namespace, behind this socket
      bootstrap.channel(epoll ? EpollDomainSocketChannel.class : NioDomainSocketChannel.class);
    } else {
      bootstrap.channel(channelType).option(ChannelOption.TCP_NODELAY, true);
    }
    SocketAddress address = !target.isUnix() ? new InetSocketAddress(target.host(), target.port())
        : epoll ? new DomainSocketAddress(target.socket().toString()) : target.address();
    ChannelFuture connect = bootstrap
        .group(client.eventLoop())
        .option(ChannelOption.AUTO_READ, false)
        .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, CONNECT_TIMEOUT_MILLIS)
        .handler(new RelayHandler(client, () -> {}))
        .connect(address);
    ChannelFutureListener closedOnce = new ClosedOnce(listener);
    client.closeFuture().addListener(closedOnce);
    connect.channel().closeFuture().addListener(closedOnce);
    // a loopback connect can complete inside connect(), i.e. inside the caller's channelRead: rewire after it returns
    connect.addListener(done ->
        client.eventLoop().execute(() -> connected(connect, client, handshake, target, listener)));
  }

  private static void connected(ChannelFuture connect, Channel client, ByteBuf handshake, CdpEndpoint target,
      RelayListener listener) {
    Channel browser = connect.channel();
    if (!connect.isSuccess()) {
      handshake.release();
      BrowserUnavailable.answer(client, "cannot reach the browser: "
          + connect.cause().getMessage());
      return;
    }
    if (!client.isActive()) {
      handshake.release();
      browser.close();
      return;
    }
    browser.writeAndFlush(handshake, browser.voidPromise());
    listener.opened();
    ChannelPipeline pipeline = client.pipeline();
    pipeline.addLast(HANDLER_NAME, new RelayHandler(browser, listener::activity));
    // last to first: bytes the HTTP decoder still buffers are handed on to the relay handler when it is removed
    List<String> names = new ArrayList<>(pipeline.toMap().keySet());
    Collections.reverse(names);
    for (String name : names) {
      ChannelHandler handler = pipeline.get(name);
      if (handler != null && !HANDLER_NAME.equals(name) && !(handler instanceof SslHandler)) {
        pipeline.remove(name);
      }
    }
    browser.config().setAutoRead(true);
    client.config().setAutoRead(true);
  }

  /** Tells the listener once both channels are closed; both close on the same event loop, so no locking. */
  private static final class ClosedOnce implements ChannelFutureListener {
    private final RelayListener listener;
    private int open = 2;

    ClosedOnce(RelayListener listener) {
      this.listener = listener;
    }

    @Override
    public void operationComplete(ChannelFuture future) {
      if (--open == 0) {
        listener.closed();
      }
    }
  }
}
