package io.browsergrid.agent.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import io.browsergrid.agent.CdpEndpoint;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.UnpooledByteBufAllocator;
import io.netty.handler.codec.http.DefaultHttpRequest;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpVersion;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class UpgradeRequestTest {

  @Test
  void targetsPathAndHostDropsOriginAndCredentialsKeepsTheRest() {
    HttpRequest request = new DefaultHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.GET, "/v1/sessions/s1/cdp?token=t");
    request.headers()
        .add("Host", "grid.example:8080")
        .add("Upgrade", "websocket")
        .add("Connection", "Upgrade")
        .add("Origin", "https://grid.example")
        .add("Authorization", "Bearer bg_secret")
        .add("X-API-Key", "bg_secret")
        .add("Cookie", "a=b")
        .add("Sec-WebSocket-Key", "dGhlIHNhbXBsZSBub25jZQ==")
        .add("Sec-WebSocket-Version", "13")
        .add("Sec-WebSocket-Extensions", "permessage-deflate; client_max_window_bits");

    ByteBuf encoded = UpgradeRequest.encode(request, CdpEndpoint.parse("ws://127.0.0.1:9222/devtools/browser/abc"),
        UnpooledByteBufAllocator.DEFAULT);
    String text = encoded.toString(StandardCharsets.ISO_8859_1);
    encoded.release();

    assertThat(text).isEqualTo("GET /devtools/browser/abc HTTP/1.1\r\n"
        + "Host: 127.0.0.1:9222\r\n"
        + "Upgrade: websocket\r\n"
        + "Connection: Upgrade\r\n"
        + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
        + "Sec-WebSocket-Version: 13\r\n"
        + "Sec-WebSocket-Extensions: permessage-deflate; client_max_window_bits\r\n"
        + "\r\n");
  }

  @Test
  void problemDetailIsJsonEscaped() {
    assertThat(BrowserUnavailable.jsonEscaped("a \"b\" \\ c\n")).isEqualTo("a \\\"b\\\" \\\\ c\\u000a");
  }
}
