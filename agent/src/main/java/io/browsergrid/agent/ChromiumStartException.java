package io.browsergrid.agent;

import java.io.IOException;

/** Chromium did not get to answer CDP: it exited, was killed, or its DevTools socket misbehaved. */
public final class ChromiumStartException extends IOException {
  public ChromiumStartException(String message) {
    super(message);
  }

  public ChromiumStartException(String message, Throwable cause) {
    super(message, cause);
  }
}
