package io.makerates.extractor.secret;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * A source's API key, read from a file that a Kubernetes secret or a Vault agent rewrites on
 * rotation. The file is read again before every use (it is tiny, and a mounted secret is swapped by
 * a symlink, which change notifications miss); when its content changes, the key it replaces stays
 * available as the previous key for a grace period, because the provider may not accept the new key
 * everywhere at once.
 */
public final class KeyRing {

  private final Path file;
  private final Duration grace;
  private final Clock clock;
  private final Consumer<String> onNewKey;
  private String current;
  private String previous;
  private Instant previousUntil = Instant.MIN;

  /**
   * @param onNewKey told of every key value read, before it is used: the redactor learns it there
   */
  public KeyRing(Path file, Duration grace, Clock clock, Consumer<String> onNewKey) {
    this.file = file;
    this.grace = grace;
    this.clock = clock;
    this.onNewKey = onNewKey;
    this.current =
        read()
            .orElseThrow(() -> new IllegalStateException("the API key file " + file + " is empty"));
    onNewKey.accept(current);
  }

  /** The key in the file now; if the file cannot be read or is empty, the last key read. */
  public synchronized String current() {
    Optional<String> read = read();
    if (read.isPresent() && !read.get().equals(current)) {
      onNewKey.accept(read.get());
      previous = current;
      previousUntil = clock.instant().plus(grace);
      current = read.get();
    }
    return current;
  }

  /** The key the current one replaced, while its grace period lasts. */
  public synchronized Optional<String> previous() {
    return previous != null && clock.instant().isBefore(previousUntil)
        ? Optional.of(previous)
        : Optional.empty();
  }

  public Path file() {
    return file;
  }

  private Optional<String> read() {
    try {
      String key = Files.readString(file).trim();
      return key.isEmpty() ? Optional.empty() : Optional.of(key);
    } catch (IOException e) {
      return Optional.empty(); // mid-rotation the file may be briefly absent: keep the key we have
    }
  }
}
