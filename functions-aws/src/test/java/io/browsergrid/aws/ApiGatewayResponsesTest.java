package io.browsergrid.aws;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import io.browsergrid.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class ApiGatewayResponsesTest {
  private final ApiGatewayResponses responses = new ApiGatewayResponses();

  @ParameterizedTest
  @ValueSource(strings = {"application/json", "application/problem+json", "text/html; charset=utf-8",
      "text/plain; version=0.0.4; charset=utf-8", "Application/JSON"})
  void textBodiesGoAsText(String contentType) {
    APIGatewayV2HTTPResponse response = responses.fromCore(new HttpResponse(201,
        Map.of("Content-Type", contentType, "X-Request-Id", "r1"), "{\"a\":\"é\"}".getBytes(StandardCharsets.UTF_8)));

    assertThat(response.getStatusCode()).isEqualTo(201);
    assertThat(response.getIsBase64Encoded()).isFalse();
    assertThat(response.getBody()).isEqualTo("{\"a\":\"é\"}");
    assertThat(response.getHeaders()).containsEntry("Content-Type", contentType).containsEntry("X-Request-Id", "r1");
  }

  @Test
  void otherBodiesGoBase64Encoded() {
    byte[] png = {(byte) 0x89, 'P', 'N', 'G', 0, (byte) 0xff};

    APIGatewayV2HTTPResponse response = responses.fromCore(new HttpResponse(200, Map.of("Content-Type", "image/png"),
        png));

    assertThat(response.getIsBase64Encoded()).isTrue();
    assertThat(Base64.getDecoder().decode(response.getBody())).containsExactly(png);
  }

  @Test
  void anEmptyBodyIsAnEmptyString() {
    APIGatewayV2HTTPResponse response = responses.fromCore(HttpResponse.empty(204));

    assertThat(response.getStatusCode()).isEqualTo(204);
    assertThat(response.getBody()).isEmpty();
    assertThat(response.getIsBase64Encoded()).isFalse();
  }
}
