package io.browsergrid.browser;

import java.time.Duration;
import java.util.List;
import java.util.OptionalInt;

/**
 * Starts and stops browsers: local Chromium processes, ECS Fargate tasks, Cloud Run services, ACI container groups.
 * Every implementation passes {@code BrowserProviderContract} from core's test-jar. Every method throws
 * {@link BrowserProviderException} when the provider itself cannot be reached (the API answers 503).
 */
public interface BrowserProvider {

  /** The provider's name as sessions show it ({@code local}, {@code fargate}, ...). */
  String name();

  /**
   * Starts a browser and returns at once (a cloud start takes seconds). A spec whose browser cannot start still
   * returns a handle; its state then reads {@link BrowserState.Phase#FAILED}.
   */
  BrowserHandle start(BrowserSpec spec);

  /**
   * Waits until the browser answers CDP, fails, or {@code timeout} passes, and returns the state then
   * ({@link BrowserState.Phase#STARTING} on timeout). Never throws on a browser's own failure.
   */
  BrowserState awaitReady(BrowserHandle handle, Duration timeout);

  /** The state now, without waiting. An unknown handle reads {@link BrowserState.Phase#GONE}. */
  BrowserState state(BrowserHandle handle);

  /** Stops the browser and everything it started. Idempotent: stopping a stopped or unknown browser is a no-op. */
  void stop(BrowserHandle handle);

  /** Every browser this deployment runs now, for reconciliation with the sessions in the store. */
  List<BrowserHandle> list();

  /**
   * The longest a session's browser can serve its clients here, when the platform bounds it (Cloud Run ends a
   * WebSocket at its request timeout): a create asking for more gets this as its {@code timeoutSeconds}, so its
   * {@code expiresAt} says when it really ends. Empty, the default, when only the API's own cap applies.
   */
  default OptionalInt longestSessionSeconds() {
    return OptionalInt.empty();
  }
}
