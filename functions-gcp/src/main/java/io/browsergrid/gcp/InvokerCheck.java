package io.browsergrid.gcp;

import com.google.api.client.json.webtoken.JsonWebSignature;
import com.google.auth.oauth2.TokenVerifier;
import java.util.Optional;

/**
 * Checks that a call comes from the one Google service account allowed to make it (Cloud Scheduler's for
 * {@code cleanup}, the Pub/Sub push subscription's for {@code deliverWebhooks}): its {@code Authorization: Bearer}
 * header must hold a Google-signed OIDC token (RS256, keys from Google's JWKS), unexpired, issued by
 * {@code https://accounts.google.com}, for this function's audience, whose verified {@code email} is that account.
 * This is checked by the function itself, beside Cloud Run's invoker check, so a function made public by mistake
 * still refuses strangers.
 */
public final class InvokerCheck {
  /** Google's signing keys for ID tokens. */
  public static final String GOOGLE_CERTS = "https://www.googleapis.com/oauth2/v3/certs";
  static final String GOOGLE_ISSUER = "https://accounts.google.com";

  private final TokenVerifier verifier;
  private final String serviceAccount;

  /**
   * @param audience       the audience the token must name (the function's URL, as the caller was told)
   * @param serviceAccount the caller's service account email
   * @param certificates   where the signing keys are ({@link #GOOGLE_CERTS}; a test's own JWKS)
   */
  public InvokerCheck(String audience, String serviceAccount, String certificates) {
    this.verifier = TokenVerifier.newBuilder().setAudience(audience).setIssuer(GOOGLE_ISSUER)
        .setCertificatesLocation(certificates).build();
    this.serviceAccount = serviceAccount;
  }

  /** Why {@code authorization} (the header's value, or null) is refused, or empty when the caller is the account. */
  public Optional<String> refusal(String authorization) {
    if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
      return Optional.of("an OIDC bearer token is required");
    }
    JsonWebSignature token;
    try {
      token = verifier.verify(authorization.substring(7).trim());
    } catch (TokenVerifier.VerificationException | RuntimeException e) {
      return Optional.of("the OIDC token is not valid: " + e.getMessage());
    }
    Object email = token.getPayload().get("email");
    Object verified = token.getPayload().get("email_verified");
    if (!serviceAccount.equals(email) || !(Boolean.TRUE.equals(verified) || "true".equals(verified))) {
      return Optional.of("the OIDC token is not the invoking service account's");
    }
    return Optional.empty();
  }
}
