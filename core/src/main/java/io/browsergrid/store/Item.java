package io.browsergrid.store;

import java.time.Instant;
import java.util.Objects;

/**
 * One stored item: a JSON document under a partition and a key, with the version the store gave it.
 *
 * @param partition the partition; all atomic writes and range queries stay inside one partition
 * @param key       the item's key inside its partition; range queries return items ordered by it (ascending)
 * @param version   1 when first written, incremented by the store on every replacement
 * @param data      the document (JSON text), at most {@link Keys#MAX_DATA_CHARS} characters
 * @param expiresAt when the store may garbage-collect the item, or {@code null} for never. Reads may still return an
 *                  item after this time: correctness never depends on expiry.
 */
public record Item(String partition, String key, long version, String data, Instant expiresAt) {
  public Item {
    Keys.check(partition, "partition");
    Keys.check(key, "key");
    Objects.requireNonNull(data, "data");
    if (version < 1) {
      throw new IllegalArgumentException("version must be >= 1");
    }
  }
}
