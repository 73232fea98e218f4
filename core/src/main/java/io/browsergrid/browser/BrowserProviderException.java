package io.browsergrid.browser;

/** The provider cannot be reached or refused for reasons of its own (capacity, throttling); the API answers 503. */
public class BrowserProviderException extends RuntimeException {
  public BrowserProviderException(String message, Throwable cause) {
    super(message, cause);
  }
}
