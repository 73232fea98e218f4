package io.browsergrid.standalone;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/** {@code n} session creates let go at the same instant, as a burst of clients sends them. */
final class Burst {
  private Burst() {}

  /** Every answer, in the order the creates were made; each may take up to two minutes. */
  static List<Api.Reply> creates(Api api, int n, String body) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(n);
    CountDownLatch go = new CountDownLatch(1);
    List<Future<Api.Reply>> pending = new ArrayList<>();
    try {
      for (int i = 0; i < n; i++) {
        pending.add(pool.submit(() -> {
          go.await();
          return api.post("/v1/sessions", body);
        }));
      }
      go.countDown();
      List<Api.Reply> replies = new ArrayList<>();
      for (Future<Api.Reply> f : pending) {
        replies.add(f.get(120, TimeUnit.SECONDS));
      }
      return replies;
    } finally {
      pool.shutdownNow();
    }
  }
}
