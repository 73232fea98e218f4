package io.browsergrid.agent.server;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.browsergrid.agent.CdpEndpoint;
import io.browsergrid.agent.ChromiumLauncher;
import io.browsergrid.agent.ChromiumProcess;
import io.browsergrid.agent.acme.AgentCertificate;
import io.browsergrid.agent.proxy.CdpRelay;
import io.browsergrid.session.AgentReport;
import io.netty.channel.ChannelHandler;
import io.netty.handler.ssl.SslContext;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.lang.System.Logger.Level;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;

/**
 * One browser container's agent: one Chromium, the server in front of it, and the events about it.
 *
 * <p>{@link #start()} launches Chromium and starts listening; {@link #ready()} completes once Chromium answers CDP,
 * and then {@code ready} is reported. While clients are connected, activity is reported when one connects or
 * disconnects and every activity interval. The agent ends exactly once, and {@link #exited()} completes with why:
 * when Chromium exits, when it cannot be started or does not answer within the start timeout (each reported as
 * {@code exited} first), or on {@link #stop()} (not reported: the control plane asked for it). Ending closes the
 * server and kills Chromium's whole process tree. Thread-safe.
 */
public final class Agent {
  private static final System.Logger LOG = System.getLogger(Agent.class.getName());
  private static final int WORKER_THREADS = 2;
  private static final Duration CHROMIUM_HTTP_TIMEOUT = Duration.ofSeconds(2);
  private static final Duration EXIT_REPORT_TIMEOUT = Duration.ofSeconds(10);
  private static final Duration STOP_TIMEOUT = Duration.ofSeconds(20);

  private final AgentConfig config;
  private final ChromiumLauncher launcher;
  private final AgentEvents events;
  private final AgentCertificate certificate;
  private final Clock clock;
  private final ChromiumHttp chromiumHttp;
  private final LocalBrowser browser;
  private final ClientActivity activity;
  private final TokenCheck tokens;
  private final PublicUrls urls;
  private final HttpAnswers answers = new HttpAnswers(new ObjectMapper());
  private final ScheduledExecutorService tasks;
  private final CompletableFuture<Void> ready = new CompletableFuture<>();
  private final CompletableFuture<AgentExit> exited = new CompletableFuture<>();
  private final AtomicBoolean ending = new AtomicBoolean();
  private boolean started;
  private ChromiumProcess chromium;
  private NettyTransport transport;
  private CdpRelay relay;
  private AgentServer server;

  /** @param events where ready, activity and exited go ({@link AgentEvents#discarding()} for nowhere) */
  public Agent(AgentConfig config, ChromiumLauncher launcher, AgentEvents events, Clock clock) {
    this(config, launcher, events, null, clock);
  }

  /**
   * @param certificate the certificate to obtain by ACME while Chromium starts and to serve {@code wss} with (the
   *                    agent is ready only once it has one), or null for {@code config}'s TLS files or plain
   *                    {@code ws}
   */
  public Agent(AgentConfig config, ChromiumLauncher launcher, AgentEvents events, AgentCertificate certificate,
      Clock clock) {
    this.config = config;
    this.launcher = launcher;
    this.events = events;
    this.certificate = certificate;
    this.clock = clock;
    this.chromiumHttp = new ChromiumHttp(Executors.newCachedThreadPool(runnable -> {
      Thread thread = new Thread(runnable, "chromium-http");
      thread.setDaemon(true);
      return thread;
    }), CHROMIUM_HTTP_TIMEOUT);
    this.browser = new LocalBrowser(chromiumHttp);
    this.activity = new ClientActivity(events, config.browserId(), clock);
    this.tokens = new TokenCheck(config.sessionToken());
    this.urls = new PublicUrls(config.publicUrl());
    this.tasks = Executors.newSingleThreadScheduledExecutor(runnable -> {
      Thread thread = new Thread(runnable, "agent-" + config.browserId());
      thread.setDaemon(true);
      return thread;
    });
  }

