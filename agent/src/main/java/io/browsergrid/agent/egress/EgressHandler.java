package io.browsergrid.agent.egress;

import io.browsergrid.agent.proxy.RelayHandler;
import io.browsergrid.browser.BrowserProxy;
import io.browsergrid.webhook.RefusedTargetException;
import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.http.DefaultHttpRequest;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpRequestEncoder;
import io.netty.handler.proxy.HttpProxyHandler;
import io.netty.handler.proxy.ProxyHandler;
import io.netty.handler.proxy.Socks5ProxyHandler;
import io.netty.handler.ssl.SslContext;
import io.netty.resolver.NoopAddressResolverGroup;
import io.netty.util.ReferenceCountUtil;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executor;

/**
 * One connection from a browser's egress forwarder: reads one proxy request ({@code CONNECT host:port} or an absolute
 * {@code http://} URL), checks where it goes off the event loop, connects to the checked address (or through the
 * client's own upstream proxy, whose address was checked instead) and relays bytes. A refused {@code CONNECT} gets
 * {@code 403}, a refused plain request a closed connection: either way the page sees a network error.
 */
final class EgressHandler extends ChannelInboundHandlerAdapter {
  private static final int CONNECT_TIMEOUT_MILLIS = 10_000;

  private final EgressPolicy policy;
  private final Optional<BrowserProxy> upstream;
  private final Optional<SslContext> upstreamTls;
  private final Executor resolver;
  private final Class<? extends SocketChannel> channelType;
  private final EgressCounters counters;
  private final List<Object> pending = new ArrayList<>();
  private Channel outbound;
  private boolean requested;

  EgressHandler(EgressPolicy policy, Optional<BrowserProxy> upstream, Optional<SslContext> upstreamTls,
      Executor resolver, Class<? extends SocketChannel> channelType, EgressCounters counters) {
    this.policy = policy;
    this.upstream = upstream;
    this.upstreamTls = upstreamTls;
    this.resolver = resolver;
    this.channelType = channelType;
    this.counters = counters;
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    if (msg instanceof HttpRequest request) {
      if (requested) {
        // one request per connection: a second one could name another host than the one checked
        ReferenceCountUtil.release(msg);
        ctx.close();
        return;
      }
      requested = true;
      ctx.channel().config().setAutoRead(false);
      Optional<Destination> destination = request.decoderResult().isSuccess() ? Destination.of(request)
          : Optional.empty();
      if (destination.isEmpty()) {
        answerAndClose(ctx.channel(), "400 Bad Request");
        return;
      }
      route(ctx, request, destination.get());
      return;
    }
    if (outbound == null) {
      pending.add(msg);
    } else {
      forward(msg);
    }
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) {
    pending.forEach(ReferenceCountUtil::release);
    pending.clear();
    if (outbound != null) {
      RelayHandler.closeAfterFlush(outbound);
    }
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    ctx.close();
  }

  private void route(ChannelHandlerContext ctx, HttpRequest request, Destination to) {
    Channel client = ctx.channel();
    boolean viaProxy = upstream.isPresent() && !upstream.get().bypasses(to.host());
    resolver.execute(() -> {
      InetSocketAddress checked;
      try {
        checked = viaProxy ? policy.check(upstream.get().host(), upstream.get().port())
            : policy.check(to.host(), to.port());
      } catch (RefusedTargetException e) {
        counters.refused();
        client.eventLoop().execute(() -> refuse(client, to));
        return;
      }
      client.eventLoop().execute(() -> connect(ctx, request, to, checked, viaProxy));
    });
  }

