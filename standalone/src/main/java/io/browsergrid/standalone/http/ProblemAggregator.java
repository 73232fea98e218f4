package io.browsergrid.standalone.http;

import io.browsergrid.api.ApiHandler;
import io.browsergrid.problem.ProblemException;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.HttpMessage;
import io.netty.handler.codec.http.HttpObjectAggregator;

/** Aggregates request bodies up to the API's limit and answers a bigger one with a 413 problem, then closes. */
final class ProblemAggregator extends HttpObjectAggregator {
  private final ApiHandler api;

  ProblemAggregator(int maxContentLength, ApiHandler api) {
    super(maxContentLength);
    this.api = api;
  }

  @Override
  protected void handleOversizedMessage(ChannelHandlerContext ctx, HttpMessage oversized) {
    String requestId = ApiHandler.requestId(Requests.headersOnly(oversized));
    ctx.writeAndFlush(Responses.netty(api.failure(ProblemException.tooLarge(ApiHandler.MAX_BODY_BYTES), requestId),
        false)).addListener(ChannelFutureListener.CLOSE);
  }
}
