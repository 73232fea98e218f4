package io.browsergrid.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * With {@code BROWSERGRID_BROWSER_ALLOW_PRIVATE=true}: pages reach private addresses (an intranet, here the test's
 * loopback), metadata addresses stay refused, and a session's own upstream proxy carries its traffic, with its
 * credentials, and is never shown back.
 */
class PrivateEgressIT {
  @RegisterExtension
  static final ServerFixture server = ServerFixture.perClass(Map.of("BROWSERGRID_BROWSER_ALLOW_PRIVATE", "true"));

  @Test
  void aPrivateAddressIsReachedAndMetadataStaysRefused() throws Exception {
    HttpServer site = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    site.createContext("/", exchange -> {
      byte[] body = "<html><body>intranet page</body></html>".getBytes(StandardCharsets.UTF_8);
      exchange.sendResponseHeaders(200, body.length);
      exchange.getResponseBody().write(body);
      exchange.close();
    });
    site.start();
    JsonNode session = server.api().post("/v1/sessions", "{}").json();
    try (TenantTab tab = TenantTab.open(session.get("cdpUrl").asText())) {
      assertThat(tab.navigate("http://127.0.0.1:" + site.getAddress().getPort() + "/").has("errorText")).isFalse();
      assertThat(bodyText(tab)).contains("intranet page");
      for (String url : new String[] {"http://169.254.169.254/latest/meta-data/", "http://169.254.170.2/v2/credentials",
          "http://[fd00:ec2::254]/"}) {
        assertThat(tab.navigate(url).path("errorText").asText()).as(url).isNotEmpty();
      }
    } finally {
      site.stop(0);
      server.api().delete("/v1/sessions/" + session.get("id").asText());
    }
  }

  @Test
  void aSessionsOwnProxyCarriesItsTrafficWithItsCredentialsAndIsNeverShown() throws Exception {
    try (TestProxy proxy = new TestProxy()) {
      Api.Reply created = server.api().post("/v1/sessions", "{\"proxy\":{\"server\":\"http://alice:s3cret-pw@127.0.0.1:"
          + proxy.port() + "\",\"bypass\":[\"*.internal.test\"]}}");
      assertThat(created.status()).as(created.body()).isEqualTo(201);
      String id = created.json().get("id").asText();
      try (TenantTab tab = TenantTab.open(created.json().get("cdpUrl").asText())) {
        // a name no resolver here knows: only the proxy can answer it
        JsonNode nav = tab.navigate("http://shop.example.test/cart");
        assertThat(nav.has("errorText")).as(nav.toString()).isFalse();
        assertThat(bodyText(tab)).contains(TestProxy.PAGE);
      }
      String basic = "Basic " + Base64.getEncoder().encodeToString("alice:s3cret-pw".getBytes(StandardCharsets.UTF_8));
      assertThat(proxy.requests()).anySatisfy(r -> assertThat(r).startsWith("CONNECT shop.example.test:80 ")
          .endsWith("| " + basic));
      assertThat(server.api().get("/v1/sessions/" + id).body()).doesNotContain("s3cret-pw");
      assertThat(server.api().get("/v1/sessions/" + id + "/events").body()).doesNotContain("s3cret-pw");
      server.api().delete("/v1/sessions/" + id);
    }
  }

  @Test
  void aPoolTakesTheProxyFieldAndShowsItWithoutCredentials() {
    Api.Reply put = server.api().send("PUT", "/v1/pools/proxied",
        "{\"minIdle\":0,\"maxSessions\":2,\"proxy\":{\"server\":\"socks5://bob:hunter2@127.0.0.1:1080\"}}");
    assertThat(put.status()).as(put.body()).isEqualTo(200);
    assertThat(put.body()).contains("socks5://127.0.0.1:1080").doesNotContain("hunter2").doesNotContain("bob");
    assertThat(server.api().get("/v1/pools/proxied").body()).doesNotContain("hunter2");
    Api.Reply bad = server.api().send("PUT", "/v1/pools/proxied", "{\"proxy\":{\"server\":\"ftp://x:1\"}}");
    assertThat(bad.status()).isEqualTo(400);
    assertThat(bad.body()).contains("proxy.server");
    server.api().delete("/v1/pools/proxied");
  }

  private static String bodyText(TenantTab tab) {
    return Poll.value(Duration.ofSeconds(30), "the page to load", () -> {
      try {
        return tab.eval("document.body ? document.body.innerText : ''");
      } catch (Exception e) {
        return "";
      }
    }, text -> !text.isEmpty());
  }
}
