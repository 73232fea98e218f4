package io.browsergrid.standalone;

import io.browsergrid.BrowserGridCore;
import io.browsergrid.CoreSettings;
import io.browsergrid.agent.BrowserCpuGroup;
import io.browsergrid.agent.BrowserSandbox;
import io.browsergrid.agent.BrowserSandboxes;
import io.browsergrid.agent.BubblewrapBrowserSandbox;
import io.browsergrid.agent.ChromiumLauncher;
import io.browsergrid.agent.ChromiumLocator;
import io.browsergrid.agent.CurrentUser;
import io.browsergrid.agent.LeftoverChromium;
import io.browsergrid.agent.egress.EgressProxy;
import io.browsergrid.api.PublicUrls;
import io.browsergrid.browser.local.LocalBrowserProvider;
import io.browsergrid.event.InMemoryEventQueue;
import io.browsergrid.session.EndReason;
import io.browsergrid.session.InMemorySessionActivity;
import io.browsergrid.standalone.http.NettyHttpServer;
import io.browsergrid.store.sqlite.SqliteKeyValueStore;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The standalone deployable's composition root: wires SQLite, local Chromium and the Netty edge around the core,
 * recovers from a crashed run before it listens, and ends every session and browser when closed.
 */
public final class StandaloneServer implements AutoCloseable {
  private static final Logger LOG = System.getLogger(StandaloneServer.class.getName());
  /** Webhook fan-out starts this long after a commit, so it never competes with the request that committed. */
  private static final Duration EVENT_HANDOFF = Duration.ofMillis(25);

  private final DataDir dataDir;
  private final SqliteKeyValueStore store;
  private final ExecutorService blocking;
  private final InMemoryEventQueue queue;
  private final BrowserGridCore core;
  private final CleanupLoop cleanup;
  private final NettyHttpServer http;
  private final InetSocketAddress address;
  private final Optional<String> generatedKey;
  private final String baseUrl;
  private final int recovered;
  private final LocalBrowserProvider provider;
  private final EgressProxy egress;
  private boolean closed;

  private StandaloneServer(StandaloneConfig config, Map<String, String> env) throws InterruptedException {
    Clock clock = Clock.systemUTC();
    ChromiumLocator locator = new ChromiumLocator(env);
    Path chrome = config.chromePath().map(p -> locator.locate(p.toString())).orElseGet(locator::locate);
    // before anything is opened: a server that cannot sandbox its browsers does not start
    BrowserSandbox sandbox = BrowserSandboxes.choose(!config.browserSandbox(), chrome, CurrentUser.read());
    announce(sandbox);
    this.dataDir = DataDir.open(config.dataDir());
    this.store = new SqliteKeyValueStore(dataDir.database());
    dataDir.restrict();
    int leftovers = new LeftoverChromium().killUnder(dataDir.browsers());
    if (leftovers > 0) {
      LOG.log(Level.WARNING, "killed " + leftovers + " Chromium processes left by an earlier run");
    }
    dataDir.clearBrowsers();
    this.blocking = Executors.newCachedThreadPool(daemonThreads("browsergrid-worker"));
    InMemorySessionActivity activity = new InMemorySessionActivity(clock);
    this.egress = new EgressProxy(EgressProxy.guard(config.browserAllowPrivate()));
    this.provider = new LocalBrowserProvider(new ChromiumLauncher(chrome, sandbox, egress, cpuGroup(config)),
        dataDir.browsers(), this::browserExited);
    this.http = new NettyHttpServer(blocking, config.edge());
    PublicUrls urls = config.publicUrl()
        .map(u -> new PublicUrls(u, u.replaceFirst("^http", "ws")))
        .orElse(null);
    InetSocketAddress bound = http.bind(config.host(), config.port());
    this.address = bound;
    PublicUrls effective = urls != null ? urls : PublicUrls.plain(config.host(), bound.getPort());
    this.baseUrl = effective.http();
    this.queue = new InMemoryEventQueue(32, EVENT_HANDOFF);
    this.core = BrowserGridCore.builder(store, provider, queue, new CoreSettings(config.maxSessions(), effective,
            config.secretKey().orElseGet(dataDir::secretKey), config.startTimeout(), config.metricsNeedKey(),
            config.webhookAllowPrivate(), config.defaultPoolMinIdle(), false, sandbox.name(), config.admission()))
        .executor(blocking).clock(clock).proxiedClients(activity).build();
    core.metrics().counterFrom("browsergrid_egress_refused_total",
        "Connections from browsers the egress policy refused.", egress.counters()::refusedTotal);
    core.metrics().counterFrom("browsergrid_egress_connections_total",
        "Connections from browsers the egress let through.", egress.counters()::allowedTotal);
    queue.consumeWith(core.deliverWebhooks()::deliver);
    this.generatedKey = core.bootstrap(config.apiKey());
    this.recovered = core.reaper().endAll(EndReason.CLEANUP, "left running when the server last stopped");
    core.startQueue().clear();
    if (recovered > 0) {
      LOG.log(Level.WARNING, "ended " + recovered + " sessions an earlier run left running");
    }
    core.pools().drainAll();
    int requeued = core.cleanup().requeueAll();
    if (requeued > 0) {
      LOG.log(Level.INFO, "queued " + requeued + " undelivered events again");
    }
    this.cleanup = new CleanupLoop(core.cleanup(), store, clock);
    cleanup.start(config.cleanupInterval(), core.pools());
    http.serve(core.api(), core.cdp());
  }

