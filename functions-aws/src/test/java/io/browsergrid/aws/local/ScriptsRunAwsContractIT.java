package io.browsergrid.aws.local;

import io.browsergrid.api.ApiContract;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;

/**
 * The black-box checks every shape passes, through {@code scripts/run aws}: the Lambda deployable's functions behind
 * their local function URLs, webhooks through ElasticMQ and the local SQS event source, warm pools refilled by the
 * scheduled {@code cleanup} (every 2 s here), each browser reached at its agent's own endpoint.
 */
class ScriptsRunAwsContractIT extends ApiContract {
  private ScriptsRunAws run;
  private Path dataDir;

  @BeforeAll
  void startTheScript() throws Exception {
    dataDir = Files.createTempDirectory("browsergrid-run-aws-contract");
    run = new ScriptsRunAws(dataDir, Map.of("BROWSERGRID_WEBHOOK_ALLOW_PRIVATE", "true",
        "BROWSERGRID_CLEANUP_INTERVAL_MS", "2000"));
    run.awaitHealth();
  }

  @Override
  protected void afterContract() throws Exception {
    if (run != null) {
      run.process().destroy();
      run.process().waitFor();
      run.close();
    }
  }

  @Override
  protected URI baseUrl() {
    return run.baseUrl();
  }

  @Override
  protected String operatorKey() {
    return ScriptsRunAws.KEY;
  }
}
