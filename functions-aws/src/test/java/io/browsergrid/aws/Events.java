package io.browsergrid.aws;

import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/** The fixture events under {@code src/test/resources/events}, read by the serializer the SCF adapter uses. */
final class Events {
  private Events() {}

  static <T> T read(String name, Class<T> type) {
    try (InputStream in = bytes(name)) {
      return LambdaEventSerializers.serializerFor(type, Events.class.getClassLoader()).fromJson(in);
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
