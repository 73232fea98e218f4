package io.browsergrid.agent.acme;

import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The agent's own TLS certificate, obtained by ACME (http-01) while its browser starts and renewed once two thirds
 * of its lifetime have passed; a failed renewal is retried until the certificate expires, and then the agent has
 * lost it ({@code onLost}): it must not serve clients without one. Thread-safe.
 */
public final class AgentCertificate implements AutoCloseable {
  private static final System.Logger LOG = System.getLogger(AgentCertificate.class.getName());
  private static final Duration MAX_RETRY = Duration.ofMinutes(1);

  private record Held(IssuedCertificate certificate, SslContext context) {}

  private final AcmeSettings settings;
  private final String challengeHost;
  private final Clock clock;
  private final CompletableFuture<Void> first = new CompletableFuture<>();
  private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(runnable -> {
    Thread thread = new Thread(runnable, "agent-certificate");
    thread.setDaemon(true);
    return thread;
  });
  private volatile Held held;
  private volatile Runnable onLost = () -> { };
  private ChallengeServer challenges;

  /** @param challengeHost the address the http-01 challenges are answered on ({@code 0.0.0.0} in a container) */
  public AgentCertificate(AcmeSettings settings, String challengeHost, Clock clock) {
    this.settings = settings;
    this.challengeHost = challengeHost;
    this.clock = clock;
  }

  /**
   * Starts answering challenges and obtaining the certificate, off the caller's thread. Callable once.
   *
   * @param lost called when the certificate expires without a renewal
   * @return completes when the first certificate is served, or fails with why it could not be obtained
   */
  public synchronized CompletableFuture<Void> start(Runnable lost) {
    if (challenges != null) {
      throw new IllegalStateException("a certificate starts once");
    }
    onLost = lost;
    try {
      challenges = new ChallengeServer(challengeHost, settings.challengePort());
    } catch (IOException e) {
      first.completeExceptionally(new IOException("cannot answer ACME challenges on port "
          + settings.challengePort() + ": " + e.getMessage(), e));
      return first.copy();
    }
    timer.execute(this::obtain);
    return first.copy();
  }

  /** The TLS context of the current certificate, or null while there is none valid (not yet, or expired). */
  public SslContext current() {
    Held now = held;
    return now != null && now.certificate().validAt(clock.instant()) ? now.context() : null;
  }

  /** The certificate being served, if any. */
  public Optional<X509Certificate> leaf() {
    return Optional.ofNullable(held).map(h -> h.certificate().leaf());
  }

  private void obtain() {
    try {
      IssuedCertificate certificate = new AcmeClient(settings, challenges).obtain();
      SslContext context = SslContextBuilder.forServer(certificate.key(),
          certificate.chain().toArray(X509Certificate[]::new)).build();
      held = new Held(certificate, context);
      LOG.log(Level.INFO, "certificate for {0} until {1}",
          certificate.leaf().getSubjectX500Principal().getName(), certificate.notAfter());
      first.complete(null);
      schedule(this::obtain, certificate.renewAt());
    } catch (IOException | RuntimeException e) {
      Held current = held;
      if (current == null) {
        first.completeExceptionally(e);
        return;
      }
      Instant now = clock.instant();
      if (!current.certificate().validAt(now)) {
        LOG.log(Level.WARNING, "the certificate expired without a renewal: " + e.getMessage());
        onLost.run();
        return;
      }
      Duration left = Duration.between(now, current.certificate().notAfter());
      Duration retry = left.dividedBy(4).compareTo(MAX_RETRY) > 0 ? MAX_RETRY : left.dividedBy(4);
      LOG.log(Level.WARNING, "renewing the certificate failed, again in " + retry + ": " + e.getMessage());
      schedule(this::obtain, now.plus(retry));
      schedule(this::checkExpiry, current.certificate().notAfter());
    }
  }

  private void checkExpiry() {
    if (current() == null) {
      onLost.run();
    }
  }

  private void schedule(Runnable task, Instant at) {
    long delay = Math.max(0, Duration.between(clock.instant(), at).toMillis());
    try {
      timer.schedule(task, delay, TimeUnit.MILLISECONDS);
    } catch (RejectedExecutionException closed) {
      // the agent ended meanwhile
    }
  }

  /** Stops renewing and answering challenges; idempotent. */
  @Override
  public synchronized void close() {
    timer.shutdownNow();
    if (challenges != null) {
      challenges.close();
    }
    first.completeExceptionally(new IllegalStateException("the agent ended"));
  }
}
