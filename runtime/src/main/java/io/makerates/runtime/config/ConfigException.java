package io.makerates.runtime.config;

/**
 * A missing or malformed setting; its message names the environment variable and what is expected.
 */
public class ConfigException extends RuntimeException {
  public ConfigException(String message) {
    super(message);
  }
}
