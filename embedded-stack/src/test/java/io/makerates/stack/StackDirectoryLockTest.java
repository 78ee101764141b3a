package io.makerates.stack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A stack folder stays locked for other processes however often its own JVM asks whether it is held
 * or tries to claim it again: an OS lock is dropped when its process closes any channel of the lock
 * file, so a probe from the owning JVM must not open one.
 */
class StackDirectoryLockTest {

  @TempDir Path dir;

  @Test
  void askingInTheOwningJvmKeepsTheLockForOtherProcesses() throws Exception {
    StackDirectory claimed = StackDirectory.claimPersistent(dir, false);
    try {
      assertThat(StackDirectory.isHeld(dir)).isTrue();
      assertThatThrownBy(() -> StackDirectory.claimPersistent(dir, false))
          .hasMessageContaining("another stack is running in");
      assertThat(StackDirectory.isHeld(dir)).isTrue();
      assertThat(heldForAnotherProcess(dir)).as("seen from another process").isTrue();
    } finally {
      claimed.release(true);
    }
    assertThat(StackDirectory.isHeld(dir)).isFalse();
    assertThat(heldForAnotherProcess(dir)).isFalse();
  }

  private static boolean heldForAnotherProcess(Path dir) throws Exception {
    Process probe =
        new ProcessBuilder(
                ProcessHandle.current().info().command().orElse("java"),
                "-cp",
                System.getProperty("java.class.path"),
                Probe.class.getName(),
                dir.toString())
            .inheritIO()
            .start();
    return probe.waitFor() == 0;
  }

  /** Another JVM: exit code 0 when the folder is held, 1 when it is free. */
  public static final class Probe {
    public static void main(String[] args) {
      System.exit(StackDirectory.isHeld(Path.of(args[0])) ? 0 : 1);
    }
  }
}
