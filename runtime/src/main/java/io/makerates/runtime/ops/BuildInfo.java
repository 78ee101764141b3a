package io.makerates.runtime.ops;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/**
 * Product version and git commit of this build, for bronze audit records, the User-Agent and logs.
 */
public final class BuildInfo {

  private static final Properties PROPS = load();

  private BuildInfo() {}

  public static String version() {
    return PROPS.getProperty("version", "dev");
  }

  /** The git commit the build was made from, or "unknown" outside a git checkout. */
  public static String commit() {
    String commit = PROPS.getProperty("commit", "");
    return commit.isBlank() || commit.startsWith("${") ? "unknown" : commit;
  }

  private static Properties load() {
    Properties props = new Properties();
    try (InputStream in = BuildInfo.class.getResourceAsStream("/makerates-build.properties")) {
      if (in != null) {
        props.load(in);
      }
    } catch (IOException e) {
      // keep the defaults: a missing build stamp must not stop an app
    }
    return props;
  }
}
