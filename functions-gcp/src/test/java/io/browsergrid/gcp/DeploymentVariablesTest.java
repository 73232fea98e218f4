package io.browsergrid.gcp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * The list of variables the GCP module must set ({@code modules/gcp/tests/code_variables.json}, which the module's
 * structural test checks against the Terraform) is exactly what the code refuses to start without.
 */
class DeploymentVariablesTest {
  private static final Path LIST = Path.of("../infra-terraform/modules/gcp/tests/code_variables.json");

  @Test
  void everyListedVariableIsOneTheCodeCannotStartWithout() throws Exception {
    List<String> listed = new ArrayList<>();
    JsonNode json = new ObjectMapper().readTree(LIST.toFile());
    json.get("required").forEach(name -> listed.add(name.asText()));
    Map<String, String> complete = complete();

    assertThat(start(complete)).isTrue();
    for (String name : listed) {
      Map<String, String> without = new LinkedHashMap<>(complete);
      without.remove(name);
      assertThatThrownBy(() -> start(without)).as(name).hasMessageContaining(name);
    }
    for (String name : complete.keySet()) {
      Map<String, String> without = new LinkedHashMap<>(complete);
      without.remove(name);
      boolean needed;
      try {
        needed = !start(without);
      } catch (IllegalArgumentException e) {
        needed = true;
      }
      assertThat(listed.contains(name)).as("%s is needed by the code: %s", name, needed).isEqualTo(needed);
    }
  }

  private static boolean start(Map<String, String> env) {
    Function<String, String> source = env::get;
    GcpSettings settings = GcpSettings.from(source);
    CloudRunVariables.from(source);
    settings.invoker(source);
    return true;
  }

  private static Map<String, String> complete() {
    Map<String, String> env = new LinkedHashMap<>();
    env.put("BROWSERGRID_PUBLIC_URL", "https://europe-west1-p.cloudfunctions.net/bg-api");
    env.put("BROWSERGRID_SECRET_KEY", "MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY=");
    env.put("BROWSERGRID_API_KEY", "bg_0123456789abcdef0123456789abcdef");
    env.put("BROWSERGRID_PROVIDER", "cloudrun");
    env.put("BROWSERGRID_GCP_PROJECT", "browsergrid-test");
    env.put("BROWSERGRID_PUBSUB_TOPIC", "bg-events");
    env.put("BROWSERGRID_CLOUD_RUN_REGION", "europe-west1");
    env.put("BROWSERGRID_CLOUD_RUN_IMAGE", "europe-west1-docker.pkg.dev/p/bg/browser:1");
    env.put("BROWSERGRID_CLOUD_RUN_SERVICE_ACCOUNT", "bg-browsers@browsergrid-test.iam.gserviceaccount.com");
    env.put("BROWSERGRID_AGENT_CALLBACK_URL", "https://europe-west1-p.cloudfunctions.net/bg-agent-events");
    env.put("BROWSERGRID_INVOKER_AUDIENCE", "https://europe-west1-p.cloudfunctions.net/bg-cleanup");
    env.put("BROWSERGRID_INVOKER_SERVICE_ACCOUNT", "bg-scheduler@browsergrid-test.iam.gserviceaccount.com");
    return env;
  }
}
