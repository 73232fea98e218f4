package io.browsergrid.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.browsergrid.browser.BrowserHandle;
import io.browsergrid.browser.BrowserProviderException;
import io.browsergrid.browser.BrowserSpec;
import io.browsergrid.browser.BrowserState;
import org.junit.jupiter.api.Test;

class UnconfiguredBrowserProviderTest {
  private final UnconfiguredBrowserProvider provider = new UnconfiguredBrowserProvider();

  @Test
  void startsAreRefusedSayingWhatToSet() {
    assertThatThrownBy(() -> provider.start(new BrowserSpec("b1", null, null)))
        .isInstanceOf(BrowserProviderException.class).hasMessageContaining("BROWSERGRID_PROVIDER");
  }

  @Test
  void itRunsNothing() {
    BrowserHandle handle = new BrowserHandle("b1", "ref");

    assertThat(provider.list()).isEmpty();
    assertThat(provider.state(handle).phase()).isEqualTo(BrowserState.Phase.GONE);
    provider.stop(handle);
  }
}
