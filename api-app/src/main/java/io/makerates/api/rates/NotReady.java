package io.makerates.api.rates;

/**
 * What an answer needs is not there yet (the history is still being read at start): the server
 * answers 503 with Retry-After, as it does while the star schema does not answer.
 */
public final class NotReady extends RuntimeException {

  private static final long serialVersionUID = 1L;

  public NotReady(String what) {
    super(what);
  }
}
