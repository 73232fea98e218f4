package io.browsergrid.agent.proxy;

import io.browsergrid.agent.CdpEndpoint;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.Map;

/**
 * Re-encodes a client's WebSocket upgrade request as raw HTTP/1.1 for the browser: the target's path and host,
 * no {@code Origin} (Chromium refuses foreign origins), no credentials ({@code Authorization}, {@code X-API-Key},
 * {@code Cookie}), every other header as the client sent it.
 */
final class UpgradeRequest {
  private UpgradeRequest() {}

  static ByteBuf encode(HttpRequest request, CdpEndpoint target, ByteBufAllocator alloc) {
    String path = target.path();
    ByteBuf out = alloc.buffer(512);
    // headers were decoded byte-per-char (ISO-8859-1): writing them back that way reproduces the client's bytes
    write(out, request.method().name());
    write(out, " ");
    write(out, path);
    write(out, " HTTP/1.1\r\nHost: ");
    write(out, target.hostHeader());
    write(out, "\r\n");
    Iterator<Map.Entry<CharSequence, CharSequence>> headers = request.headers().iteratorCharSequence();
    while (headers.hasNext()) {
      Map.Entry<CharSequence, CharSequence> header = headers.next();
      if (dropped(header.getKey())) {
        continue;
      }
      write(out, header.getKey());
      write(out, ": ");
      write(out, header.getValue());
      write(out, "\r\n");
    }
    write(out, "\r\n");
    return out;
  }

  /** Host is rewritten, Origin is refused by Chromium, and the client's credentials are none of the browser's business. */
  private static boolean dropped(CharSequence name) {
    return HttpHeaderNames.HOST.contentEqualsIgnoreCase(name)
        || HttpHeaderNames.ORIGIN.contentEqualsIgnoreCase(name)
        || HttpHeaderNames.AUTHORIZATION.contentEqualsIgnoreCase(name)
        || HttpHeaderNames.COOKIE.contentEqualsIgnoreCase(name)
        || "x-api-key".contentEquals(name.toString().toLowerCase(java.util.Locale.ROOT));
  }

  private static void write(ByteBuf out, CharSequence text) {
    out.writeCharSequence(text, StandardCharsets.ISO_8859_1);
  }
}
