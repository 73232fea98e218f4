package io.browsergrid.session;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class AgentSignaturesTest {
  private static final Instant NOW = Instant.parse("2025-01-02T03:04:05Z");
  private static final byte[] BODY = "{\"type\":\"ready\"}".getBytes(StandardCharsets.UTF_8);

  private final AgentSignatures signatures = new AgentSignatures(id -> "token-of-" + id,
      Clock.fixed(NOW, ZoneOffset.UTC));

  @Test
  void aSignatureMadeWithTheSessionsTokenVerifies() {
    long at = NOW.getEpochSecond();

    assertThat(signatures.verify("s1", Long.toString(at), signatures.sign("s1", at, BODY), BODY)).isTrue();
  }

  @Test
  void anotherSessionABodyChangedOrATimestampMovedDoesNotVerify() {
    long at = NOW.getEpochSecond();
    String signature = signatures.sign("s1", at, BODY);

    assertThat(signatures.verify("s2", Long.toString(at), signature, BODY)).isFalse();
    assertThat(signatures.verify("s1", Long.toString(at), signature, "{}".getBytes(StandardCharsets.UTF_8))).isFalse();
    assertThat(signatures.verify("s1", Long.toString(at + 1), signature, BODY)).isFalse();
  }

  @Test
  void aSignatureOlderOrNewerThanTheToleranceDoesNotVerify() {
    long stale = NOW.minus(AgentSignatures.TOLERANCE).getEpochSecond() - 1;
    long future = NOW.plus(AgentSignatures.TOLERANCE).getEpochSecond() + 1;
    long edge = NOW.minus(AgentSignatures.TOLERANCE).getEpochSecond();

    assertThat(signatures.verify("s1", Long.toString(stale), signatures.sign("s1", stale, BODY), BODY)).isFalse();
    assertThat(signatures.verify("s1", Long.toString(future), signatures.sign("s1", future, BODY), BODY)).isFalse();
    assertThat(signatures.verify("s1", Long.toString(edge), signatures.sign("s1", edge, BODY), BODY)).isTrue();
  }

  @Test
  void missingOrMalformedPartsDoNotVerify() {
    String at = Long.toString(NOW.getEpochSecond());
    String signature = signatures.sign("s1", NOW.getEpochSecond(), BODY);

    assertThat(signatures.verify("s1", null, signature, BODY)).isFalse();
    assertThat(signatures.verify("s1", at, null, BODY)).isFalse();
    assertThat(signatures.verify(null, at, signature, BODY)).isFalse();
    assertThat(signatures.verify("s1", "yesterday", signature, BODY)).isFalse();
    assertThat(signatures.verify("s1", at, "v1=not base64!", BODY)).isFalse();
    assertThat(signatures.verify("s1", at, signature.replace("v1=", "v2="), BODY)).isFalse();
    assertThat(signatures.verify("s1", "99999999999999999", signature, BODY)).isFalse();
  }
}
