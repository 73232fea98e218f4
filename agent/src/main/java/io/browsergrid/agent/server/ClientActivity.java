package io.browsergrid.agent.server;

import io.browsergrid.agent.proxy.RelayListener;
import io.browsergrid.session.AgentReport;
import java.time.Clock;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Counts the connected CDP clients and reports activity: when one connects, when one disconnects, and on each
 * {@link #tick()} while any is connected. Thread-safe; never blocks.
 */
final class ClientActivity {
  private final AgentEvents events;
  private final String browserId;
  private final Clock clock;
  private final AtomicInteger clients = new AtomicInteger();

  ClientActivity(AgentEvents events, String browserId, Clock clock) {
    this.events = events;
    this.browserId = browserId;
    this.clock = clock;
  }

  /** A listener for one relayed connection: it counts once the browser accepted it, until it closes. */
  RelayListener connection() {
    return new RelayListener() {
      private boolean opened;

      @Override
      public void opened() {
        opened = true;
        report(clients.incrementAndGet());
      }

      @Override
      public void activity() {
        // idleness is judged by connected clients, not by traffic: nothing to do per read
      }

      @Override
      public void closed() {
        if (opened) {
          report(clients.decrementAndGet());
        }
      }
    };
  }

  /** Reports activity if any client is connected; the agent calls it every activity interval. */
  void tick() {
    int now = clients.get();
    if (now > 0) {
      report(now);
    }
  }

  /** How many clients are connected now. */
  int clients() {
    return clients.get();
  }

  private void report(int connected) {
    events.send(new AgentReport(AgentReport.Type.ACTIVITY, browserId, clock.instant(), connected));
  }
}
