package io.browsergrid.admission;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * The stored start line: tickets in arrival order, and the measured start time that turns a queue length into a
 * wait. One item, changed only by compare-and-set, so admission holds across every instance of a deployment.
 *
 * @param tickets       admitted and waiting tickets, oldest first
 * @param avgStartMillis the moving average of how long an admitted start took (0 before any was measured)
 */
public record StartLine(List<StartTicket> tickets, long avgStartMillis) {
  public static final StartLine EMPTY = new StartLine(List.of(), 0);

  public StartLine {
    tickets = tickets == null ? List.of() : List.copyOf(tickets);
  }

  /** This line without tickets whose lease ran out before {@code nowMillis}. */
  public StartLine live(long nowMillis) {
    return filter(t -> t.leaseUntil() >= nowMillis);
  }

  public long admitted() {
    return tickets.stream().filter(StartTicket::admitted).count();
  }

  public long waiting() {
    return tickets.size() - admitted();
  }

  /** The ticket of {@code id}, or null. */
  public StartTicket ticket(String id) {
    return tickets.stream().filter(t -> t.id().equals(id)).findFirst().orElse(null);
  }

  /** How many waiting tickets are ahead of {@code id}'s (which must be waiting). */
  public int waitingAhead(String id) {
    int ahead = 0;
    for (StartTicket t : tickets) {
      if (t.id().equals(id)) {
        return ahead;
      }
      if (!t.admitted()) {
        ahead++;
      }
    }
    throw new IllegalArgumentException("no ticket " + id);
  }

  public StartLine with(StartTicket ticket) {
    List<StartTicket> next = new ArrayList<>(tickets.size() + 1);
    boolean replaced = false;
    for (StartTicket t : tickets) {
      if (t.id().equals(ticket.id())) {
        next.add(ticket);
        replaced = true;
      } else {
        next.add(t);
      }
    }
    if (!replaced) {
      next.add(ticket);
    }
    return new StartLine(next, avgStartMillis);
  }

  public StartLine without(String id) {
    return filter(t -> !t.id().equals(id));
  }

  public StartLine measured(long avgStartMillis) {
    return new StartLine(tickets, avgStartMillis);
  }

  private StartLine filter(Predicate<StartTicket> keep) {
    return new StartLine(tickets.stream().filter(keep).toList(), avgStartMillis);
  }
}