  private void connect(ChannelHandlerContext ctx, HttpRequest request, Destination to, InetSocketAddress checked,
      boolean viaProxy) {
    Channel client = ctx.channel();
    if (!client.isActive()) {
      return;
    }
    ProxyHandler proxy = viaProxy ? proxyHandler(upstream.get(), checked) : null;
    Bootstrap bootstrap = new Bootstrap();
    if (proxy != null) {
      // the upstream proxy resolves the destination: nothing here may look it up (nor refuse what it cannot)
      bootstrap.resolver(NoopAddressResolverGroup.INSTANCE);
    }
    ChannelFuture connect = bootstrap.group(client.eventLoop()).channel(channelType)
        .option(ChannelOption.TCP_NODELAY, true)
        .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, CONNECT_TIMEOUT_MILLIS)
        .option(ChannelOption.AUTO_READ, false)
        .handler(new ChannelInitializer<SocketChannel>() {
          @Override
          protected void initChannel(SocketChannel ch) {
            ChannelPipeline p = ch.pipeline();
            if (proxy != null) {
              upstreamTls.ifPresent(tls -> p.addLast(tls.newHandler(ch.alloc(), upstream.get().host(),
                  upstream.get().port())));
              p.addLast(proxy);
            }
            if (!to.tunnel()) {
              p.addLast(new HttpRequestEncoder());
            }
            p.addLast(new RelayHandler(client, () -> { }));
          }
        })
        .connect(proxy != null ? InetSocketAddress.createUnresolved(to.host(), to.port()) : checked);
    outbound = connect.channel();
    connect.addListener((ChannelFutureListener) done -> {
      if (!done.isSuccess()) {
        failed(client, to);
        return;
      }
      if (proxy == null) {
        established(ctx, request, to);
      } else {
        proxy.connectFuture().addListener(tunnel -> {
          if (tunnel.isSuccess()) {
            established(ctx, request, to);
          } else {
            failed(client, to);
          }
        });
      }
    });
  }

  private void established(ChannelHandlerContext ctx, HttpRequest request, Destination to) {
    Channel client = ctx.channel();
    counters.allowed();
    if (to.tunnel()) {
      pending.forEach(ReferenceCountUtil::release);
      pending.clear();
      client.writeAndFlush(Unpooled.copiedBuffer("HTTP/1.1 200 Connection established\r\n\r\n",
          StandardCharsets.ISO_8859_1)).addListener(written -> {
            if (!written.isSuccess()) {
              outbound.close();
              return;
            }
            ChannelPipeline p = client.pipeline();
            p.addLast(new RelayHandler(outbound, () -> { }));
            // bytes the decoder still holds are handed on to the relay when it leaves
            p.remove(this);
            p.remove(io.netty.handler.codec.http.HttpRequestDecoder.class);
            outbound.config().setAutoRead(true);
            client.config().setAutoRead(true);
          });
      return;
    }
    outbound.write(originForm(request, to));
    pending.forEach(this::forward);
    pending.clear();
    outbound.flush();
    outbound.config().setAutoRead(true);
    client.config().setAutoRead(true);
  }

  private void forward(Object msg) {
    if (msg instanceof HttpContent content && outbound.pipeline().get(HttpRequestEncoder.class) != null) {
      outbound.writeAndFlush(content);
    } else {
      ReferenceCountUtil.release(msg);
    }
  }

  private static HttpRequest originForm(HttpRequest request, Destination to) {
    HttpHeaders headers = request.headers().copy();
    headers.remove(HttpHeaderNames.PROXY_AUTHORIZATION);
    headers.remove("Proxy-Connection");
    // one request per connection: the next may go elsewhere, and is checked on a connection of its own
    headers.set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
    return new DefaultHttpRequest(request.protocolVersion(), request.method(), to.path(), headers);
  }

  private void refuse(Channel client, Destination to) {
    if (to.tunnel()) {
      answerAndClose(client, "403 Forbidden");
    } else {
      client.close();
    }
  }

  private void failed(Channel client, Destination to) {
    if (outbound != null) {
      outbound.close();
    }
    if (to.tunnel()) {
      answerAndClose(client, "502 Bad Gateway");
    } else {
      client.close();
    }
  }

  private static void answerAndClose(Channel client, String status) {
    client.writeAndFlush(Unpooled.copiedBuffer("HTTP/1.1 " + status + "\r\nContent-Length: 0\r\nConnection: close"
        + "\r\n\r\n", StandardCharsets.ISO_8859_1)).addListener(ChannelFutureListener.CLOSE);
  }

  private static ProxyHandler proxyHandler(BrowserProxy proxy, InetSocketAddress checked) {
    ProxyHandler handler = "socks5".equals(proxy.scheme())
        ? (proxy.username() == null ? new Socks5ProxyHandler(checked)
            : new Socks5ProxyHandler(checked, proxy.username(), proxy.password()))
        : (proxy.username() == null ? new HttpProxyHandler(checked)
            : new HttpProxyHandler(checked, proxy.username(), proxy.password() == null ? "" : proxy.password()));
    handler.setConnectTimeoutMillis(CONNECT_TIMEOUT_MILLIS);
    return handler;
  }
}
