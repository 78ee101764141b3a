package io.makerates.stack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Comparator;
import java.util.Optional;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The working folder of one running stack, under a common root. It holds an OS file lock for as long as its JVM lives:
 * the kernel drops the lock when the JVM dies, even by kill -9, so a later start recognises the folders of dead runs,
 * stops what they left running (postmaster, registry) and deletes them.
 */
final class StackDirectory implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(StackDirectory.class);
  private static final String LOCK = "owner.lock";

  private final Path dir;
  private final FileChannel lockChannel;
  private final FileLock lock;

  private StackDirectory(Path dir, FileChannel lockChannel, FileLock lock) {
    this.dir = dir;
    this.lockChannel = lockChannel;
    this.lock = lock;
  }

  static Path defaultRoot() {
    return Path.of(System.getProperty("java.io.tmpdir"), "makerates-stacks");
  }

  /** Sweeps dead runs under {@code root}, then creates and locks {@code root/name} (a fresh random name when null). */
  static StackDirectory claim(Path root, String name) {
    try {
      Files.createDirectories(root);
      sweepDeadRuns(root);
      Path dir = name == null ? Files.createTempDirectory(root, "stack-") : root.resolve(name);
      Files.createDirectories(dir);
      FileChannel channel = FileChannel.open(dir.resolve(LOCK), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
      FileLock lock = channel.tryLock();
      if (lock == null) {
        channel.close();
        throw new IllegalStateException("another stack is running in " + dir + "; stop it first");
      }
      return new StackDirectory(dir, channel, lock);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot prepare the stack folder under " + root, e);
    }
  }

  Path path() {
    return dir;
  }

  Path resolve(String child) {
    return dir.resolve(child);
  }

  /** Remembers a child process so that a later start can stop it if this JVM dies without closing the stack. */
  void recordPid(String name, long pid) {
    try {
      Files.writeString(dir.resolve(name + ".pid"), Long.toString(pid));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static void sweepDeadRuns(Path root) throws IOException {
    try (DirectoryStream<Path> runs = Files.newDirectoryStream(root, Files::isDirectory)) {
      for (Path run : runs) {
        if (isAbandoned(run)) {
          LOG.warn("cleaning up the stack left by a run that died: {}", run);
          StaleProcesses.stopRecorded(run);
          deleteRecursively(run);
        }
      }
    }
  }

  private static boolean isAbandoned(Path run) {
    Path lockFile = run.resolve(LOCK);
    if (!Files.exists(lockFile)) {
      // a folder without a lock file is a run that died while being created
      return true;
    }
    try (FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.WRITE)) {
      FileLock probe = channel.tryLock();
      if (probe == null) {
        return false;
      }
      probe.release();
      return true;
    } catch (OverlappingFileLockException e) {
      return false; // held by this very JVM
    } catch (IOException e) {
      return false;
    }
  }

  static void deleteRecursively(Path path) {
    if (!Files.exists(path)) {
      return;
    }
    try (Stream<Path> walk = Files.walk(path)) {
      walk.sorted(Comparator.reverseOrder()).forEach(p -> {
        try {
          Files.deleteIfExists(p);
        } catch (IOException e) {
          LOG.debug("cannot delete {}", p, e);
        }
      });
    } catch (IOException e) {
      LOG.warn("cannot delete {}", path, e);
    }
  }

  Optional<String> read(String file) {
    try {
      Path p = dir.resolve(file);
      return Files.exists(p) ? Optional.of(Files.readString(p)) : Optional.empty();
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  /** Releases the lock and deletes the folder; {@code keep} leaves the files (for a look after a failure). */
  void release(boolean keep) {
    try {
      lock.release();
      lockChannel.close();
    } catch (IOException e) {
      LOG.debug("releasing the stack lock", e);
    }
    if (!keep) {
      deleteRecursively(dir);
    }
  }

  @Override
  public void close() {
    release(false);
  }
}
