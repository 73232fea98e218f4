package io.browsergrid.gcp;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.KeyPairGenerator;
import java.time.Instant;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class InvokerCheckTest {
  private static final String AUDIENCE = "https://europe-west1-p.cloudfunctions.net/cleanup";
  private static final String SCHEDULER = "scheduler@p.iam.gserviceaccount.com";
  private static TestOidc google;
  private static InvokerCheck check;

  @BeforeAll
  static void start() {
    google = new TestOidc();
    check = new InvokerCheck(AUDIENCE, SCHEDULER, google.certificatesUrl());
  }

  @AfterAll
  static void stop() {
    google.close();
  }

  @Test
  void theSchedulersTokenForThisFunctionPasses() {
    assertThat(check.refusal(google.bearer(AUDIENCE, SCHEDULER))).isEmpty();
  }

  @Test
  void noTokenOrAnotherSchemeIsRefused() {
    assertThat(check.refusal(null)).contains("an OIDC bearer token is required");
    assertThat(check.refusal("Basic dXNlcjpwYXNz")).contains("an OIDC bearer token is required");
    assertThat(check.refusal("Bearer not-a-jwt")).get().asString().startsWith("the OIDC token is not valid");
  }

  @Test
  void anotherAccountsTokenIsRefused() {
    assertThat(check.refusal(google.bearer(AUDIENCE, "someone@p.iam.gserviceaccount.com")))
        .contains("the OIDC token is not the invoking service account's");
  }

  @Test
  void aTokenForAnotherAudienceAnotherIssuerExpiredOrSignedByAnotherKeyIsRefused() throws Exception {
    assertThat(check.refusal(google.bearer("https://elsewhere.example/", SCHEDULER))).isPresent();
    assertThat(check.refusal("Bearer " + google.token("https://evil.example", AUDIENCE, SCHEDULER,
        Instant.now().plusSeconds(600), google.keys()))).isPresent();
    assertThat(check.refusal("Bearer " + google.token(InvokerCheck.GOOGLE_ISSUER, AUDIENCE, SCHEDULER,
        Instant.now().minusSeconds(600), google.keys()))).isPresent();
    KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
    generator.initialize(2048);
    assertThat(check.refusal("Bearer " + google.token(InvokerCheck.GOOGLE_ISSUER, AUDIENCE, SCHEDULER,
        Instant.now().plusSeconds(600), generator.generateKeyPair()))).isPresent();
  }
}
