package io.browsergrid.standalone;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.browsergrid.agent.CdpTestClient;
import java.net.URI;
import java.net.http.HttpClient;

/** A tenant's page, driven through nothing but its session's {@code cdpUrl}, as a hostile client would. */
final class TenantTab implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final CdpTestClient cdp;
  private final String session;

  private TenantTab(CdpTestClient cdp, String session) {
    this.cdp = cdp;
    this.session = session;
  }

  /** Connects to {@code cdpUrl}, opens a blank page and attaches to it. */
  static TenantTab open(String cdpUrl) throws Exception {
    CdpTestClient cdp = CdpTestClient.connect(HttpClient.newHttpClient(), URI.create(cdpUrl));
    String target = cdp.call("Target.createTarget", "{\"url\":\"about:blank\"}").get("targetId").asText();
    String session = cdp.call("Target.attachToTarget", "{\"targetId\":\"" + target + "\",\"flatten\":true}")
        .get("sessionId").asText();
    return new TenantTab(cdp, session);
  }

  /** The browser-level client, for browser domains (SystemInfo, Browser). */
  CdpTestClient browser() {
    return cdp;
  }

  /** {@code Page.navigate}'s answer: {@code errorText} says when the navigation failed. */
  JsonNode navigate(String url) throws Exception {
    return cdp.call("Page.navigate", "{\"url\":" + JSON.writeValueAsString(url) + "}", session);
  }

  /** Evaluates {@code expression} in the page, awaiting a promise, and returns its value as text. */
  String eval(String expression) throws Exception {
    JsonNode result = cdp.call("Runtime.evaluate", "{\"expression\":" + JSON.writeValueAsString(expression)
        + ",\"awaitPromise\":true,\"returnByValue\":true}", session);
    JsonNode value = result.path("result").path("value");
    return value.isMissingNode() ? result.toString() : value.asText();
  }

  /** Calls a page-level method. */
  JsonNode call(String method, String params) throws Exception {
    return cdp.call(method, params, session);
  }

  @Override
  public void close() throws Exception {
    cdp.close();
  }
}
