package io.browsergrid.http;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.browsergrid.problem.FieldError;
import java.io.IOException;
import java.util.List;

/** Parses request bodies: one JSON object, no duplicate keys, no trailing content, no comments. */
public final class StrictJson {
  private final ObjectMapper mapper = JsonMapper.builder()
      .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
      .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
      .disable(JsonParser.Feature.ALLOW_COMMENTS)
      .build();

  /** The body as an object ({@code {}} when empty), or a 400 problem saying what is malformed. */
  public ObjectNode object(byte[] body) {
    if (body == null || body.length == 0) {
      return mapper.createObjectNode();
    }
    JsonNode node;
    try {
      node = mapper.readTree(body);
    } catch (JsonProcessingException e) {
      throw ProblemException.invalid(List.of(new FieldError("body", "is not valid JSON: " + e.getOriginalMessage())));
    } catch (IOException e) {
      throw ProblemException.invalid("body", "cannot be read");
    }
    if (node == null || node.isMissingNode()) {
      return mapper.createObjectNode();
    }
    if (!node.isObject()) {
      throw ProblemException.invalid("body", "must be a JSON object");
    }
    return (ObjectNode) node;
  }
}
