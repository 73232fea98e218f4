package io.browsergrid.pool;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PoolBrowserTest {
  @Test
  void poolBrowserIdsArePbAndSixteenLowerCaseHexDigits() {
    assertThat(PoolBrowser.isId("pb-0123456789abcdef")).isTrue();
    assertThat(PoolBrowser.isId("pb-0123456789ABCDEF")).isFalse();
    assertThat(PoolBrowser.isId("pb-0123456789abcde")).isFalse();
    assertThat(PoolBrowser.isId("pb-0123456789abcdef0")).isFalse();
    assertThat(PoolBrowser.isId("fe5dfe75a2f2-cd749bc04d3284173427")).isFalse();
    assertThat(PoolBrowser.isId(null)).isFalse();
  }
}
