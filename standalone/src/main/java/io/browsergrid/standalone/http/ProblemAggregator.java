package io.browsergrid.standalone.http;

import io.browsergrid.api.ApiHandler;
import io.browsergrid.http.ProblemException;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMessage;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.http.HttpObjectAggregator;
import java.util.concurrent.TimeUnit;

/** Aggregates request bodies up to the API's limit and answers a bigger one with a 413 problem, then closes. */
final class ProblemAggregator extends HttpObjectAggregator {
  private static final long LINGER_SECONDS = 5;
  private final ApiHandler api;

  ProblemAggregator(int maxContentLength, ApiHandler api) {
    super(maxContentLength);
    this.api = api;
  }

  /** Netty's own refusals of an {@code Expect} header (417, or 413 for a body announced too big) as problems. */
  @Override
  protected Object newContinueResponse(HttpMessage start, int maxContentLength, ChannelPipeline pipeline) {
    if (start.decoderResult().isFailure()) {
      // its headers could not be read (a Content-Length that is no number): it is answered as malformed, not read on
      return null;
    }
    Object answer = super.newContinueResponse(start, maxContentLength, pipeline);
    if (answer instanceof FullHttpResponse refusal && refusal.status().code() >= 400) {
      int status = refusal.status().code();
      refusal.release();
      ProblemException problem = status == 413 ? ProblemException.tooLarge(ApiHandler.MAX_BODY_BYTES)
          : ProblemException.expectationFailed(start.headers().get(HttpHeaderNames.EXPECT));
      return Responses.netty(api.failure(problem, ApiHandler.requestId(Requests.headersOnly(start))), false);
    }
    return answer;
  }

  @Override
  protected void handleOversizedMessage(ChannelHandlerContext ctx, HttpMessage oversized) {
    refuse(ctx, api, ProblemException.tooLarge(ApiHandler.MAX_BODY_BYTES), oversized);
  }

  /** Answers {@code request} with {@code problem} before reading the rest of it, then closes lingering. */
  static void refuse(ChannelHandlerContext ctx, ApiHandler api, ProblemException problem, HttpMessage request) {
    ctx.writeAndFlush(Responses.netty(api.failure(problem, ApiHandler.requestId(Requests.headersOnly(request))),
        false)).addListener(done -> lingeringClose(ctx));
  }

  /**
   * Closing at once would reset a client still sending its body, and it would never read the 413: half-close, keep
   * discarding what arrives, and close when the client does (or after a grace period).
   */
  static void lingeringClose(ChannelHandlerContext ctx) {
    if (ctx.channel() instanceof SocketChannel socket) {
      socket.shutdownOutput();
      ctx.executor().schedule(() -> ctx.close(), LINGER_SECONDS, TimeUnit.SECONDS);
    } else {
      ctx.close();
    }
  }
}
