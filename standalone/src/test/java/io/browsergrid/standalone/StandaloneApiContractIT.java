package io.browsergrid.standalone;

import io.browsergrid.api.ApiContract;
import java.net.URI;
import java.util.Map;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The black-box checks every shape passes, against the standalone server. */
class StandaloneApiContractIT extends ApiContract {
  @RegisterExtension
  static final ServerFixture server = ServerFixture.perClass(Map.of(
      "BROWSERGRID_BROWSER_ALLOW_PRIVATE", "true", "BROWSERGRID_WEBHOOK_ALLOW_PRIVATE", "true"));

  @Override
  protected URI baseUrl() {
    return server.baseUrl();
  }

  @Override
  protected String operatorKey() {
    return ServerFixture.OPERATOR_KEY;
  }
}
