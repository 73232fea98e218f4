package io.browsergrid.browser;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;

/**
 * The fake passes the same contract as the real providers, so that tests on it hold for them. Where the contract
 * speaks CDP to a browser, it asks the fake which browser answers at that endpoint instead: nothing listens there.
 */
class FakeBrowserProviderTest extends BrowserProviderContract {
  private final FakeBrowserProvider provider = new FakeBrowserProvider();
  private final FakeBrowserProvider failing = new FakeBrowserProvider();

  FakeBrowserProviderTest() {
    failing.failStarts("the fake's image is missing");
  }

  @Override
  protected BrowserProvider provider() {
    return provider;
  }

  @Override
  protected BrowserProvider failingProvider() {
    return failing;
  }

  @Override
  protected JsonNode browserGetVersion(String cdpEndpoint) {
    String version = provider.versionAt(cdpEndpoint)
        .orElseThrow(() -> new AssertionError("no running browser answers at " + cdpEndpoint));
    return JsonNodeFactory.instance.objectNode().put("product", version);
  }
}
