package io.browsergrid.session;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.function.UnaryOperator;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Signs (in the agent) and checks (in every cloud's {@code agentEvents}) the callbacks a browser container's agent
 * sends about its session. The key is the session's CDP
 * token, which the container already holds and nothing else does; the signature is
 * {@code v1=<base64 HMAC-SHA256(token, timestamp + "." + body)>}, and a timestamp more than
 * {@link #TOLERANCE} away from now is refused, so a recorded callback cannot be replayed later.
 */
public final class AgentSignatures {
  /** The headers a callback carries: the session it is about, when it was sent (epoch seconds), its signature. */
  public static final String SESSION_HEADER = "X-BrowserGrid-Session";
  public static final String TIMESTAMP_HEADER = "X-BrowserGrid-Timestamp";
  public static final String SIGNATURE_HEADER = "X-BrowserGrid-Signature";
  /** How far a callback's timestamp may be from this clock. */
  public static final Duration TOLERANCE = Duration.ofMinutes(5);
  private static final String VERSION = "v1=";

  private final UnaryOperator<String> tokenOf;
  private final Clock clock;

  /** @param tokenOf a session id's CDP token */
  public AgentSignatures(UnaryOperator<String> tokenOf, Clock clock) {
    this.tokenOf = tokenOf;
    this.clock = clock;
  }

  /** The signature header value for {@code body}, sent for {@code sessionId} at {@code timestamp} (epoch seconds). */
  public String sign(String sessionId, long timestamp, byte[] body) {
    return VERSION + Base64.getEncoder().encodeToString(mac(sessionId, Long.toString(timestamp), body));
  }

  /** True when {@code signature} is {@code sessionId}'s over {@code timestamp} and {@code body}, and is fresh. */
  public boolean verify(String sessionId, String timestamp, String signature, byte[] body) {
    if (sessionId == null || timestamp == null || signature == null || !signature.startsWith(VERSION)) {
      return false;
    }
    Instant sent;
    byte[] given;
    try {
      sent = Instant.ofEpochSecond(Long.parseLong(timestamp));
      given = Base64.getDecoder().decode(signature.substring(VERSION.length()));
    } catch (IllegalArgumentException | DateTimeException malformed) {
      return false;
    }
    if (Duration.between(sent, clock.instant()).abs().compareTo(TOLERANCE) > 0) {
      return false;
    }
    return MessageDigest.isEqual(mac(sessionId, timestamp, body), given);
  }

  private byte[] mac(String sessionId, String timestamp, byte[] body) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(tokenOf.apply(sessionId).getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      mac.update((timestamp + ".").getBytes(StandardCharsets.UTF_8));
      return mac.doFinal(body);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 unavailable", e);
    }
  }
}
