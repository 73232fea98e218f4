package io.browsergrid.store.sqlite;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

/**
 * Read-only connections to a WAL-mode SQLite file beside its one writing connection: in WAL mode readers see the last
 * committed state and neither wait for the writer nor hold it up, so reads of concurrent requests run in parallel
 * instead of queueing behind every write. Each connection serves one caller at a time. Thread-safe.
 */
final class SqliteReaders implements AutoCloseable {
  private final BlockingQueue<Reader> idle;
  private final List<Reader> all = new ArrayList<>();

  /** What a caller does with one reader's statements. */
  interface Work<T> {
    T apply(PreparedStatement select, PreparedStatement range) throws SQLException;
  }

  /** Opens {@code count} connections to {@code url}; the writer must have set WAL mode already. */
  SqliteReaders(String url, int count, String select, String range, int busyTimeoutMillis) throws SQLException {
    idle = new ArrayBlockingQueue<>(count);
    try {
      for (int i = 0; i < count; i++) {
        Connection connection = DriverManager.getConnection(url);
        try (Statement setup = connection.createStatement()) {
          setup.execute("PRAGMA busy_timeout=" + busyTimeoutMillis);
          setup.execute("PRAGMA query_only=1");
        }
        Reader reader = new Reader(connection, connection.prepareStatement(select), connection.prepareStatement(range));
        all.add(reader);
        idle.add(reader);
      }
    } catch (SQLException e) {
      close();
      throw e;
    }
  }

  /** Runs {@code work} on a free reader, waiting for one when all are busy. */
  <T> T read(Work<T> work) throws SQLException {
    Reader reader;
    try {
      reader = idle.take();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new SQLException("interrupted while waiting for a reader", e);
    }
    try {
      return work.apply(reader.select, reader.range);
    } finally {
      idle.add(reader);
    }
  }

  /** Closes every connection; a read in flight then fails. Idempotent. */
  @Override
  public void close() {
    for (Reader reader : all) {
      try {
        reader.connection.close();
      } catch (SQLException ignored) {
        // closing is best effort: the writer's close reports the store's state
      }
    }
  }

  private record Reader(Connection connection, PreparedStatement select, PreparedStatement range) {}
}
