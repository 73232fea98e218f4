package io.browsergrid.webhook;

import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/** Reads a {@code Retry-After} header: delay seconds or an HTTP-date. Stateless and thread-safe. */
final class RetryAfter {
  // longer than any retry we would schedule; bounds the arithmetic
  static final Duration LONGEST = Duration.ofDays(2);

  private RetryAfter() {}

  /** The delay {@code value} asks for, at least zero and at most two days; null when it is neither form. */
  static Duration parse(String value, Instant now) {
    String text = value.trim();
    if (!text.isEmpty() && text.chars().allMatch(c -> c >= '0' && c <= '9')) {
      return text.length() > 9 ? LONGEST : clamp(Duration.ofSeconds(Long.parseLong(text)));
    }
    try {
      Instant at = ZonedDateTime.parse(text, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
      return clamp(Duration.between(now, at));
    } catch (DateTimeParseException e) {
      return null;
    }
  }

  private static Duration clamp(Duration delay) {
    if (delay.isNegative()) {
      return Duration.ZERO;
    }
    return delay.compareTo(LONGEST) > 0 ? LONGEST : delay;
  }
}
