package io.browsergrid.standalone;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * The server's folder: the database, the browsers' profiles, the deployment's secret, and a lock so two servers never
 * share one folder.
 */
final class DataDir implements AutoCloseable {
  private final Path root;
  private final FileChannel lockChannel;
  private final FileLock lock;

  private DataDir(Path root, FileChannel lockChannel, FileLock lock) {
    this.root = root;
    this.lockChannel = lockChannel;
    this.lock = lock;
  }

  /**
   * Creates the folder when needed (owner-only, as is everything in it) and locks it; throws
   * {@link IllegalStateException} when another server holds it.
   */
  static DataDir open(Path root) {
    try {
      Files.createDirectories(root.resolve("browsers"));
      FileChannel channel = FileChannel.open(root.resolve("server.lock"), StandardOpenOption.CREATE,
          StandardOpenOption.WRITE);
      FileLock lock = channel.tryLock();
      if (lock == null) {
        channel.close();
        throw new IllegalStateException("another BrowserGrid server uses " + root + "; stop it or pick another "
            + "BROWSERGRID_DATA_DIR");
      }
      ownerOnly(root);
      return new DataDir(root, channel, lock);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot open the data dir " + root, e);
    }
  }

  /** Makes files created since {@link #open} (the database's) owner-only too. */
  void restrict() {
    try {
      ownerOnly(root);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot restrict the data dir " + root, e);
    }
  }

  /** The folder 0700 and every file directly in it 0600: the database and the secret are nobody else's. */
  private static void ownerOnly(Path root) throws IOException {
    Files.setPosixFilePermissions(root, PosixFilePermissions.fromString("rwx------"));
    Files.setPosixFilePermissions(root.resolve("browsers"), PosixFilePermissions.fromString("rwx------"));
    try (Stream<Path> files = Files.list(root)) {
      for (Path file : (Iterable<Path>) files::iterator) {
        if (Files.isRegularFile(file, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
          Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        }
      }
    }
  }

  Path database() {
    return root.resolve("browsergrid.db");
  }

  Path browsers() {
    return root.resolve("browsers");
  }

  /** Deletes every browser profile an earlier run left (call only while no browser of this server runs). */
  void clearBrowsers() {
    try (Stream<Path> files = Files.walk(browsers())) {
      files.sorted(Comparator.reverseOrder()).filter(p -> !p.equals(browsers())).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot clear " + browsers(), e);
    }
  }

  /**
   * The deployment's secret (CDP tokens, webhook secret encryption), made on first start (owner-only) so URLs and
   * stored webhook secrets survive restarts. A {@code secret.key} that exists but is unreadable or shorter than 32
   * bytes stops the server ({@link IllegalStateException}): a silent new key would make every stored webhook secret
   * unreadable and every CDP URL invalid.
   */
  byte[] secretKey() {
    Path file = root.resolve("secret.key");
    if (Files.exists(file, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
      byte[] secret;
      try {
        secret = Files.readAllBytes(file);
      } catch (IOException e) {
        throw new IllegalStateException(file + " exists but cannot be read (" + e.getMessage() + "); fix its "
            + "permissions, or restore it from a backup: a new key would make stored webhook secrets unreadable");
      }
      if (secret.length < 32) {
        throw new IllegalStateException(file + " holds " + secret.length + " bytes, fewer than 32: it is damaged. "
            + "Restore it from a backup, or delete it to start over with a new key (stored webhook secrets and "
            + "live CDP URLs then stop working)");
      }
      return secret;
    }
    try {
      byte[] secret = new byte[32];
      new SecureRandom().nextBytes(secret);
      Path tmp = Files.createTempFile(root, "secret", ".tmp",
          PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
      Files.write(tmp, secret);
      Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      return secret;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read or write " + file, e);
    }
  }

  @Override
  public void close() {
    try {
      lock.release();
      lockChannel.close();
    } catch (IOException e) {
      // the process is ending; the OS drops the lock with it
    }
  }
}
