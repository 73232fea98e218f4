package io.browsergrid.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

/** Writes response bodies with the mapper the store uses (RFC 3339 times, lower-case enums). */
public final class Json {
  private final ObjectMapper mapper;

  public Json(ObjectMapper mapper) {
    this.mapper = mapper;
  }

  public byte[] bytes(Object value) {
    try {
      return mapper.writeValueAsBytes(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write " + value.getClass().getSimpleName(), e);
    }
  }

  public HttpResponse ok(Object value) {
    return HttpResponse.json(200, bytes(value));
  }

  public HttpResponse created(Object value, String location) {
    return HttpResponse.json(201, bytes(value)).withHeader("Location", location);
  }
}
