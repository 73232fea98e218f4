package io.browsergrid.usage;

import io.browsergrid.auth.TenantLimits;

/**
 * What a tenant runs now, against its limits; with the server's own when the operator asks.
 *
 * @param tenantId              whose usage
 * @param pending               sessions waiting for their turn to start
 * @param starting              sessions whose browser is starting
 * @param running               sessions running
 * @param warmBrowsers          idle and starting browsers of the tenant's own pools
 * @param maxConcurrentSessions the tenant's limit on live sessions
 * @param limits                its other quotas
 * @param server                the deployment's, for the operator only (else null)
 */
public record Usage(String tenantId, int pending, int starting, int running, int warmBrowsers,
    int maxConcurrentSessions, TenantLimits limits, Server server) {

  /** Live sessions: every one that holds a slot of the tenant's limit. */
  public int live() {
    return pending + starting + running;
  }

  /**
   * The whole deployment's.
   *
   * @param sessions        sessions holding one of its slots
   * @param maxSessions     its slot limit
   * @param startsRunning   cold starts running now
   * @param startsQueued    creates waiting for their turn
   * @param maxStarting     cold starts at once
   * @param maxQueueSeconds the longest expected wait a create is queued for
   */
  public record Server(int sessions, int maxSessions, long startsRunning, long startsQueued, int maxStarting,
      long maxQueueSeconds) {}
}
