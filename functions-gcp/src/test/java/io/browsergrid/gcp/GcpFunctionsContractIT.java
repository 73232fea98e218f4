package io.browsergrid.gcp;

import io.browsergrid.api.ApiContract;
import java.net.URI;
import java.nio.file.Files;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;

/**
 * The black-box checks every shape passes, through the Cloud Functions deployable: the API served by the real
 * Functions Framework invoker, state in Google's Firestore emulator, webhooks pushed by Google's Pub/Sub emulator to
 * {@code deliverWebhooks}, warm pools refilled by the scheduled {@code cleanup} (every 2 s here), each browser a
 * Cloud Run service (the local Admin API server) whose real agent the client reaches at the service's URL.
 */
class GcpFunctionsContractIT extends ApiContract {
  private GcpDeployment deployment;

  @BeforeAll
  void deploy() throws Exception {
    deployment = new GcpDeployment(Files.createTempDirectory("browsergrid-gcp-contract"),
        Map.of("BROWSERGRID_WEBHOOK_ALLOW_PRIVATE", "true"), 2000);
  }

  @Override
  protected void afterContract() {
    if (deployment != null) {
      deployment.close();
    }
  }

  @Override
  protected URI baseUrl() {
    return deployment.url("api");
  }

  @Override
  protected String operatorKey() {
    return GcpDeployment.KEY;
  }
}
