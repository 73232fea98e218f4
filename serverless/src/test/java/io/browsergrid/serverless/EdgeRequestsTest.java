package io.browsergrid.serverless;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.browsergrid.BrowserGridCore;
import io.browsergrid.TestCores;
import io.browsergrid.http.HttpRequest;
import io.browsergrid.http.HttpResponse;
import io.browsergrid.browser.FakeBrowserProvider;
import io.browsergrid.store.InMemoryKeyValueStore;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class EdgeRequestsTest {
  private final ExecutorService executor = Executors.newCachedThreadPool();
  private final BrowserGridCore core = TestCores.start(new InMemoryKeyValueStore(), new FakeBrowserProvider(), 10, 0,
      2, executor);
  private final EdgeRequests edge = new EdgeRequests(core.api());

  @AfterEach
  void stop() {
    executor.shutdownNow();
  }

  @Test
  void anUnreadableEventIsA400ProblemNamingTheRequestAndTheHandlerIsNotCalled() throws Exception {
    AtomicInteger handled = new AtomicInteger();

    HttpResponse answer = edge.serve(() -> {
      throw new IllegalArgumentException("the body is not base64");
    }, request -> {
      handled.incrementAndGet();
      return core.api().handle(request);
    });

    assertThat(answer.status()).isEqualTo(400);
    assertThat(answer.headers().get("Content-Type")).isEqualTo("application/problem+json");
    JsonNode problem = new ObjectMapper().readTree(answer.body());
    assertThat(problem.path("errors").get(0).path("field").asText()).isEqualTo("request");
    assertThat(problem.path("errors").get(0).path("message").asText()).contains("not base64");
    assertThat(handled).hasValue(0);
  }

  @Test
  void aReadableEventReachesTheHandler() {
    HttpResponse answer = edge.serve(() -> new HttpRequest("GET", "/health", Map.of(), Map.of(), new byte[0]),
        core.api()::handle);

    assertThat(answer.status()).isEqualTo(200);
  }
}
