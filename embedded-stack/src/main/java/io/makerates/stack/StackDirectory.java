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
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The working folder of one running stack, under a common root. It holds an OS file lock for as
 * long as its JVM lives: the kernel drops the lock when the JVM dies, even by kill -9, so a later
 * start recognises the folders of dead runs, stops what they left running (postmaster, registry)
 * and deletes them.
 *
 * <p>A persistent folder ({@link #claimPersistent}) is locked the same way but never deleted: not
 * on release, not by a sweep (it carries a {@value #PERSISTENT} marker). Claiming it stops what a
 * dead owner left running in it, so the next start can reuse its data.
 */
final class StackDirectory implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(StackDirectory.class);
  static final String LOCK = "owner.lock";
  static final String PERSISTENT = "persistent";

  /**
   * A folder without a lock file younger than this may be one being created right now, not a dead
   * run.
   */
  private static final Duration CREATION_GRACE = Duration.ofMinutes(1);

  /**
   * The lock files this JVM holds. An OS file lock belongs to the process and is dropped when the
   * process closes any channel of that file: probing a lock this JVM holds would release it, and
   * another process could then take the folder of a running stack, or sweep it away as dead. So a
   * lock held here is never probed or opened again.
   */
  private static final Set<Path> HELD_HERE = ConcurrentHashMap.newKeySet();

  private final Path dir;
  private final FileChannel lockChannel;
  private final FileLock lock;
  private final boolean persistent;

  private StackDirectory(Path dir, FileChannel lockChannel, FileLock lock, boolean persistent) {
    this.dir = dir;
    this.lockChannel = lockChannel;
    this.lock = lock;
    this.persistent = persistent;
  }

  static Path defaultRoot() {
    return Path.of(System.getProperty("java.io.tmpdir"), "makerates-stacks");
  }

  /**
   * Sweeps dead runs under {@code root}, then creates and locks {@code root/name} (a fresh random
   * name when null).
   */
  static StackDirectory claim(Path root, String name) {
    try {
      Files.createDirectories(root);
      sweepDeadRuns(root);
      Path dir = name == null ? Files.createTempDirectory(root, "stack-") : root.resolve(name);
      Files.createDirectories(dir);
      refuseIfHeldHere(dir);
      return new StackDirectory(dir, lock(dir), null, false).withLock();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot prepare the stack folder under " + root, e);
    }
  }

  /**
   * Locks {@code dir} (created if absent) for a stack that keeps its data there. What a dead owner
   * left running in it (registry, postmaster) is stopped first. {@code fresh} deletes everything in
   * it but the lock, once it is held.
   */
  static StackDirectory claimPersistent(Path dir, boolean fresh) {
    Path abs = dir.toAbsolutePath().normalize();
    try {
      Files.createDirectories(abs);
      refuseIfHeldHere(abs);
      FileChannel channel = lock(abs);
      StackDirectory claimed = new StackDirectory(abs, channel, null, true).withLock();
      try {
        Files.writeString(
            abs.resolve(PERSISTENT),
            "this stack folder keeps its data: it is never deleted by a sweep\n");
        StaleProcesses.stopRecorded(abs);
        if (fresh) {
          LOG.info("deleting the data of {} (fresh start)", abs);
          try (DirectoryStream<Path> children = Files.newDirectoryStream(abs)) {
            for (Path child : children) {
              String name = String.valueOf(child.getFileName());
              if (!name.equals(LOCK) && !name.equals(PERSISTENT)) {
                deleteRecursively(child);
              }
            }
          }
        }
      } catch (IOException | RuntimeException e) {
        claimed.release(true);
        throw e;
      }
      return claimed;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot prepare the stack folder " + abs, e);
    }
  }

  private static Path lockFile(Path dir) {
    return dir.resolve(LOCK).toAbsolutePath().normalize();
  }

  private static void refuseIfHeldHere(Path dir) {
    if (HELD_HERE.contains(lockFile(dir))) {
      throw new IllegalStateException("another stack is running in " + dir + "; stop it first");
    }
  }

  private static FileChannel lock(Path dir) throws IOException {
    return FileChannel.open(dir.resolve(LOCK), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
  }

  /**
   * Takes the OS lock on this folder's lock file, or fails naming the folder when someone else
   * holds it.
   */
  private StackDirectory withLock() throws IOException {
    FileLock taken;
    try {
      taken = lockChannel.tryLock();
    } catch (OverlappingFileLockException e) {
      taken = null; // this very JVM holds it
    }
    if (taken == null) {
      lockChannel.close();
      throw new IllegalStateException("another stack is running in " + dir + "; stop it first");
    }
    HELD_HERE.add(lockFile(dir));
    return new StackDirectory(dir, lockChannel, taken, persistent);
  }

  /** True when a live process (this JVM included) holds the lock of {@code dir}. */
  static boolean isHeld(Path dir) {
    Path lockFile = lockFile(dir);
    if (HELD_HERE.contains(lockFile)) {
      return true; // probing it would release it
    }
    if (!Files.exists(lockFile)) {
      return false;
    }
    try (FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.WRITE)) {
      FileLock probe = channel.tryLock();
      if (probe == null) {
        return true;
      }
      probe.release();
      return false;
    } catch (OverlappingFileLockException e) {
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  boolean persistent() {
    return persistent;
  }

  Path path() {
    return dir;
  }

  Path resolve(String child) {
    return dir.resolve(child);
  }

  /**
   * Remembers a child process so that a later start can stop it if this JVM dies without closing
   * the stack.
   */
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
        if (Files.exists(run.resolve(PERSISTENT))) {
          continue; // a stack that keeps its data: its own next start stops what it left running
        }
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
      // no lock file: a run that died while being created, unless it is being created now
      try {
        return Files.getLastModifiedTime(run)
            .toInstant()
            .isBefore(Instant.now().minus(CREATION_GRACE));
      } catch (IOException e) {
        return false;
      }
    }
    return !isHeld(run);
  }

  static void deleteRecursively(Path path) {
    if (!Files.exists(path)) {
      return;
    }
    try (Stream<Path> walk = Files.walk(path)) {
      walk.sorted(Comparator.reverseOrder())
          .forEach(
              p -> {
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

  /**
   * Releases the lock and deletes the folder; {@code keep} leaves the files (for a look after a
   * failure). A persistent folder is always kept.
   */
  void release(boolean keep) {
    try {
      if (lock != null) {
        lock.release();
      }
      lockChannel.close();
    } catch (IOException e) {
      LOG.debug("releasing the stack lock", e);
    }
    if (lock != null) {
      HELD_HERE.remove(lockFile(dir));
    }
    if (!keep && !persistent) {
      deleteRecursively(dir);
    }
  }

  @Override
  public void close() {
    release(false);
  }
}
