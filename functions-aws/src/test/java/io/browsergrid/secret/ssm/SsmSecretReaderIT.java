package io.browsergrid.secret.ssm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ssm.SsmClient;
import software.amazon.awssdk.services.ssm.model.SsmException;

/** The real SsmClient against a local server answering as Parameter Store. */
class SsmSecretReaderIT {
  private final FakeSsm fake = start();
  private final SsmClient ssm = SsmClient.builder().endpointOverride(fake.endpoint()).region(Region.US_EAST_1)
      .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDLOCAL", "local")))
      .httpClientBuilder(ApacheHttpClient.builder())
      .overrideConfiguration(o -> o.retryStrategy(AwsRetryStrategy.doNotRetry())).build();
  private final SsmSecretReader reader = new SsmSecretReader(ssm);

  private static FakeSsm start() {
    try {
      return new FakeSsm();
    } catch (java.io.IOException e) {
      throw new IllegalStateException(e);
    }
  }

  @AfterEach
  void close() {
    ssm.close();
    fake.close();
  }

  @Test
  void readsEveryNameDecryptedInOneCall() {
    fake.put("/bg/operator-key", "bg_operator").put("/bg/secret-key", "c2VjcmV0");

    Map<String, String> values = reader.read(Set.of("/bg/operator-key", "/bg/secret-key"));

    assertThat(values).containsExactlyInAnyOrderEntriesOf(
        Map.of("/bg/operator-key", "bg_operator", "/bg/secret-key", "c2VjcmV0"));
    assertThat(fake.calls()).hasSize(1);
    assertThat(fake.decrypted()).containsExactly(true);
  }

  @Test
  void moreThanTenNamesTakeOneCallPerTen() {
    Set<String> names = new TreeSet<>();
    IntStream.range(0, 23).forEach(i -> {
      fake.put("/bg/p" + i, "v" + i);
      names.add("/bg/p" + i);
    });

    Map<String, String> values = reader.read(names);

    assertThat(values).hasSize(23).containsEntry("/bg/p22", "v22");
    assertThat(fake.calls()).extracting(List::size).containsExactly(10, 10, 3);
  }

  @Test
  void aMissingParameterFailsNamingIt() {
    fake.put("/bg/operator-key", "bg_operator");

    assertThatThrownBy(() -> reader.read(Set.of("/bg/operator-key", "/bg/missing")))
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("/bg/missing")
        .hasMessageNotContaining("/bg/operator-key");
  }

  @Test
  void aRefusalFromSsmReachesTheCallerAsTheSdkReportsIt() {
    fake.failWith("AccessDeniedException");

    assertThatThrownBy(() -> reader.read(Set.of("/bg/operator-key")))
        .isInstanceOf(SsmException.class).hasMessageContaining("refused by the test");
  }
}
