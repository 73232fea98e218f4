package io.browsergrid.agent.proxy;

import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;

/**
 * Copies whatever its channel reads to the peer channel as it is, stops reading while the peer cannot take more,
 * and closes the peer (after flushing) when its own channel closes. One instance per direction.
 */
public final class RelayHandler extends ChannelInboundHandlerAdapter {
  private final Channel peer;
  private final Runnable onRead;

  public RelayHandler(Channel peer, Runnable onRead) {
    this.peer = peer;
    this.onRead = onRead;
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    onRead.run();
    peer.write(msg, peer.voidPromise());
    if (!peer.isWritable()) {
      ctx.channel().config().setAutoRead(false);
    }
  }

  @Override
  public void channelReadComplete(ChannelHandlerContext ctx) {
    peer.flush();
  }

  @Override
  public void channelWritabilityChanged(ChannelHandlerContext ctx) {
    // this side drained what the peer sent it: let the peer read again (or stop it while this side is full)
    peer.config().setAutoRead(ctx.channel().isWritable());
    ctx.fireChannelWritabilityChanged();
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) {
    closeAfterFlush(peer);
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    ctx.close();
  }

  public static void closeAfterFlush(Channel channel) {
    if (channel.isActive()) {
      channel.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener(ChannelFutureListener.CLOSE);
    } else {
      channel.close();
    }
  }
}
