package io.browsergrid.standalone.http;

import io.browsergrid.api.ApiHandler;
import io.browsergrid.http.ProblemException;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.util.ReferenceCountUtil;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Bounds the request bodies every connection together holds while they arrive: a request reserves its
 * {@code Content-Length} (the API's largest body when it is chunked) before its body is read, and gives it back
 * when its answer goes out, the next request begins or the connection closes. A request the budget cannot take is
 * answered 503 with {@code Retry-After} and its connection closed, so 300 clients each sending most of a 1 MiB body
 * cannot pin more memory than the budget. One instance per connection, over one shared counter.
 */
final class BodyBudget extends ChannelDuplexHandler {
  /** The bytes all connections have reserved. */
  static final class Pool {
    private final long capacity;
    private final AtomicLong reserved = new AtomicLong();

    Pool(long capacity) {
      this.capacity = capacity;
    }

    boolean take(long bytes) {
      while (true) {
        long now = reserved.get();
        if (now + bytes > capacity) {
          return false;
        }
        if (reserved.compareAndSet(now, now + bytes)) {
          return true;
        }
      }
    }

    void giveBack(long bytes) {
      reserved.addAndGet(-bytes);
    }

    long reserved() {
      return reserved.get();
    }
  }

  private final Pool pool;
  private final ApiHandler api;
  private long held;
  private boolean refusing;

  BodyBudget(Pool pool, ApiHandler api) {
    this.pool = pool;
    this.api = api;
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) throws Exception {
    if (refusing) {
      ReferenceCountUtil.release(msg);
      return;
    }
    if (msg instanceof HttpRequest request && request.decoderResult().isSuccess()) {
      // a request the decoder could not read carries no body; it goes on to be answered with its problem
      giveBack();
      long need = HttpUtil.isTransferEncodingChunked(request) ? ApiHandler.MAX_BODY_BYTES
          : Math.min(HttpUtil.getContentLength(request, 0L), ApiHandler.MAX_BODY_BYTES + 1L);
      if (!pool.take(need)) {
        refusing = true;
        ReferenceCountUtil.release(msg);
        // what the client still sends is read and dropped, so it gets to read the answer instead of a reset
        ProblemAggregator.refuse(ctx, api, ProblemException.unavailable(
            "the server holds as many request bodies as it may; try again", 1), request);
        return;
      }
      held = need;
    }
    ctx.fireChannelRead(msg);
  }

  @Override
  public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) throws Exception {
    // an answer going out means its request (and body) has been handled
    if (msg instanceof io.netty.handler.codec.http.HttpResponse) {
      giveBack();
    }
    ctx.write(msg, promise);
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) throws Exception {
    giveBack();
    super.channelInactive(ctx);
  }

  @Override
  public void handlerRemoved(ChannelHandlerContext ctx) {
    // an upgrade to a WebSocket takes the HTTP handlers away: its reservation goes with them
    giveBack();
  }

  private void giveBack() {
    if (held > 0) {
      pool.giveBack(held);
      held = 0;
    }
  }
}
