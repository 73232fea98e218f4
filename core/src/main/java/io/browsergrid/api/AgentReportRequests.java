package io.browsergrid.api;

import io.browsergrid.http.JsonFields;
import io.browsergrid.http.StrictJson;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.browsergrid.problem.FieldError;
import io.browsergrid.http.ProblemException;
import io.browsergrid.session.AgentReport;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Reads the body of an agent's signed callback, {@code {"type","browserId","at","clients"}} (the agent's
 * {@code SignedCallbacks}), into an {@link AgentReport}. All four fields are required: {@code type} one of
 * {@code ready}, {@code activity}, {@code exited}; {@code browserId} a store key; {@code at} an ISO-8601 instant;
 * {@code clients} a whole number from 0. Fields it does not know are ignored, so that a newer agent's additions do
 * not lose its reports. Thread-safe.
 */
public final class AgentReportRequests {
  private static final Pattern BROWSER_ID = Pattern.compile("[A-Za-z0-9._:=~-]+");
  private static final int MAX_CLIENTS = 1_000_000;

  private final StrictJson strict = new StrictJson();

  /**
   * The report in {@code body}.
   *
   * @throws ProblemException 400 naming every field that is missing or wrong, or {@code body} when it is not one
   *                          JSON object
   */
  public AgentReport read(byte[] body) {
    ObjectNode node = strict.object(body);
    List<FieldError> errors = new ArrayList<>();
    JsonFields f = new JsonFields(node, "", errors);
    AgentReport.Type type = required(f, errors, "type", f.string("type", 32, null, null).flatMap(value -> {
      for (AgentReport.Type t : AgentReport.Type.values()) {
        if (t.wireName().equals(value)) {
          return Optional.of(t);
        }
      }
      f.error("type", "must be one of ready, activity, exited");
      return Optional.empty();
    }));
    String browserId = required(f, errors, "browserId",
        f.string("browserId", 200, BROWSER_ID, "a browser id of A-Z, a-z, 0-9 and ._:=~-"));
    Instant at = required(f, errors, "at", f.string("at", 64, null, null).flatMap(value -> {
      try {
        return Optional.of(Instant.parse(value));
      } catch (DateTimeParseException e) {
        f.error("at", "must be an ISO-8601 instant such as 2025-01-02T03:04:05Z");
        return Optional.empty();
      }
    }));
    Integer clients = required(f, errors, "clients", f.integer("clients", 0, MAX_CLIENTS));
    if (!errors.isEmpty()) {
      throw ProblemException.invalid(errors);
    }
    return new AgentReport(type, browserId, at, clients);
  }

  /** The value, or null with an error "is required" when the field is absent (and no other error named it). */
  private static <T> T required(JsonFields f, List<FieldError> errors, String name, Optional<T> value) {
    if (value.isEmpty() && errors.stream().noneMatch(e -> e.field().equals(f.path(name)))) {
      f.error(name, "is required");
    }
    return value.orElse(null);
  }
}
