package io.browsergrid.store;

/** The store cannot be reached or answered with an error that is not the caller's fault; the API answers 503. */
public class StoreUnavailableException extends RuntimeException {
  public StoreUnavailableException(String message, Throwable cause) {
    super(message, cause);
  }
}
