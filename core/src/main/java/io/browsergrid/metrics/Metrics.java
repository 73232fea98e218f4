package io.browsergrid.metrics;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Supplier;

/**
 * The process's counters and histograms, rendered in Prometheus text format. Gauges of session states are read from
 * the store at scrape time through {@code sessionCounts}, so they are right across processes.
 */
public final class Metrics {
  private static final double[] START_BOUNDS = {0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60};

  private final LongAdder sessionsCreated = new LongAdder();
  private final ConcurrentMap<String, LongAdder> httpRequests = new ConcurrentHashMap<>();
  private final ConcurrentMap<String, Histogram> sessionStarts = new ConcurrentHashMap<>();
  private final ConcurrentMap<String, LongAdder> webhookDeliveries = new ConcurrentHashMap<>();
  private static final double[] CLAIM_BOUNDS = {0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 1};

  private final ConcurrentMap<String, Histogram> poolClaims = new ConcurrentHashMap<>();
  private final ConcurrentMap<String, LongAdder> poolClaimResults = new ConcurrentHashMap<>();
  private final Supplier<Map<String, Long>> sessionCounts;
  private volatile Supplier<Map<String, Map<String, Integer>>> poolCounts = Map::of;
  private final ConcurrentMap<String, External> external = new ConcurrentHashMap<>();

  /** @param sessionCounts live sessions by status name, read at each scrape */
  public Metrics(Supplier<Map<String, Long>> sessionCounts) {
    this.sessionCounts = sessionCounts;
  }

  /** Where scrapes read pool counts from: pool name → {idle, starting, busy}. */
  public void poolCountsFrom(Supplier<Map<String, Map<String, Integer>>> counts) {
    this.poolCounts = counts;
  }

  /** Renders a counter kept elsewhere (the egress proxy's, say) as {@code name}, read at each scrape. */
  public void counterFrom(String name, String help, java.util.function.LongSupplier value) {
    external.put(name, new External(help, value, "counter"));
  }

  /** Renders a gauge kept elsewhere (the start line's, say) as {@code name}, read at each scrape. */
  public void gaugeFrom(String name, String help, java.util.function.LongSupplier value) {
    external.put(name, new External(help, value, "gauge"));
  }

  private record External(String help, java.util.function.LongSupplier value, String type) {}

  /** A claim on {@code pool} took {@code seconds} and found a warm browser ({@code hit}) or not. */
  public void poolClaim(String pool, boolean hit, double seconds) {
    poolClaims.computeIfAbsent("pool=\"" + pool + "\",", k -> new Histogram(CLAIM_BOUNDS)).observe(seconds);
    poolClaimResults.computeIfAbsent("pool=\"" + pool + "\",result=\"" + (hit ? "hit" : "miss") + "\"",
        k -> new LongAdder()).increment();
  }

  public void sessionCreated() {
    sessionsCreated.increment();
  }

  /** A session reached {@code running} {@code seconds} after its create. */
  public void sessionStarted(String provider, boolean pooled, double seconds) {
    sessionStarts.computeIfAbsent("provider=\"" + provider + "\",pooled=\"" + pooled + "\",",
        k -> new Histogram(START_BOUNDS)).observe(seconds);
  }

  public void httpRequest(String route, int status) {
    httpRequests.computeIfAbsent("route=\"" + route + "\",status=\"" + status + "\"", k -> new LongAdder())
        .increment();
  }

  public void webhookDelivery(String result) {
    webhookDeliveries.computeIfAbsent("result=\"" + result + "\"", k -> new LongAdder()).increment();
  }

  /** The Prometheus text exposition (version 0.0.4). */
  public String render() {
    StringBuilder out = new StringBuilder(4096);
    out.append("# HELP browsergrid_sessions Live sessions by status.\n# TYPE browsergrid_sessions gauge\n");
    Map<String, Long> counts = new TreeMap<>(Map.of("pending", 0L, "starting", 0L, "running", 0L, "stopping", 0L));
    counts.putAll(sessionCounts.get());
    counts.forEach((status, n) ->
        out.append("browsergrid_sessions{status=\"").append(status).append("\"} ").append(n).append('\n'));
    out.append("# HELP browsergrid_sessions_created_total Sessions created.\n")
        .append("# TYPE browsergrid_sessions_created_total counter\n")
        .append("browsergrid_sessions_created_total ").append(sessionsCreated.sum()).append('\n');
    out.append("# HELP browsergrid_session_start_seconds Create to running.\n")
        .append("# TYPE browsergrid_session_start_seconds histogram\n");
    new TreeMap<>(sessionStarts).forEach((labels, h) -> h.render(out, "browsergrid_session_start_seconds", labels));
    out.append("# HELP browsergrid_pool_browsers Pool browsers by state; busy counts live sessions on the pool.\n")
        .append("# TYPE browsergrid_pool_browsers gauge\n");
    new TreeMap<>(poolCounts.get()).forEach((pool, byState) -> new TreeMap<>(byState).forEach((state, n) ->
        out.append("browsergrid_pool_browsers{pool=\"").append(pool).append("\",state=\"").append(state)
            .append("\"} ").append(n).append('\n')));
    out.append("# HELP browsergrid_pool_claim_seconds Time to claim a warm browser.\n")
        .append("# TYPE browsergrid_pool_claim_seconds histogram\n");
    new TreeMap<>(poolClaims).forEach((labels, h) -> h.render(out, "browsergrid_pool_claim_seconds", labels));
    counter(out, "browsergrid_pool_claims_total", "Pool claims by result (hit or miss).", poolClaimResults);
    counter(out, "browsergrid_webhook_deliveries_total", "Webhook delivery attempts by result.", webhookDeliveries);
    counter(out, "browsergrid_http_requests_total", "HTTP requests by route and status.", httpRequests);
    new TreeMap<>(external).forEach((name, counter) -> out.append("# HELP ").append(name).append(' ')
        .append(counter.help()).append("\n# TYPE ").append(name).append(' ').append(counter.type()).append('\n')
        .append(name).append(' ')
        .append(counter.value().getAsLong()).append('\n'));
    return out.toString();
  }

  private static void counter(StringBuilder out, String name, String help, Map<String, LongAdder> values) {
    out.append("# HELP ").append(name).append(' ').append(help).append('\n')
        .append("# TYPE ").append(name).append(" counter\n");
    new TreeMap<>(values).forEach((labels, n) ->
        out.append(name).append('{').append(labels).append("} ").append(n.sum()).append('\n'));
  }
}
