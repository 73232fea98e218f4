package io.browsergrid.agent.server;

import java.net.URI;
import java.util.Objects;

/**
 * What the local Chromium says about itself on {@code /json/version}, and where its browser-level CDP endpoint is.
 *
 * @param browser         e.g. {@code Chrome/150.0.7000.0}
 * @param protocolVersion the CDP version, e.g. {@code 1.3}
 * @param cdpEndpoint     {@code ws://127.0.0.1:<port>/devtools/browser/<id>}
 */
record ChromiumVersion(String browser, String protocolVersion, URI cdpEndpoint) {
  ChromiumVersion {
    Objects.requireNonNull(browser, "browser");
    Objects.requireNonNull(protocolVersion, "protocolVersion");
    Objects.requireNonNull(cdpEndpoint, "cdpEndpoint");
  }
}
