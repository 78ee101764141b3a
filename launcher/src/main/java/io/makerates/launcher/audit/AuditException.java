package io.makerates.launcher.audit;

/** The audit could not start: no such rate or revision, or a service it needs cannot be reached. */
public final class AuditException extends Exception {

  public AuditException(String message) {
    super(message);
  }
}
