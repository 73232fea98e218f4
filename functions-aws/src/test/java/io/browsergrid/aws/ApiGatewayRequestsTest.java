package io.browsergrid.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import io.browsergrid.api.HttpRequest;
import java.nio.charset.StandardCharsets;
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
    HttpRequest request = requests.toCore(Events.read(fixture, APIGatewayV2HTTPEvent.class));

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
    APIGatewayV2HTTPEvent event = event("GET", "/v1/sessions");
    event.setHeaders(Map.of("Authorization", "Bearer k", "X-Request-Id", "r1"));

    assertThat(requests.toCore(event).headers()).containsEntry("authorization", "Bearer k")
        .containsEntry("x-request-id", "r1");
  }

  @Test
  void aBase64BodyIsDecodedToItsBytes() {
    APIGatewayV2HTTPEvent event = event("POST", "/v1/sessions");
    event.setBody("AAEC/w==");
    event.setIsBase64Encoded(true);

    assertThat(requests.toCore(event).body()).containsExactly(0, 1, 2, 0xff);
  }

  @Test
  void aBodyThatIsNotTheBase64ItClaimsIsRefused() {
    APIGatewayV2HTTPEvent event = event("POST", "/v1/sessions");
    event.setBody("not base64!");
    event.setIsBase64Encoded(true);

    assertThatThrownBy(() -> requests.toCore(event)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void queryValuesArePercentDecodedAndKeepTheirOrder() {
    APIGatewayV2HTTPEvent event = event("GET", "/v1/sessions");
    event.setRawQueryString("status=running&q=a%20b&q=1+2&flag&=x");

    assertThat(requests.toCore(event).query()).containsEntry("status", List.of("running"))
        .containsEntry("q", List.of("a b", "1 2")).containsEntry("flag", List.of("")).containsEntry("", List.of("x"));
  }

  @Test
  void parsedQueryParametersServeWhenTheRawQueryStringIsAbsent() {
    APIGatewayV2HTTPEvent event = event("GET", "/v1/sessions");
    event.setQueryStringParameters(Map.of("limit", "5"));

    assertThat(requests.toCore(event).queryParam("limit")).isEqualTo("5");
  }

  @Test
  void aNamedStagesPrefixIsNotPartOfThePath() {
    APIGatewayV2HTTPEvent event = event("GET", "/prod/v1/sessions");
    event.getRequestContext().setStage("prod");
    APIGatewayV2HTTPEvent root = event("GET", "/prod");
    root.getRequestContext().setStage("prod");

    assertThat(requests.toCore(event).path()).isEqualTo("/v1/sessions");
    assertThat(requests.toCore(root).path()).isEqualTo("/");
  }

  @Test
  void aPercentEncodedPathIsDecodedButAPlusStaysAPlus() {
    assertThat(requests.toCore(event("GET", "/v1/a%20b+c")).path()).isEqualTo("/v1/a b+c");
  }

  @Test
  void anEventWithoutAMethodIsRefused() {
    APIGatewayV2HTTPEvent event = new APIGatewayV2HTTPEvent();
    event.setRawPath("/health");

    assertThatThrownBy(() -> requests.toCore(event)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("method");
  }

  private static APIGatewayV2HTTPEvent event(String method, String rawPath) {
    APIGatewayV2HTTPEvent event = Events.read("http-api-v2-request.json", APIGatewayV2HTTPEvent.class);
    event.setRawPath(rawPath);
    event.getRequestContext().getHttp().setMethod(method);
    event.getRequestContext().getHttp().setPath(rawPath);
    return event;
  }
}
