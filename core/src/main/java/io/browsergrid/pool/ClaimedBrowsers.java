package io.browsergrid.pool;

import java.util.Optional;

/**
 * Finds the session that claimed a warm pool browser. A cloud's warm browser is a container started before any
 * session existed, so its agent knows itself, signs its reports and checks CDP tokens by its browser id.
 */
@FunctionalInterface
public interface ClaimedBrowsers {
  /**
   * The id of the session holding pool browser {@code browserId}; empty for a browser no session holds (idle, gone,
   * or unknown). Reads only; never throws for an unknown id.
   *
   * @throws io.browsergrid.store.StoreUnavailableException when the store cannot answer
   */
  Optional<String> sessionOf(String browserId);
}
