package io.browsergrid.store.firestore;

import com.google.cloud.firestore.Firestore;
import io.browsergrid.store.KeyValueStore;
import io.browsergrid.store.KeyValueStoreContract;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** Core's store contract, races included, against Google's Firestore emulator. */
class FirestoreKeyValueStoreIT extends KeyValueStoreContract {
  private static FirestoreEmulator emulator;
  private static Firestore firestore;

  @BeforeAll
  static void start() throws Exception {
    emulator = new FirestoreEmulator();
    firestore = emulator.client("browsergrid-store-it");
  }

  @AfterAll
  static void stop() throws Exception {
    if (firestore != null) {
      firestore.close();
    }
    if (emulator != null) {
      emulator.close();
    }
  }

  @Override
  protected KeyValueStore store() {
    return new FirestoreKeyValueStore(firestore, "browsergrid");
  }
}
