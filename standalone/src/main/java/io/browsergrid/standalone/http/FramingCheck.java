package io.browsergrid.standalone.http;

import io.browsergrid.api.ApiHandler;
import io.browsergrid.http.ProblemException;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.util.ReferenceCountUtil;
import java.util.Locale;

/**
 * Refuses a request whose body length cannot be known (RFC 9112 §6.3: a {@code Transfer-Encoding} that does not end
 * in {@code chunked}) with a 400 problem and closes, instead of waiting for a body that has no end until the request
 * timeout drops the connection.
 */
final class FramingCheck extends ChannelInboundHandlerAdapter {
  private final ApiHandler api;
  private boolean refusing;

  FramingCheck(ApiHandler api) {
    this.api = api;
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) throws Exception {
    if (refusing) {
      ReferenceCountUtil.release(msg);
      return;
    }
    if (msg instanceof HttpRequest request && request.decoderResult().isSuccess() && !framed(request)) {
      refusing = true;
      ReferenceCountUtil.release(msg);
      ProblemAggregator.refuse(ctx, api, ProblemException.malformed("Transfer-Encoding",
          "must end in chunked, or be left out: the length of the body cannot be known"), request);
      return;
    }
    ctx.fireChannelRead(msg);
  }

  private static boolean framed(HttpRequest request) {
    if (!request.headers().contains(HttpHeaderNames.TRANSFER_ENCODING)) {
      return true;
    }
    String codings = String.join(",", request.headers().getAll(HttpHeaderNames.TRANSFER_ENCODING));
    String[] each = codings.split(",");
    return each[each.length - 1].trim().toLowerCase(Locale.ROOT).equals("chunked");
  }
}
