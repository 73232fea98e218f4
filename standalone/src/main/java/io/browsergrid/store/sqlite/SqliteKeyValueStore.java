package io.browsergrid.store.sqlite;

import io.browsergrid.store.Item;
import io.browsergrid.store.KeyValueStore;
import io.browsergrid.store.Keys;
import io.browsergrid.store.Page;
import io.browsergrid.store.StoreUnavailableException;
import io.browsergrid.store.Write;
import io.browsergrid.store.WriteBatch;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The {@link KeyValueStore} of the one-machine server: one SQLite file in WAL mode, so data survives restarts.
 *
 * <p>Writes go through one connection with group commit ({@link SqliteWriter}): atomic writes are serialised within
 * this process, and the writes that queued up meanwhile commit together, each in its own savepoint, so a write whose
 * condition fails is undone alone; a writer hears back only after its commit. Each commit is one
 * {@code BEGIN IMMEDIATE} transaction, so another process on the same file is serialised too (it waits up to the
 * busy timeout). Reads ({@link #get}, {@link #query}) go through a few read-only connections
 * ({@link SqliteReaders}) and see the last committed state, so they neither wait for writes nor delay them. Expired
 * items stay readable until {@link #deleteExpired} removes them.
 * Thread-safe.
 */
public final class SqliteKeyValueStore implements KeyValueStore, AutoCloseable {
  private static final int BUSY_TIMEOUT_MILLIS = 5_000;
  // every key is ASCII below DEL (see Keys), so this bounds the range of the empty prefix
  private static final String AFTER_EVERY_KEY = "\u007f";
  private static final int READERS = 4;
  private static final String SELECT = "SELECT sk, version, data, expires_at FROM items WHERE pk = ? AND sk = ?";
  private static final String RANGE = "SELECT sk, version, data, expires_at FROM items"
      + " WHERE pk = ? AND sk > ? AND sk >= ? AND sk < ? ORDER BY sk LIMIT ?";

  private final Connection connection;
  private final SqliteWriter writer;
  private final PreparedStatement select;
  private final PreparedStatement upsert;
  private final PreparedStatement delete;
  private final PreparedStatement expire;
  private final SqliteReaders readers;

  /**
   * Opens (creating when missing) the database at {@code file}, and its parent folders.
   *
   * @throws StoreUnavailableException when the file cannot be created or opened
   */
  public SqliteKeyValueStore(Path file) {
    try {
      Path parent = file.toAbsolutePath().getParent();
      if (parent != null) {
        Files.createDirectories(parent);
      }
      String url = "jdbc:sqlite:" + file.toAbsolutePath();
      connection = DriverManager.getConnection(url);
      try (Statement setup = connection.createStatement()) {
        setup.execute("PRAGMA journal_mode=WAL");
        setup.execute("PRAGMA synchronous=NORMAL");
        setup.execute("PRAGMA busy_timeout=" + BUSY_TIMEOUT_MILLIS);
        setup.execute("CREATE TABLE IF NOT EXISTS items(pk TEXT, sk TEXT, version INTEGER NOT NULL,"
            + " data TEXT NOT NULL, expires_at INTEGER, PRIMARY KEY (pk, sk)) WITHOUT ROWID");
        // expiry reads only what expires: live records (no expiry) never enter the index
        setup.execute("CREATE INDEX IF NOT EXISTS items_by_expiry ON items(expires_at)"
            + " WHERE expires_at IS NOT NULL");
      }
      select = connection.prepareStatement(SELECT);
      upsert = connection.prepareStatement("INSERT INTO items(pk, sk, version, data, expires_at) VALUES (?, ?, ?, ?, ?)"
          + " ON CONFLICT(pk, sk) DO UPDATE SET version = excluded.version, data = excluded.data,"
          + " expires_at = excluded.expires_at");
      delete = connection.prepareStatement("DELETE FROM items WHERE pk = ? AND sk = ?");
      expire = connection.prepareStatement("DELETE FROM items WHERE expires_at IS NOT NULL AND expires_at <= ?");
      readers = new SqliteReaders(url, READERS, SELECT, RANGE, BUSY_TIMEOUT_MILLIS);
      writer = new SqliteWriter(connection);
    } catch (IOException | SQLException e) {
      throw new StoreUnavailableException("cannot open SQLite store at " + file, e);
    }
  }

  @Override
  public Optional<Item> get(String partition, String key) {
    Keys.check(partition, "partition");
    Keys.check(key, "key");
    try {
      return Optional.ofNullable(readers.read((select, range) -> read(select, partition, key)));
    } catch (SQLException e) {
      throw unavailable(e);
    }
  }

  /** Checks every condition first, then applies every write, all in one transaction. */
  @Override
  public List<Item> write(String partition, List<Write> writes) {
    WriteBatch.check(partition, writes);
    return writer.submit(() -> apply(partition, writes));
  }

  @Override
  public Page query(String partition, String keyPrefix, String cursor, int limit) {
    WriteBatch.checkQuery(partition, keyPrefix, cursor, limit);
    try {
      List<Item> items = readers.read((select, range) -> {
        range.setString(1, partition);
        range.setString(2, cursor == null ? "" : cursor);
        range.setString(3, keyPrefix);
        range.setString(4, upperBound(keyPrefix));
        range.setInt(5, limit);
        List<Item> found = new ArrayList<>();
        try (ResultSet rows = range.executeQuery()) {
          while (rows.next()) {
            found.add(item(partition, rows));
          }
        }
        return found;
      });
      String next = items.size() == limit ? items.get(limit - 1).key() : null;
      return new Page(items, next);
    } catch (SQLException e) {
      throw unavailable(e);
    }
  }

  /**
   * Garbage-collects every item whose {@code expiresAt} is at or before {@code now}.
   *
   * @return how many items were removed
   */
  public int deleteExpired(Instant now) {
    return writer.submit(() -> {
      expire.setLong(1, now.toEpochMilli());
      return expire.executeUpdate();
    });
  }

  /**
   * Closes the database after the writes queued so far; every later call throws {@link StoreUnavailableException}.
   * Idempotent.
   */
  @Override
  public void close() {
    writer.close();
    try {
      readers.close();
      connection.close();
    } catch (SQLException e) {
      throw unavailable(e);
    }
  }

  private List<Item> apply(String partition, List<Write> writes) throws SQLException {
    WriteBatch.Outcome outcome = WriteBatch.apply(partition, writes, key -> {
      try {
        return read(partition, key);
      } catch (SQLException e) {
        throw unavailable(e);
      }
    });
    for (Item item : outcome.puts()) {
      upsert(item);
    }
    for (String key : outcome.deletes()) {
      delete.setString(1, partition);
      delete.setString(2, key);
      delete.executeUpdate();
    }
    return outcome.puts();
  }

  private void upsert(Item item) throws SQLException {
    upsert.setString(1, item.partition());
    upsert.setString(2, item.key());
    upsert.setLong(3, item.version());
    upsert.setString(4, item.data());
    if (item.expiresAt() == null) {
      upsert.setNull(5, Types.INTEGER);
    } else {
      upsert.setLong(5, item.expiresAt().toEpochMilli());
    }
    upsert.executeUpdate();
  }

  private Item read(String partition, String key) throws SQLException {
    return read(select, partition, key);
  }

  private static Item read(PreparedStatement select, String partition, String key) throws SQLException {
    select.setString(1, partition);
    select.setString(2, key);
    try (ResultSet rows = select.executeQuery()) {
      return rows.next() ? item(partition, rows) : null;
    }
  }

  private static Item item(String partition, ResultSet row) throws SQLException {
    long expiresAt = row.getLong(4);
    Instant expiry = row.wasNull() ? null : Instant.ofEpochMilli(expiresAt);
    return new Item(partition, row.getString(1), row.getLong(2), row.getString(3), expiry);
  }

  /** The smallest string above every key that starts with {@code prefix}. */
  private static String upperBound(String prefix) {
    if (prefix.isEmpty()) {
      return AFTER_EVERY_KEY;
    }
    char last = prefix.charAt(prefix.length() - 1);
    return prefix.substring(0, prefix.length() - 1) + (char) (last + 1);
  }

  private static StoreUnavailableException unavailable(SQLException e) {
    return new StoreUnavailableException("SQLite store failed: " + e.getMessage(), e);
  }
}
