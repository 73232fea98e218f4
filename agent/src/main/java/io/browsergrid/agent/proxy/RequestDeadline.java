package io.browsergrid.agent.proxy;

import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.http.LastHttpContent;
import java.time.Duration;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Closes an HTTP connection that takes longer than {@code timeout} to send a whole request, counted from when it
 * opened or its last answer went out: a client trickling its headers a byte at a time (slowloris), one that says
 * nothing, and one idle between requests are all closed. While a request is being answered nothing runs out. Sits
 * right after the HTTP codec; a WebSocket upgrade removes it with the other HTTP handlers. One per connection.
 */
public final class RequestDeadline extends ChannelDuplexHandler {
  private final Duration timeout;
  private int inFlight;
  private ScheduledFuture<?> deadline;

  public RequestDeadline(Duration timeout) {
    this.timeout = timeout;
  }

  @Override
  public void handlerAdded(ChannelHandlerContext ctx) {
    if (ctx.channel().isActive()) {
      arm(ctx);
    }
  }

  @Override
  public void channelActive(ChannelHandlerContext ctx) throws Exception {
    arm(ctx);
    super.channelActive(ctx);
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) throws Exception {
    if (msg instanceof LastHttpContent) {
      inFlight++;
      disarm();
    }
    ctx.fireChannelRead(msg);
  }

  @Override
  public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) throws Exception {
    if (msg instanceof LastHttpContent && !promise.isVoid()) {
      promise.addListener(written -> {
        inFlight = Math.max(0, inFlight - 1);
        if (inFlight == 0 && ctx.channel().isActive()) {
          arm(ctx);
        }
      });
    }
    ctx.write(msg, promise);
  }

  @Override
  public void handlerRemoved(ChannelHandlerContext ctx) {
    disarm();
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) throws Exception {
    disarm();
    super.channelInactive(ctx);
  }

  private void arm(ChannelHandlerContext ctx) {
    disarm();
    deadline = ctx.executor().schedule(() -> {
      if (inFlight == 0) {
        ctx.close();
      }
    }, timeout.toMillis(), TimeUnit.MILLISECONDS);
  }

  private void disarm() {
    if (deadline != null) {
      deadline.cancel(false);
      deadline = null;
    }
  }
}
