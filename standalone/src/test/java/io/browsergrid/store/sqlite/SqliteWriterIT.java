package io.browsergrid.store.sqlite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.browsergrid.store.StoreUnavailableException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Group commit on a real SQLite file: what a failing piece of work leaves behind. */
class SqliteWriterIT {
  @TempDir
  Path dir;

  private Connection connection;
  private SqliteWriter writer;

  @BeforeEach
  void open() throws Exception {
    connection = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("db"));
    try (Statement setup = connection.createStatement()) {
      setup.execute("PRAGMA journal_mode=WAL");
      setup.execute("CREATE TABLE t(v INTEGER)");
    }
    writer = new SqliteWriter(connection);
  }

  @AfterEach
  void close() throws Exception {
    writer.close();
    connection.close();
  }

  @Test
  void workThatThrowsIsUndoneAndTheWriterGoesOn() {
    assertThatThrownBy(() -> writer.submit(() -> {
      insert(1);
      throw new IllegalStateException("condition failed");
    })).isInstanceOf(IllegalStateException.class).hasMessage("condition failed");

    assertThat(writer.submit(() -> insert(2))).isEqualTo(1);
    assertThat(writer.submit(this::sum)).isEqualTo(2);
  }

  @Test
  void anErrorInsideWorkRollsTheTransactionBackAndLeavesNoneOpen() {
    assertThatThrownBy(() -> writer.submit(() -> {
      insert(1);
      throw new AssertionError("boom");
    })).isInstanceOf(AssertionError.class);

    assertThat(writer.submit(() -> insert(5))).isEqualTo(1);
    assertThat(writer.submit(this::sum)).isEqualTo(5);
  }

  @Test
  void afterCloseWorkIsUnavailableAndNotRun() throws Exception {
    writer.close();

    assertThatThrownBy(() -> writer.submit(() -> insert(7))).isInstanceOf(StoreUnavailableException.class);
    assertThat(rowsNow()).isZero();
  }

  private int insert(int v) throws SQLException {
    try (Statement s = connection.createStatement()) {
      return s.executeUpdate("INSERT INTO t(v) VALUES (" + v + ")");
    }
  }

  private int sum() throws SQLException {
    try (Statement s = connection.createStatement();
        ResultSet r = s.executeQuery("SELECT COALESCE(SUM(v), 0) FROM t")) {
      return r.getInt(1);
    }
  }

  private int rowsNow() throws SQLException {
    try (Statement s = connection.createStatement(); ResultSet r = s.executeQuery("SELECT COUNT(*) FROM t")) {
      return r.getInt(1);
    }
  }
}
