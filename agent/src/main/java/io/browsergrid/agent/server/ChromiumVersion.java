package io.browsergrid.agent.server;

import io.browsergrid.agent.CdpEndpoint;
import java.util.Objects;

/**
 * What the local Chromium says about itself on {@code /json/version}, and where its browser-level CDP endpoint is.
 *
 * @param browser         e.g. {@code Chrome/150.0.7000.0}
 * @param protocolVersion the CDP version, e.g. {@code 1.3}
 * @param cdpEndpoint     where its browser-level CDP WebSocket is (a sandboxed browser's Unix socket, or TCP)
 */
record ChromiumVersion(String browser, String protocolVersion, CdpEndpoint cdpEndpoint) {
  ChromiumVersion {
    Objects.requireNonNull(browser, "browser");
    Objects.requireNonNull(protocolVersion, "protocolVersion");
    Objects.requireNonNull(cdpEndpoint, "cdpEndpoint");
  }
}
