package io.browsergrid.pool;

import static org.assertj.core.api.Assertions.assertThat;

import io.browsergrid.auth.Tenant;
import io.browsergrid.browser.BrowserOptions;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class PoolTest {
  @Test
  void metricsNameTheSharedAndTheOperatorsPoolsAndNoOtherTenantsPool() {
    assertThat(pool(Pool.SHARED, "default").metricsLabel()).isEqualTo("default");
    assertThat(pool(Tenant.DEFAULT_ID, "scrapers").metricsLabel()).isEqualTo("default/scrapers");
    assertThat(pool("t-0a1b2c", "acme-checkout").metricsLabel()).isEqualTo(Pool.OTHER_TENANTS_LABEL);
  }

  @Test
  void eachPoolKeepsItsBrowsersInAPartitionOfItsOwn() {
    assertThat(pool("t-1", "a").partition()).isNotEqualTo(pool("t-2", "a").partition());
  }

  private static Pool pool(String owner, String name) {
    return new Pool(owner, name, "local", 0, 5, BrowserOptions.DEFAULT, Pool.Resources.DEFAULT, 300,
        Instant.parse("2026-01-01T00:00:00Z"));
  }
}
