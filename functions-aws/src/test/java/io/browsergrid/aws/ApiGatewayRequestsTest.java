package io.browsergrid.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.browsergrid.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ApiGatewayRequestsTest {
  private final ApiGatewayRequests requests = new ApiGatewayRequests();

  @ParameterizedTest
  @ValueSource(strings = {"http-api-v2-doc-example.json", "function-url-doc-example.json"})
  void awsDocumentedEventsMapToTheCoreRequest(String fixture) {
    HttpRequest request = requests.toCore(Events.map(fixture));

    assertThat(request.method()).isEqualTo("POST");
    assertThat(request.path()).isEqualTo("/my/path");
    assertThat(request.query()).isEqualTo(Map.of("parameter1", List.of("value1", "value2"),
        "parameter2", List.of("value")));
    assertThat(request.header("header1")).isEqualTo("value1");
    assertThat(request.header("header2")).isEqualTo("value1,value2");
    assertThat(request.header("cookie")).isEqualTo("cookie1; cookie2");
    assertThat(new String(request.body(), StandardCharsets.UTF_8)).startsWith("Hello from");
  }

  @Test
  void headerNamesAreLowerCased() {
    Map<String, Object> event = event("GET", "/v1/sessions");
    event.put("headers", Map.of("Authorization", "Bearer k", "X-Request-Id", "r1"));

    assertThat(requests.toCore(event).headers()).containsEntry("authorization", "Bearer k")
        .containsEntry("x-request-id", "r1");
  }

  @Test
  void aBase64BodyIsDecodedToItsBytes() {
    Map<String, Object> event = event("POST", "/v1/sessions");
    event.put("body", "AAEC/w==");
    event.put("isBase64Encoded", true);

    assertThat(requests.toCore(event).body()).containsExactly(0, 1, 2, 0xff);
  }

  @Test
  void aBodyThatIsNotTheBase64ItClaimsIsRefused() {
    Map<String, Object> event = event("POST", "/v1/sessions");
    event.put("body", "not base64!");
    event.put("isBase64Encoded", true);

    assertThatThrownBy(() -> requests.toCore(event)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void queryValuesArePercentDecodedAndKeepTheirOrder() {
    Map<String, Object> event = event("GET", "/v1/sessions");
    event.put("rawQueryString", "status=running&q=a%20b&q=1+2&flag&=x");

    assertThat(requests.toCore(event).query()).containsEntry("status", List.of("running"))
        .containsEntry("q", List.of("a b", "1 2")).containsEntry("flag", List.of("")).containsEntry("", List.of("x"));
  }

  @Test
  void parsedQueryParametersServeWhenTheRawQueryStringIsAbsent() {
    Map<String, Object> event = event("GET", "/v1/sessions");
    event.remove("rawQueryString");
    event.put("queryStringParameters", Map.of("limit", "5"));

    assertThat(requests.toCore(event).queryParam("limit")).isEqualTo("5");
  }

  @Test
  void aNamedStagesPrefixIsNotPartOfThePath() {
    Map<String, Object> event = event("GET", "/prod/v1/sessions");
    context(event).put("stage", "prod");
    Map<String, Object> root = event("GET", "/prod");
    context(root).put("stage", "prod");

    assertThat(requests.toCore(event).path()).isEqualTo("/v1/sessions");
    assertThat(requests.toCore(root).path()).isEqualTo("/");
  }

  @Test
  void aPercentEncodedPathIsDecodedButAPlusStaysAPlus() {
    assertThat(requests.toCore(event("GET", "/v1/a%20b+c")).path()).isEqualTo("/v1/a b+c");
  }

  @Test
  void anEventWithoutAMethodIsRefused() {
    Map<String, Object> event = new HashMap<>(Map.of("rawPath", "/health"));

    assertThatThrownBy(() -> requests.toCore(event)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("method");
  }

  private static Map<String, Object> event(String method, String rawPath) {
    Map<String, Object> event = Events.map("http-api-v2-request.json");
    event.put("rawPath", rawPath);
    @SuppressWarnings("unchecked")
    Map<String, Object> http = (Map<String, Object>) context(event).get("http");
    http.put("method", method);
    http.put("path", rawPath);
    return event;
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> context(Map<String, Object> event) {
    return (Map<String, Object>) event.get("requestContext");
  }
}
