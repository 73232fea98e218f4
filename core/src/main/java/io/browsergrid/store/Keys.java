package io.browsergrid.store;

import java.util.regex.Pattern;

/**
 * What every store accepts as a partition or key. The alphabet is the intersection of what Azure Table Storage
 * (no {@code / \ # ?}), Firestore (no {@code /}, no {@code __x__} ids) and DynamoDB allow.
 */
public final class Keys {
  /** Longest partition or key, in characters (Azure Table Storage allows 1 KiB; keep well under). */
  public static final int MAX_LENGTH = 200;
  /** Largest document, in characters: far under DynamoDB's 400 KB item and Azure's 64 KiB string property. */
  public static final int MAX_DATA_CHARS = 30_000;
  /** Most writes in one atomic {@link KeyValueStore#write} (Azure Table Storage batches stop at 100). */
  public static final int MAX_WRITES = 100;

  private static final Pattern ALLOWED = Pattern.compile("[A-Za-z0-9._:=~-]+");

  private Keys() {}

  /** The partition holding everything of tenant {@code tenantId}. */
  public static String tenantPartition(String tenantId) {
    return "tenant:" + tenantId;
  }

  /** Throws {@link IllegalArgumentException} when {@code value} is not a valid partition or key. */
  public static void check(String value, String what) {
    if (value == null || value.isEmpty() || value.length() > MAX_LENGTH || !ALLOWED.matcher(value).matches()
        || value.startsWith("__")) {
      throw new IllegalArgumentException(what + " must be 1.." + MAX_LENGTH + " characters of [A-Za-z0-9._:=~-]: " + value);
    }
  }
}
