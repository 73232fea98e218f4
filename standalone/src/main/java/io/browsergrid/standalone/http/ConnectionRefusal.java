package io.browsergrid.standalone.http;

import io.browsergrid.api.ApiHandler;
import io.browsergrid.http.HttpRequest;
import io.browsergrid.http.ProblemException;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import java.util.Map;

/** A connection beyond the cap: answered 503 with {@code Retry-After} at once, without reading it, and closed. */
final class ConnectionRefusal extends ChannelInboundHandlerAdapter {
  private final ApiHandler api;
  private final int max;

  ConnectionRefusal(ApiHandler api, int max) {
    this.api = api;
    this.max = max;
  }

  @Override
  public void channelActive(ChannelHandlerContext ctx) {
    ctx.channel().config().setAutoRead(false);
    HttpRequest none = new HttpRequest("GET", "/", Map.of(), Map.of(), new byte[0]);
    ctx.writeAndFlush(Responses.netty(api.failure(ProblemException.unavailable(
            "the server holds its maximum of " + max + " connections; try again", 1), ApiHandler.requestId(none)),
        false)).addListener(ChannelFutureListener.CLOSE);
  }
}
