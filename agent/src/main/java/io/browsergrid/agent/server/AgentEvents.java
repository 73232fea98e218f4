package io.browsergrid.agent.server;

import io.browsergrid.session.AgentReport;
import java.util.concurrent.CompletableFuture;

/** Where an agent's {@link AgentReport}s go. Implementations are thread-safe. */
public interface AgentEvents {

  /**
   * Hands {@code event} on without blocking the caller. The future completes normally once the event was delivered
   * or given up on; it never completes exceptionally, since losing an event must never stop the agent.
   */
  CompletableFuture<Void> send(AgentReport event);

  /** Events for nobody: what an agent without a callback URL uses. */
  static AgentEvents discarding() {
    return event -> CompletableFuture.completedFuture(null);
  }
}
