package io.browsergrid.api;

import io.browsergrid.http.ApiRouter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.browsergrid.http.ProblemException;
import org.junit.jupiter.api.Test;

class ApiRouterTest {
  private final ApiRouter router = new ApiRouter(TestRoutes.all());

  @Test
  void matchesTemplatesAndCapturesParameters() {
    ApiRouter.Match m = router.match("GET", "/v1/sessions/abc/events");
    assertThat(m.route().template()).isEqualTo("/v1/sessions/{id}/events");
    assertThat(m.params()).containsEntry("id", "abc");
    assertThat(router.match("GET", "/connect/json/version/").route().template()).endsWith("/json/version/");
  }

  @Test
  void unknownPathIs404AndWrongMethodIs405WithAllow() {
    assertThatThrownBy(() -> router.match("GET", "/v1/nope")).isInstanceOfSatisfying(ProblemException.class,
        p -> assertThat(p.status()).isEqualTo(404));
    assertThatThrownBy(() -> router.match("PUT", "/v1/sessions/abc")).isInstanceOfSatisfying(ProblemException.class,
        p -> {
          assertThat(p.status()).isEqualTo(405);
          assertThat(p.headers().get("Allow")).isEqualTo("GET, DELETE");
        });
    assertThatThrownBy(() -> router.match("GET", "/v1/sessions//events")).isInstanceOf(ProblemException.class);
  }
}
