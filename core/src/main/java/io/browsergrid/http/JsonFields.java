package io.browsergrid.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.browsergrid.problem.FieldError;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads the fields of one JSON object strictly: each reader checks type and range and records a {@link FieldError}
 * naming the field's full path; {@link #rejectUnknown()} records every field nobody read. Nothing is coerced
 * ({@code "10"} is not a number, {@code 1} is not a boolean).
 */
public final class JsonFields {
  private final ObjectNode node;
  private final String prefix;
  private final List<FieldError> errors;
  private final Set<String> read = new HashSet<>();

  public JsonFields(ObjectNode node, String prefix, List<FieldError> errors) {
    this.node = node;
    this.prefix = prefix;
    this.errors = errors;
  }

  public String path(String name) {
    return prefix.isEmpty() ? name : prefix + "." + name;
  }

  private Optional<JsonNode> field(String name) {
    read.add(name);
    JsonNode value = node.get(name);
    return value == null || value.isNull() ? Optional.empty() : Optional.of(value);
  }

  public Optional<Integer> integer(String name, int min, int max) {
    return field(name).flatMap(v -> {
      if (!v.isIntegralNumber() || !v.canConvertToInt()) {
        return fail(name, v.isNumber() ? "must be a whole number between " + min + " and " + max : "must be an integer");
      }
      int value = v.intValue();
      if (value < min || value > max) {
        return fail(name, "must be between " + min + " and " + max);
      }
      return Optional.of(value);
    });
  }

  public Optional<Double> decimal(String name, double min, double max) {
    return field(name).flatMap(v -> {
      if (!v.isNumber()) {
        return fail(name, "must be a number");
      }
      double value = v.doubleValue();
      if (value < min || value > max) {
        return fail(name, "must be between " + min + " and " + max);
      }
      return Optional.of(value);
    });
  }

  public Optional<Boolean> bool(String name) {
    return field(name).flatMap(v -> v.isBoolean() ? Optional.of(v.booleanValue()) : fail(name, "must be true or false"));
  }

  public Optional<String> string(String name, int maxLength, Pattern pattern, String patternRule) {
    return field(name).flatMap(v -> {
      if (!v.isTextual()) {
        return fail(name, "must be a string");
      }
      String value = v.textValue();
      if (value.isEmpty() || value.length() > maxLength) {
        return fail(name, "must be 1.." + maxLength + " characters");
      }
      if (pattern != null && !pattern.matcher(value).matches()) {
        return fail(name, "must be " + patternRule);
      }
      return Optional.of(value);
    });
  }

  public Optional<JsonFields> object(String name) {
    return field(name).flatMap(v -> v.isObject()
        ? Optional.of(new JsonFields((ObjectNode) v, path(name), errors))
        : fail(name, "must be an object"));
  }

  /** A list of strings, each passed to {@code check} (which answers empty when fine, else why not). */
  public Optional<List<String>> strings(String name, int maxItems,
      java.util.function.Function<String, Optional<String>> check) {
    return field(name).flatMap(v -> {
      if (!v.isArray()) {
        return fail(name, "must be an array of strings");
      }
      if (v.size() > maxItems) {
        return fail(name, "must hold at most " + maxItems + " items");
      }
      List<String> values = new ArrayList<>();
      boolean ok = true;
      for (int i = 0; i < v.size(); i++) {
        JsonNode item = v.get(i);
        String itemPath = path(name) + "[" + i + "]";
        if (!item.isTextual()) {
          errors.add(new FieldError(itemPath, "must be a string"));
          ok = false;
          continue;
        }
        Optional<String> refusal = check.apply(item.textValue());
        if (refusal.isPresent()) {
          errors.add(new FieldError(itemPath, refusal.get()));
          ok = false;
        }
        values.add(item.textValue());
      }
      return ok ? Optional.of(values) : Optional.empty();
    });
  }

  /** An object of string values, e.g. metadata. */
  public Optional<Map<String, String>> stringMap(String name, int maxEntries, int maxKey, int maxValue) {
    return field(name).flatMap(v -> {
      if (!v.isObject()) {
        return fail(name, "must be an object of strings");
      }
      if (v.size() > maxEntries) {
        return fail(name, "must hold at most " + maxEntries + " entries");
      }
      Map<String, String> values = new LinkedHashMap<>();
      boolean ok = true;
      for (Iterator<Map.Entry<String, JsonNode>> it = v.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> e = it.next();
        String entryPath = path(name) + "." + e.getKey();
        if (e.getKey().isEmpty() || e.getKey().length() > maxKey) {
          errors.add(new FieldError(entryPath, "keys must be 1.." + maxKey + " characters"));
          ok = false;
        } else if (!e.getValue().isTextual()) {
          errors.add(new FieldError(entryPath, "must be a string"));
          ok = false;
        } else if (e.getValue().textValue().length() > maxValue) {
          errors.add(new FieldError(entryPath, "must be at most " + maxValue + " characters"));
          ok = false;
        } else {
          values.put(e.getKey(), e.getValue().textValue());
        }
      }
      return ok ? Optional.of(values) : Optional.empty();
    });
  }

  /** Records an error for every field of this object that no reader asked for. */
  public void rejectUnknown() {
    node.fieldNames().forEachRemaining(name -> {
      if (!read.contains(name)) {
        errors.add(new FieldError(path(name), "is not a known field"));
      }
    });
  }

  /** True when the object holds {@code name} with a non-null value (a present but invalid one included). */
  public boolean has(String name) {
    JsonNode value = node.get(name);
    return value != null && !value.isNull();
  }

  /** Records an error against {@code name} (a rule that spans fields). */
  public void error(String name, String message) {
    errors.add(new FieldError(path(name), message));
  }

  private <T> Optional<T> fail(String name, String message) {
    errors.add(new FieldError(path(name), message));
    return Optional.empty();
  }
}
