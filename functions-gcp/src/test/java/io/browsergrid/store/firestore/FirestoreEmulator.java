package io.browsergrid.store.firestore;

import com.google.cloud.NoCredentials;
import com.google.cloud.firestore.Firestore;
import com.google.cloud.firestore.FirestoreOptions;
import io.browsergrid.gcp.EmulatorProcess;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * Google's Firestore emulator, started by the test. It enforces {@code updateTime} preconditions and transaction
 * locks, so the store's race tests run for real.
 */
public final class FirestoreEmulator implements AutoCloseable {
  static final Path BINARY =
      Path.of("/usr/lib/google-cloud-sdk/platform/cloud-firestore-emulator/cloud_firestore_emulator");

  private final EmulatorProcess process;

  public FirestoreEmulator() throws IOException {
    process = new EmulatorProcess("Firestore", BINARY, List.of("--host", "127.0.0.1", "--port", "{port}"),
        "Dev App Server is now running");
  }

  /** A client of the emulator for {@code project} (each test class its own project keeps their data apart). */
  public Firestore client(String project) {
    // the emulator host alone still dials firestore.googleapis.com in 3.42.0: the host is set as well
    return FirestoreOptions.newBuilder().setProjectId(project).setEmulatorHost(host()).setHost(host())
        .setCredentials(NoCredentials.getInstance()).build().getService();
  }

  /** {@code host:port}, as {@code FIRESTORE_EMULATOR_HOST} takes it. */
  public String host() {
    return process.host();
  }

  @Override
  public void close() {
    process.close();
  }
}
