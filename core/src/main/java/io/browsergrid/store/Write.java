package io.browsergrid.store;

import java.time.Instant;
import java.util.Objects;

/** One change inside an atomic {@link KeyValueStore#write}: a conditional put or a delete. */
public sealed interface Write permits Write.Put, Write.Delete {

  /** The key this write touches; keys in one atomic write are distinct. */
  String key();

  /** The condition; when it does not hold, the whole atomic write fails and nothing is written. */
  Condition condition();

  /**
   * Puts {@code data} under {@code key}. With {@link Condition#absent()} the item gets version 1; with
   * {@link Condition#version(long)} it replaces that version and gets version + 1.
   */
  record Put(String key, String data, Instant expiresAt, Condition condition) implements Write {
    public Put {
      Keys.check(key, "key");
      Objects.requireNonNull(data, "data");
      Objects.requireNonNull(condition, "condition");
      if (condition.kind() == Condition.Kind.ANY) {
        throw new IllegalArgumentException("a put needs a condition: absent or a version");
      }
      if (data.length() > Keys.MAX_DATA_CHARS) {
        throw new IllegalArgumentException("data longer than " + Keys.MAX_DATA_CHARS + " characters");
      }
    }
  }

  /** Deletes {@code key}; with {@link Condition#any()} it succeeds whether or not the item exists. */
  record Delete(String key, Condition condition) implements Write {
    public Delete {
      Keys.check(key, "key");
      Objects.requireNonNull(condition, "condition");
      if (condition.kind() == Condition.Kind.ABSENT) {
        throw new IllegalArgumentException("a delete cannot require absence");
      }
    }
  }

  /** Creates a put of a new item (fails when the key exists). */
  static Write create(String key, String data, Instant expiresAt) {
    return new Put(key, data, expiresAt, Condition.absent());
  }

  /** Creates a put that replaces exactly {@code expectedVersion} (fails when the item changed or is gone). */
  static Write replace(String key, long expectedVersion, String data, Instant expiresAt) {
    return new Put(key, data, expiresAt, Condition.version(expectedVersion));
  }

  /** A write's precondition. */
  record Condition(Kind kind, long version) {
    /** What the condition checks. */
    public enum Kind { ABSENT, VERSION, ANY }

    public static Condition absent() {
      return new Condition(Kind.ABSENT, 0);
    }

    public static Condition version(long version) {
      if (version < 1) {
        throw new IllegalArgumentException("version must be >= 1");
      }
      return new Condition(Kind.VERSION, version);
    }

    public static Condition any() {
      return new Condition(Kind.ANY, 0);
    }

    /** True when an item at {@code current} (null when absent) satisfies this condition. */
    public boolean holdsFor(Item current) {
      return switch (kind) {
        case ABSENT -> current == null;
        case VERSION -> current != null && current.version() == version;
        case ANY -> true;
      };
    }
  }
}
