package io.browsergrid.agent.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.browsergrid.session.AgentSignatures;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import org.junit.jupiter.api.Test;

class CallbackSignatureTest {
  @Test
  void signsTimestampDotBodyWithTheTokenAsKey() {
    // from: printf '1700000000.{}' | openssl dgst -sha256 -hmac token -binary | base64
    String expected = "v1=uT2t4ZCPPY4RdB9eaZiM4JRjsstlHt2tCgIzlxoUPII=";

    assertThat(new AgentSignatures(id -> "token", Clock.systemUTC())
        .sign("session", 1_700_000_000L, "{}".getBytes(StandardCharsets.UTF_8)))
        .isEqualTo(expected);
  }
}
