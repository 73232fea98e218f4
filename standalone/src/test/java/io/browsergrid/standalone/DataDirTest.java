package io.browsergrid.standalone;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DataDirTest {
  @Test
  void theFolderAndItsFilesAreTheOwnersAlone(@TempDir Path parent) throws Exception {
    Path root = parent.resolve("data");
    Files.createDirectories(root);
    Files.writeString(root.resolve("browsergrid.db"), "x");
    Files.setPosixFilePermissions(root, PosixFilePermissions.fromString("rwxr-xr-x"));
    Files.setPosixFilePermissions(root.resolve("browsergrid.db"), PosixFilePermissions.fromString("rw-r--r--"));

    try (DataDir dir = DataDir.open(root)) {
      Files.writeString(root.resolve("browsergrid.db-wal"), "made by the store after open");
      dir.restrict();
      byte[] secret = dir.secretKey();
      assertThat(secret).hasSize(32);
      assertThat(dir.secretKey()).as("the same key at the next start").isEqualTo(secret);
    }

    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(root))).isEqualTo("rwx------");
    for (String file : new String[] {"browsergrid.db", "browsergrid.db-wal", "secret.key", "server.lock"}) {
      assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(root.resolve(file)))).as(file)
          .isEqualTo("rw-------");
    }
  }

  @Test
  void aDamagedSecretStopsTheServerInsteadOfBeingReplaced(@TempDir Path root) throws Exception {
    Files.write(root.resolve("secret.key"), new byte[7]);

    try (DataDir dir = DataDir.open(root)) {
      assertThatThrownBy(dir::secretKey).isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("7 bytes, fewer than 32");
    }
    assertThat(Files.size(root.resolve("secret.key"))).as("left as it was").isEqualTo(7);
  }
}