  /** Starts a server; it is listening when this returns. */
  public static StandaloneServer start(StandaloneConfig config, Map<String, String> env) throws InterruptedException {
    return new StandaloneServer(config, env);
  }

  /** The address it listens on. */
  public InetSocketAddress address() {
    return address;
  }

  /** The base URL clients use. */
  public String baseUrl() {
    return baseUrl;
  }

  /** The operator key generated at this start (first start without a configured key), to print once. */
  public Optional<String> generatedKey() {
    return generatedKey;
  }

  /** Sessions ended at start because an earlier run left them running. */
  public int recovered() {
    return recovered;
  }

  /** Stops listening, ends every session ({@code cleanup}) and stops every browser, then closes the store. */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    http.close();
    cleanup.close();
    int ended = core.reaper().endAll(EndReason.CLEANUP, "the server shut down");
    core.pools().drainAll();
    LOG.log(Level.INFO, "stopped; ended " + ended + " sessions");
    queue.close();
    blocking.shutdownNow();
    try {
      blocking.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    // a pool start still in flight when the pools were drained may have spawned a browser since: none may outlive us
    provider.list().forEach(provider::stop);
    new LeftoverChromium().killUnder(dataDir.browsers());
    egress.close();
    store.close();
    dataDir.close();
  }

  /** A browser died on its own (crash, OOM kill): its session fails now, not at the next cleanup pass. */
  private void browserExited(String browserId) {
    blocking.execute(() -> core.sessions().browserExited(browserId));
  }

  private static void announce(BrowserSandbox sandbox) {
    if (sandbox instanceof BubblewrapBrowserSandbox bubblewrap && !bubblewrap.ownUids()) {
      LOG.log(Level.WARNING, "browsers run sandboxed (" + sandbox.name() + "), but all as this server's uid: run the "
          + "server as root for a uid of their own per browser");
    } else if (sandbox.isolates()) {
      LOG.log(Level.INFO, "browsers run sandboxed (" + sandbox.name() + ")");
    } else {
      LOG.log(Level.WARNING, "THE BROWSER SANDBOX IS OFF (BROWSERGRID_BROWSER_SANDBOX=off): tenants are not isolated "
          + "from this host, its network or each other");
    }
  }

  /** The idle CPU group browsers run in, when enabled and the machine has one (see {@link BrowserCpuGroup}). */
  private static Optional<BrowserCpuGroup> cpuGroup(StandaloneConfig config) {
    if (!config.browserCpuGroup()) {
      return Optional.empty();
    }
    Optional<BrowserCpuGroup> group = BrowserCpuGroup.findOr(
        why -> LOG.log(Level.INFO, "browsers run at SCHED_IDLE without a CPU group: " + why));
    group.ifPresent(g -> LOG.log(Level.INFO, "browsers run in the idle CPU group " + g));
    return group;
  }

  private static ThreadFactory daemonThreads(String name) {
    AtomicInteger n = new AtomicInteger();
    return r -> {
      Thread t = new Thread(r, name + "-" + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    };
  }
}
