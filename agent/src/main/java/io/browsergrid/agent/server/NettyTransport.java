package io.browsergrid.agent.server;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.ServerChannel;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollEventLoopGroup;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import java.util.concurrent.TimeUnit;

/**
 * The event loops and matching channel classes an agent serves with: native epoll where available, else NIO.
 *
 * @param boss          accepts connections
 * @param workers       serves them, including the relayed browser connections
 * @param serverChannel the listening channel class
 * @param socketChannel the client channel class, for connections to the browser
 */
record NettyTransport(EventLoopGroup boss, EventLoopGroup workers, Class<? extends ServerChannel> serverChannel,
    Class<? extends SocketChannel> socketChannel) {

  /** New event loops: one to accept, {@code workerThreads} to serve. */
  static NettyTransport create(int workerThreads) {
    if (Epoll.isAvailable()) {
      return new NettyTransport(new EpollEventLoopGroup(1), new EpollEventLoopGroup(workerThreads),
          EpollServerSocketChannel.class, EpollSocketChannel.class);
    }
    return new NettyTransport(new NioEventLoopGroup(1), new NioEventLoopGroup(workerThreads),
        NioServerSocketChannel.class, NioSocketChannel.class);
  }

  boolean epoll() {
    return serverChannel == EpollServerSocketChannel.class;
  }

  /** Stops both event loops and waits (bounded) until they have. */
  void shutdown() {
    boss.shutdownGracefully(0, 1, TimeUnit.SECONDS);
    workers.shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly(3, TimeUnit.SECONDS);
    boss.terminationFuture().awaitUninterruptibly(1, TimeUnit.SECONDS);
  }
}
