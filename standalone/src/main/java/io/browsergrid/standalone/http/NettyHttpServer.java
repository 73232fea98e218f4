package io.browsergrid.standalone.http;

import io.browsergrid.agent.proxy.MalformedRequests;
import io.browsergrid.agent.proxy.CdpRelay;
import io.browsergrid.agent.proxy.RequestDeadline;
import io.browsergrid.api.ApiHandler;
import io.browsergrid.api.CdpGateway;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.ServerChannel;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollChannelOption;
import io.netty.channel.epoll.EpollEventLoopGroup;
import io.netty.channel.epoll.EpollMode;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.util.concurrent.GlobalEventExecutor;
import java.net.InetSocketAddress;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The standalone HTTP and WebSocket edge on Netty (native epoll when available): API requests go to the core's
 * {@link ApiHandler} on worker threads; CDP WebSocket upgrades are authorised by the {@link CdpGateway} and then
 * relayed byte for byte to the browser on the same event loop.
 */
public final class NettyHttpServer implements AutoCloseable {
  private final EventLoopGroup boss;
  private final EventLoopGroup workers;
  private final Class<? extends ServerChannel> serverChannel;
  private final CdpRelay relay;
  private final ExecutorService blocking;
  private volatile ApiHandler api;
  private volatile CdpGateway cdp;
  private final ChannelGroup open = new DefaultChannelGroup(GlobalEventExecutor.INSTANCE);
  private final EdgeLimits limits;
  private final BodyBudget.Pool bodies;
  private Channel listener;

  /**
   * @param blocking runs the core's (blocking) request handling off the event loops; owned by the caller
   * @param limits   what the edge holds at most
   */
  public NettyHttpServer(ExecutorService blocking, EdgeLimits limits) {
    this.blocking = blocking;
    this.limits = limits;
    this.bodies = new BodyBudget.Pool(limits.bodyBytes());
    boolean epoll = Epoll.isAvailable();
    this.boss = epoll ? new EpollEventLoopGroup(1) : new NioEventLoopGroup(1);
    this.workers = epoll ? new EpollEventLoopGroup() : new NioEventLoopGroup();
    this.serverChannel = epoll ? EpollServerSocketChannel.class : NioServerSocketChannel.class;
    Class<? extends SocketChannel> client = epoll ? EpollSocketChannel.class : NioSocketChannel.class;
    this.relay = new CdpRelay(client);
  }

  /**
   * Binds and returns the bound address (port 0 picks a free one). Connections are accepted at once but only served
   * after {@link #serve}, which the caller invokes once the core is wired with the real address.
   */
  public InetSocketAddress bind(String host, int port) throws InterruptedException {
    ServerBootstrap bootstrap = new ServerBootstrap();
    if (serverChannel == EpollServerSocketChannel.class) {
      // one read per wake-up instead of reading until EAGAIN: a syscall less per relayed CDP message
      bootstrap.childOption(EpollChannelOption.EPOLL_MODE, EpollMode.LEVEL_TRIGGERED);
    }
    bootstrap
        .group(boss, workers)
        .channel(serverChannel)
        .option(ChannelOption.SO_BACKLOG, 1024)
        .childOption(ChannelOption.TCP_NODELAY, true)
        .childHandler(new ChannelInitializer<SocketChannel>() {
          @Override
          protected void initChannel(SocketChannel ch) {
            ApiHandler api = NettyHttpServer.this.api;
            CdpGateway cdp = NettyHttpServer.this.cdp;
            if (api == null) {
              ch.close();
              return;
            }
            ch.pipeline()
                .addLast(new HttpServerCodec(MalformedRequests.MAX_LINE, MalformedRequests.MAX_HEADERS, 65536));
            if (open.size() >= limits.maxConnections()) {
              ch.pipeline().addLast(new ConnectionRefusal(api, limits.maxConnections()));
              return;
            }
            open.add(ch);
            ch.pipeline()
                .addLast(new RequestDeadline(limits.requestTimeout()))
                .addLast(new FramingCheck(api))
                .addLast(new BodyBudget(bodies, api))
                .addLast(new ProblemAggregator(ApiHandler.MAX_BODY_BYTES, api))
                .addLast(new HttpEdgeHandler(api, cdp, relay, blocking));
          }
        });
    listener = bootstrap.bind(host, port).sync().channel();
    return (InetSocketAddress) listener.localAddress();
  }

  /** Starts serving requests with the core's handlers. */
  public void serve(ApiHandler api, CdpGateway cdp) {
    this.cdp = cdp;
    this.api = api;
  }

  /** Stops accepting, closes every connection, and stops the event loops. */
  @Override
  public void close() {
    if (listener != null) {
      listener.close().syncUninterruptibly();
    }
    open.close().awaitUninterruptibly(2, TimeUnit.SECONDS);
    boss.shutdownGracefully(0, 1, TimeUnit.SECONDS);
    workers.shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly(3, TimeUnit.SECONDS);
  }
}
