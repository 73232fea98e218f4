package io.browsergrid.agent.server;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.browsergrid.http.ProblemException;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Writes the agent's own HTTP answers: JSON bodies and RFC 9457 problem+json, each with a {@code Content-Length}.
 * A kept-alive connection reads again after the answer; any other is closed once it is written. Thread-safe; call
 * the writing methods on the connection's event loop.
 */
final class HttpAnswers {
  private final ObjectMapper json;

  HttpAnswers(ObjectMapper json) {
    this.json = json;
  }

  /** Answers {@code status} with {@code body} as {@code application/json}. */
  void json(ChannelHandlerContext ctx, HttpResponseStatus status, Object body, boolean keepAlive) {
    write(ctx, response(status, "application/json", bytes(body)), keepAlive);
  }

  /** Answers {@code problem} as {@code application/problem+json}, with its extra headers. */
  void problem(ChannelHandlerContext ctx, ProblemException problem, boolean keepAlive) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("type", problem.type());
    body.put("title", problem.title());
    body.put("status", problem.status());
    body.put("detail", problem.detail());
    FullHttpResponse response =
        response(HttpResponseStatus.valueOf(problem.status()), "application/problem+json", bytes(body));
    problem.headers().forEach(response.headers()::set);
    write(ctx, response, keepAlive);
  }

  private static FullHttpResponse response(HttpResponseStatus status, String contentType, byte[] body) {
    FullHttpResponse response =
        new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status, Unpooled.wrappedBuffer(body));
    response.headers()
        .set(HttpHeaderNames.CONTENT_TYPE, contentType)
        .setInt(HttpHeaderNames.CONTENT_LENGTH, body.length)
        .set(HttpHeaderNames.CACHE_CONTROL, HttpHeaderValues.NO_STORE);
    return response;
  }

  private static void write(ChannelHandlerContext ctx, FullHttpResponse response, boolean keepAlive) {
    if (keepAlive) {
      ctx.writeAndFlush(response);
      ctx.channel().config().setAutoRead(true);
    } else {
      response.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
      ctx.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE);
    }
  }

  private byte[] bytes(Object body) {
    try {
      return json.writeValueAsBytes(body);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write a response body", e);
    }
  }
}
