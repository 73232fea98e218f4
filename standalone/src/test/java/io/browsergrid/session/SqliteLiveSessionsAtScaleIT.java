package io.browsergrid.session;

import io.browsergrid.store.KeyValueStore;
import io.browsergrid.store.sqlite.SqliteKeyValueStore;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/** 2,000 live sessions on a real SQLite file. */
class SqliteLiveSessionsAtScaleIT extends LiveSessionsAtScaleContract {
  @TempDir
  Path dir;

  private SqliteKeyValueStore store;

  @BeforeEach
  void open() {
    store = new SqliteKeyValueStore(dir.resolve("browsergrid.db"));
  }

  @AfterEach
  void close() {
    store.close();
  }

  @Override
  protected KeyValueStore store() {
    return store;
  }
}
