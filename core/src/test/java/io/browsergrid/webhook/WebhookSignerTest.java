package io.browsergrid.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class WebhookSignerTest {
  @Test
  void matchesTheStandardWebhooksReferenceVector() {
    WebhookSigner signer = new WebhookSigner("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw");
    byte[] body = "{\"test\": 2432232314}".getBytes(StandardCharsets.UTF_8);

    assertThat(signer.signature("msg_p5jXN8AQM9LWM0D4loKWxJek", 1614265330, body))
        .isEqualTo("v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=");
  }

  @Test
  void signsIdTimestampAndBodyWithTheDecodedKey() throws Exception {
    byte[] key = new byte[32];
    for (int i = 0; i < key.length; i++) {
      key[i] = (byte) (i * 7 + 3);
    }
    String secret = "whsec_" + Base64.getEncoder().encodeToString(key);
    byte[] body = "{\"type\":\"session.running\",\"data\":{\"name\":\"Zoë\"}}".getBytes(StandardCharsets.UTF_8);
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec(key, "HmacSHA256"));
    mac.update("evt_123.1700000000.".getBytes(StandardCharsets.UTF_8));
    String expected = "v1," + Base64.getEncoder().encodeToString(mac.doFinal(body));

    WebhookSigner signer = new WebhookSigner(secret);

    assertThat(signer.signature("evt_123", 1700000000L, body)).isEqualTo(expected);
    assertThat(signer.signature("evt_123", 1700000001L, body)).isNotEqualTo(expected);
    assertThat(signer.signature("evt_124", 1700000000L, body)).isNotEqualTo(expected);
    assertThat(signer.headers("evt_123", 1700000000L, body)).containsExactly(
        entry("webhook-id", "evt_123"),
        entry("webhook-timestamp", "1700000000"),
        entry("webhook-signature", expected));
  }

  @Test
  void newSecretsAreValidRandomAndThirtyTwoBytes() {
    SecureRandom random = new SecureRandom();
    String a = WebhookSigner.newSecret(random);
    String b = WebhookSigner.newSecret(random);

    assertThat(a).startsWith("whsec_").isNotEqualTo(b);
    assertThat(Base64.getDecoder().decode(a.substring(6))).hasSize(32);
    assertThat(WebhookSigner.validSecret(a)).isTrue();
    assertThat(new WebhookSigner(a).signature("m", 1, new byte[0])).startsWith("v1,");
  }

  @ParameterizedTest
  @NullAndEmptySource
  @ValueSource(strings = {
      "whsec_",
      "MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw",
      "whsk_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw",
      "WHSEC_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw",
      "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaS!",
      "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2La",
      "whsec_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=",
      " whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"})
  void refusesSecretsThatAreNotWhsecAndBase64OfAtLeast24Bytes(String secret) {
    assertThat(WebhookSigner.validSecret(secret)).isFalse();
    assertThatThrownBy(() -> new WebhookSigner(secret)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("whsec_");
  }

  @Test
  void refusesKeysLongerThan64Bytes() {
    String tooLong = "whsec_" + Base64.getEncoder().encodeToString(new byte[65]);
    String longest = "whsec_" + Base64.getEncoder().encodeToString(new byte[64]);

    assertThat(WebhookSigner.validSecret(tooLong)).isFalse();
    assertThat(WebhookSigner.validSecret(longest)).isTrue();
  }

  @Test
  void refusesABlankMessageId() {
    WebhookSigner signer = new WebhookSigner(WebhookSigner.newSecret(new SecureRandom()));

    assertThatThrownBy(() -> signer.signature(" ", 1, new byte[0])).isInstanceOf(IllegalArgumentException.class);
  }
}