  /**
   * Launches Chromium and listens; returns the bound address without waiting for Chromium to answer. Callable
   * once. On failure the agent has ended ({@link AgentExit#START_FAILED}) before this throws.
   *
   * @throws IOException if the TLS files are unusable, Chromium cannot be spawned or the port cannot be bound
   */
  public synchronized InetSocketAddress start() throws IOException {
    if (started) {
      throw new IllegalStateException("an agent starts once");
    }
    started = true;
    try {
      Supplier<SslContext> tls = null;
      CompletableFuture<Void> certified = CompletableFuture.completedFuture(null);
      if (certificate != null) {
        tls = certificate::current;
        certified = certificate.start(() -> end(AgentExit.certificateLost(), true))
            .handle((done, failed) -> {
              if (failed != null) {
                end(AgentExit.noCertificate(failed.getMessage()), true);
                throw new CompletionException(failed);
              }
              return done;
            });
        if (certified.isCompletedExceptionally()) {
          // the challenge port could not be had: the agent has ended, and no Chromium may start for it
          throw new IOException("no TLS certificate: " + certified.handle((done, failed) -> failed.getMessage())
              .join());
        }
      } else if (config.tls() != null) {
        SslContext fixed = TlsFiles.load(config.tls(), clock.instant());
        tls = () -> fixed;
      }
      Files.createDirectories(config.workDir());
      Path profileDir = Files.createTempDirectory(config.workDir(), "browser-");
      chromium = launcher.launch(config.browserId(), config.browser(), profileDir);
      chromium.onExit(this::onChromiumExit);
      transport = NettyTransport.create(WORKER_THREADS);
      relay = new CdpRelay(transport.socketChannel());
      server = new AgentServer(transport, tls, this::requestHandler);
      InetSocketAddress address = server.bind(config.bindHost(), config.port());
      chromium.ready()
          .thenCompose(answer -> chromiumHttp.version(CdpEndpoint.parse(answer.cdpEndpoint())))
          // ready, and so reported, only with the certificate clients will verify
          .thenCombine(certified, (version, done) -> version)
          .orTimeout(config.startTimeout().toMillis(), TimeUnit.MILLISECONDS)
          .whenCompleteAsync(this::settleReady, tasks);
      long interval = config.activityInterval().toMillis();
      tasks.scheduleAtFixedRate(activity::tick, interval, interval, TimeUnit.MILLISECONDS);
      LOG.log(Level.INFO, "agent for browser {0} listening on {1} ({2})", config.browserId(), address,
          tls == null ? "plain" : certificate != null ? "TLS by ACME" : "TLS");
      return address;
    } catch (IOException | RuntimeException e) {
      end(AgentExit.startFailed(e.toString()), true);
      throw e;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      end(AgentExit.startFailed("interrupted"), true);
      throw new InterruptedIOException("interrupted while binding");
    }
  }

  /** Completes once Chromium answers CDP and clients are served; fails if the agent ends before. */
  public CompletableFuture<Void> ready() {
    return ready.copy();
  }

  /** Completes once the agent has ended: server closed, Chromium's tree killed, {@code exited} reported. */
  public CompletableFuture<AgentExit> exited() {
    return exited.copy();
  }

  /**
   * Ends the agent without reporting {@code exited} (the control plane asked for it) and returns how it ended:
   * {@link AgentExit#stopped()}, or the earlier exit if the agent had already ended or was ending. Idempotent;
   * waits at most 20 seconds for an ending already under way.
   */
  public AgentExit stop() {
    end(AgentExit.stopped(), false);
    try {
      return exited.get(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return exited.getNow(AgentExit.stopped());
    } catch (ExecutionException | TimeoutException e) {
      return exited.getNow(AgentExit.stopped());
    }
  }

  private ChannelHandler requestHandler() {
    return new AgentHttpHandler(tokens, browser, relay, activity, urls, answers);
  }

  private void settleReady(ChromiumVersion version, Throwable error) {
    if (error != null) {
      Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
      ready.completeExceptionally(cause);
      end(AgentExit.startFailed(cause instanceof TimeoutException
          ? "no CDP answer within " + config.startTimeout() : cause.getMessage()), true);
      return;
    }
    browser.ready(version);
    if (browser.current().isEmpty()) {
      return;
    }
    if (!chromium.isAlive()) {
      // it died between answering and now, and chromiumExited already ran while it was not ready yet
      end(AgentExit.browserExited("code " + chromium.exitCode().orElse(-1)), true);
      return;
    }
    LOG.log(Level.INFO, "browser {0} ready: {1}", config.browserId(), version.browser());
    ready.complete(null);
    events.send(new AgentReport(AgentReport.Type.READY, config.browserId(), clock.instant(), activity.clients()));
  }

  private void onChromiumExit() {
    try {
      tasks.execute(this::chromiumExited);
    } catch (RejectedExecutionException alreadyEnded) {
      // the agent killed Chromium itself while ending and has shut its tasks down
    }
  }

  private void chromiumExited() {
    if (browser.current().isEmpty()) {
      // not ready yet: its readiness fails with the end of stderr, and settleReady ends the agent with that
      return;
    }
    end(AgentExit.browserExited("code " + chromium.exitCode().orElse(-1)), true);
  }

  private void end(AgentExit exit, boolean report) {
    if (!ending.compareAndSet(false, true)) {
      return;
    }
    int clients = activity.clients();
    browser.gone();
    ready.completeExceptionally(new IllegalStateException("the agent ended: " + exit.reason()));
    synchronized (this) {
      if (server != null) {
        server.close();
      }
      if (chromium != null) {
        chromium.kill();
      }
      if (transport != null) {
        transport.shutdown();
      }
      if (certificate != null) {
        certificate.close();
      }
    }
    CompletableFuture<Void> reported = report
        ? events.send(new AgentReport(AgentReport.Type.EXITED, config.browserId(), clock.instant(), clients))
            .completeOnTimeout(null, EXIT_REPORT_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)
        : CompletableFuture.completedFuture(null);
    reported.whenComplete((done, error) -> {
      tasks.shutdown();
      LOG.log(exit.code() == AgentExit.STOPPED ? Level.INFO : Level.WARNING, "agent for browser {0} ended: {1}",
          config.browserId(), exit.reason());
      exited.complete(exit);
    });
  }
}
