package io.browsergrid.aws;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code scripts/deploy}'s refusals before it touches anything: each missing tool or credential is named with how to
 * get it. (A deploy itself needs Docker and an AWS account, which these machines have not.)
 */
class ScriptsDeployIT {
  @TempDir
  Path bin;

  @Test
  void withoutACloudItSaysHowToCallIt() throws Exception {
    assertThat(run(System.getenv("PATH"))).contains("usage: scripts/deploy aws [--plan]");
  }

  @Test
  void eachMissingToolOrCredentialIsNamed() throws Exception {
    link("bash", "git", "head", "dirname", "base64");
    assertThat(run(bin.toString(), "aws")).contains("Terraform is not installed");

    link("terraform");
    assertThat(run(bin.toString(), "aws")).contains("Docker is not installed");

    stub("docker", "exit 1");
    assertThat(run(bin.toString(), "aws")).contains("its engine does not answer");

    stub("docker", "exit 0");
    assertThat(run(bin.toString(), "aws")).contains("the AWS CLI is not installed");

    stub("aws", "echo 'Unable to locate credentials' >&2; exit 255");
    assertThat(run(bin.toString(), "aws", "--plan")).contains("no AWS credentials");
  }

  @Test
  void aCloudNotDeployableYetIsNamed() throws Exception {
    assertThat(run(System.getenv("PATH"), "gcp")).contains("gcp is not deployable yet");
  }

  private String run(String path, String... args) throws IOException, InterruptedException {
    String[] command = new String[args.length + 1];
    command[0] = Path.of("../scripts/deploy").toAbsolutePath().normalize().toString();
    System.arraycopy(args, 0, command, 1, args.length);
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
    builder.environment().put("PATH", path);
    Process process = builder.start();
    String output = new String(process.getInputStream().readAllBytes());
    assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
    assertThat(process.exitValue()).as(output).isNotZero();
    return output;
  }

  private void link(String... tools) throws IOException {
    for (String tool : tools) {
      for (String dir : System.getenv("PATH").split(":")) {
        Path found = Path.of(dir, tool);
        if (Files.isExecutable(found) && !Files.exists(bin.resolve(tool))) {
          Files.createSymbolicLink(bin.resolve(tool), found);
        }
      }
    }
  }

  private void stub(String tool, String body) throws IOException {
    Path file = bin.resolve(tool);
    Files.deleteIfExists(file);
    Files.writeString(file, "#!/bin/bash\n" + body + "\n");
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
  }
}
