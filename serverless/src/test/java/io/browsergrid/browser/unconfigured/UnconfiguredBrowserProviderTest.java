package io.browsergrid.browser.unconfigured;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.browsergrid.browser.BrowserHandle;
import io.browsergrid.browser.BrowserProviderException;
import io.browsergrid.browser.BrowserSpec;
import io.browsergrid.browser.BrowserState;
import org.junit.jupiter.api.Test;

class UnconfiguredBrowserProviderTest {
  private final UnconfiguredBrowserProvider provider = new UnconfiguredBrowserProvider("fargate");

  @Test
  void startsAreRefusedSayingWhatToSet() {
    assertThatThrownBy(() -> provider.start(new BrowserSpec("b1", null, null)))
        .isInstanceOf(BrowserProviderException.class).hasMessageContaining("BROWSERGRID_PROVIDER to fargate");
  }

  @Test
  void itRunsNothing() {
    BrowserHandle handle = new BrowserHandle("b1", "ref");

    assertThat(provider.list()).isEmpty();
    assertThat(provider.state(handle).phase()).isEqualTo(BrowserState.Phase.GONE);
    provider.stop(handle);
  }
}
