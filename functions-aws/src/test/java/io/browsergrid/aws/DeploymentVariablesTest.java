package io.browsergrid.aws;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.browsergrid.agent.server.AgentVariables;
import io.browsergrid.secret.IndirectVariables;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.AbstractMap;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * The names the code reads, as the Terraform module's tests know them: {@code tests/code_variables.json} of
 * {@code infra-terraform/modules/aws} must list exactly the variables the functions and the browser agent read, so
 * that a variable added to the code without the module fails here, and the module's {@code terraform test} checks
 * that the functions' environment and the task definition's set each of them (directly or through a secret).
 */
class DeploymentVariablesTest {
  static final Path FILE = Path.of("../infra-terraform/modules/aws/tests/code_variables.json");
  // what a deployment must give for the code to read every optional variable after them
  private static final Map<String, String> REQUIRED = Map.of(
      "BROWSERGRID_TABLE", "browsergrid",
      "BROWSERGRID_QUEUE_URL", "https://sqs.eu-west-1.amazonaws.com/123456789012/browsergrid-events",
      "BROWSERGRID_PUBLIC_URL", "https://api.example.com",
      "BROWSERGRID_SECRET_KEY", Base64.getEncoder().encodeToString(new byte[32]),
      "BROWSERGRID_API_KEY", "bg_operator-key-for-the-test",
      "BROWSERGRID_PROVIDER", "fargate",
      "BROWSERGRID_ECS_CLUSTER", "browsergrid-browsers",
      "BROWSERGRID_ECS_TASK_DEFINITION", "browsergrid-browser",
      "BROWSERGRID_ECS_SUBNETS", "subnet-a",
      "BROWSERGRID_AGENT_CALLBACK_URL", "https://agent-events.example.com");
  private static final Map<String, String> AGENT_REQUIRED = Map.of(
      "BROWSERGRID_BROWSER_ID", "b-1", "BROWSERGRID_SESSION_TOKEN", "token", "BROWSERGRID_CHROME_PATH", "/bin/true",
      "BROWSERGRID_ACME_DIRECTORY", "https://acme.example/dir");

  @Test
  void theModuleKnowsExactlyTheVariablesTheCodeReads() throws IOException {
    Map<String, Object> expected = new LinkedHashMap<>();
    expected.put("comment", "Generated from the code by functions-aws's DeploymentVariablesTest: the variables the"
        + " functions and the browser agent read. The module's tests check its environment against it.");
    expected.put("functions", functionVariables());
    expected.put("indirect", new TreeSet<>(IndirectVariables.NAMES));
    expected.put("indirectSuffix", IndirectVariables.SUFFIX);
    expected.put("agent", agentVariables());
    String json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(expected) + "\n";

    Path current = Path.of("target/code_variables.json");
    Files.writeString(current, json);
    assertThat(Files.exists(FILE) && Files.readString(FILE).equals(json))
        .as("%s is out of date: the code reads other variables now; copy %s over it, then set them in the module",
            FILE, current.toAbsolutePath())
        .isTrue();
  }

  static SortedSet<String> functionVariables() {
    SortedSet<String> read = new TreeSet<>();
    Function<String, String> source = recording(read, REQUIRED);
    // as AwsApplication reads them: the secret references first, then the settings and the Fargate provider's
    Function<String, String> resolved = IndirectVariables.resolved(source, () -> names -> Map.of());
    AwsApplication.provider(AwsSettings.from(resolved), resolved);
    read.removeIf(name -> name.endsWith(IndirectVariables.SUFFIX));
    return read;
  }

  static SortedSet<String> agentVariables() {
    SortedSet<String> read = new TreeSet<>();
    Function<String, String> source = recording(read, AGENT_REQUIRED);
    AgentVariables variables = new AgentVariables(new AbstractMap<>() {
      @Override
      public String get(Object name) {
        return source.apply((String) name);
      }

      @Override
      public Set<Entry<String, String>> entrySet() {
        return Set.of();
      }
    });
    variables.config();
    variables.acme();
    read.remove("PATH");
    return read;
  }

  private static Function<String, String> recording(Set<String> read, Map<String, String> values) {
    return name -> {
      read.add(name);
      return values.get(name);
    };
  }

  @Test
  void theRecordingSeesTheRequiredVariables() {
    assertThat(functionVariables()).containsAll(REQUIRED.keySet()).allMatch(name -> name.startsWith("BROWSERGRID_"));
    assertThat(agentVariables()).containsAll(List.of("BROWSERGRID_BROWSER_ID", "BROWSERGRID_AGENT_PORT"));
  }
}
