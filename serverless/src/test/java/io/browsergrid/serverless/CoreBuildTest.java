package io.browsergrid.serverless;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.browsergrid.BrowserGridCore;
import io.browsergrid.TestCores;
import io.browsergrid.browser.FakeBrowserProvider;
import io.browsergrid.store.InMemoryKeyValueStore;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;

class CoreBuildTest {

  @Test
  void closingClosesWhatTheBuildOpenedOnceEachPastOneThatFails() {
    List<String> closed = new ArrayList<>();
    CoreBuild build = new CoreBuild(owned -> {
      owned.accept(() -> closed.add("store"));
      owned.accept(() -> {
        throw new IllegalStateException("already closed");
      });
      owned.accept(() -> closed.add("queue"));
      return null;
    });
    build.start().get();

    build.close();
    build.close();

    assertThat(closed).containsExactly("store", "queue");
  }

  @Test
  void getRethrowsWhatTheBuildThrewUnwrapped() {
    CoreBuild build = new CoreBuild(owned -> {
      throw new IllegalArgumentException("BROWSERGRID_TABLE is not set");
    }).start();

    assertThatThrownBy(build::get).isInstanceOf(IllegalArgumentException.class)
        .hasMessage("BROWSERGRID_TABLE is not set");
    assertThatThrownBy(build::get).as("every caller sees it").isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void theBuildRunsOffTheCallersThread() {
    CompletableFuture<Thread> ranOn = new CompletableFuture<>();
    CoreBuild build = new CoreBuild(owned -> {
      ranOn.complete(Thread.currentThread());
      return null;
    }).start();
    build.get();

    assertThat(ranOn.join()).isNotSameAs(Thread.currentThread());
    assertThat(ranOn.join().isDaemon()).isTrue();
  }

  @Test
  void joinedUnwrapsUncheckedFailuresAndErrors() {
    assertThatThrownBy(() -> CoreBuild.joined(CompletableFuture.failedFuture(new IllegalStateException("x"))))
        .isInstanceOf(IllegalStateException.class).hasMessage("x");
    assertThatThrownBy(() -> CoreBuild.joined(CompletableFuture.failedFuture(new AssertionError("y"))))
        .isInstanceOf(AssertionError.class).hasMessage("y");
    assertThat(CoreBuild.joined(CompletableFuture.completedFuture("z"))).isEqualTo("z");
  }

  @Test
  void bootstrappingAKeyAlreadyInPlaceKeepsIt() {
    InMemoryKeyValueStore store = new InMemoryKeyValueStore();
    ExecutorService executor = Executors.newCachedThreadPool();
    try {
      BrowserGridCore first = TestCores.start(store, new FakeBrowserProvider(), 10, 0, 2, executor);
      BrowserGridCore second = TestCores.start(store, new FakeBrowserProvider(), 10, 0, 2, executor);

      assertThat(CoreBuild.bootstrapped(second, TestCores.OPERATOR_KEY)).isSameAs(second);
      assertThat(TestCores.call(first, TestCores.OPERATOR_KEY, "GET", "/v1/tenants", null).status()).isEqualTo(200);
    } finally {
      executor.shutdownNow();
    }
  }
}
