package io.browsergrid.aws;

import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;

/** The fixture events under {@code src/test/resources/events}, read as the SCF adapter reads them. */
final class Events {
  private Events() {}

  static <T> T read(String name, Class<T> type) {
    try (InputStream in = bytes(name)) {
      return LambdaEventSerializers.serializerFor(type, Events.class.getClassLoader()).fromJson(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The fixture as the JSON object SCF hands a {@code Map}-typed function: mutable, nested objects as maps. */
  static Map<String, Object> map(String name) {
    try (InputStream in = bytes(name)) {
      return new ObjectMapper().readValue(in, new TypeReference<Map<String, Object>>() {});
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static InputStream bytes(String name) {
    InputStream in = Events.class.getResourceAsStream("/events/" + name);
    if (in == null) {
      throw new IllegalArgumentException("no fixture events/" + name);
    }
    return in;
  }
}
