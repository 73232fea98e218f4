package io.browsergrid.browser.unconfigured;

import io.browsergrid.browser.BrowserHandle;
import io.browsergrid.browser.BrowserProvider;
import io.browsergrid.browser.BrowserProviderException;
import io.browsergrid.browser.BrowserSpec;
import io.browsergrid.browser.BrowserState;
import java.time.Duration;
import java.util.List;

/**
 * The provider of a cloud deployment that names none ({@code BROWSERGRID_PROVIDER} unset or {@code none}): the API,
 * the store and webhooks work, and every browser start is refused with a {@link BrowserProviderException} saying what
 * to set. It runs nothing, so it lists nothing and stopping is a no-op.
 */
public final class UnconfiguredBrowserProvider implements BrowserProvider {
  private final String choices;

  /** @param choices what {@code BROWSERGRID_PROVIDER} may name in this deployable ({@code fargate}, say) */
  public UnconfiguredBrowserProvider(String choices) {
    this.choices = choices;
  }

  @Override
  public String name() {
    return "none";
  }

  @Override
  public BrowserHandle start(BrowserSpec spec) {
    throw new BrowserProviderException("no browser provider is configured: set BROWSERGRID_PROVIDER to " + choices,
        null);
  }

  @Override
  public BrowserState awaitReady(BrowserHandle handle, Duration timeout) {
    return state(handle);
  }

  @Override
  public BrowserState state(BrowserHandle handle) {
    return BrowserState.gone("no browser provider is configured");
  }

  @Override
  public void stop(BrowserHandle handle) {
    // nothing runs, so nothing stops
  }

  @Override
  public List<BrowserHandle> list() {
    return List.of();
  }
}
