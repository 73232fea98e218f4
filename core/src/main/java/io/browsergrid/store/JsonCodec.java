package io.browsergrid.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

/** Turns stored records into the JSON text of an {@link Item} and back. Thread-safe. */
public final class JsonCodec {
  private final ObjectMapper mapper;

  public JsonCodec() {
    this.mapper = new ObjectMapper()
        .registerModule(new JavaTimeModule())
        .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
        // stored documents may carry fields a newer version added: read them, do not fail
        .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
  }

  /** The configured mapper, shared with the API layer so both speak the same dates and enums. */
  public ObjectMapper mapper() {
    return mapper;
  }

  public String encode(Object value) {
    try {
      return mapper.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot encode " + value.getClass().getSimpleName(), e);
    }
  }

  public <T> T decode(Item item, Class<T> type) {
    try {
      return mapper.readValue(item.data(), type);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("stored item " + item.partition() + "/" + item.key() + " is not a " + type.getSimpleName(), e);
    }
  }
}
