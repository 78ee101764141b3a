package io.makerates.launcher;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/** The {@code --data-dir} option of the commands that start or use a local stack's folder. */
final class DataDirOption {

  @Option(
      names = "--data-dir",
      paramLabel = "DIR",
      description = "the local stack's data folder (default: .makerates in the project root)")
  Path dataDir = LocalStack.defaultDataDir();

  /**
   * The folder as an absolute, normalised path: the form the stack's lock and files are kept by.
   */
  Path folder() {
    return dataDir.toAbsolutePath().normalize();
  }
}
