package io.browsergrid.standalone.http;

import io.browsergrid.http.HttpRequest;
import io.netty.buffer.ByteBufUtil;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpMessage;
import io.netty.handler.codec.http.QueryStringDecoder;
import java.util.HashMap;
import java.util.Map;

/** Netty requests to the core's {@link HttpRequest}. */
final class Requests {
  private Requests() {}

  static HttpRequest core(FullHttpRequest request) {
    QueryStringDecoder uri = new QueryStringDecoder(request.uri());
    return new HttpRequest(request.method().name(), uri.path(), uri.parameters(), headers(request),
        ByteBufUtil.getBytes(request.content()));
  }

  /** Just the headers, for answering a request whose body was refused. */
  static HttpRequest headersOnly(HttpMessage message) {
    return new HttpRequest("POST", "/", Map.of(), headers(message), new byte[0]);
  }

  private static Map<String, String> headers(HttpMessage message) {
    Map<String, String> headers = new HashMap<>();
    message.headers().forEach(h -> headers.putIfAbsent(h.getKey().toLowerCase(java.util.Locale.ROOT), h.getValue()));
    return headers;
  }
}
