package io.browsergrid.agent.egress;

import io.browsergrid.webhook.AddressGuard;
import io.browsergrid.webhook.RefusedTargetException;
import io.browsergrid.webhook.Target;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URISyntaxException;

/**
 * Which addresses a browser's traffic may reach: the webhook rules ({@link AddressGuard}), applied to every address a
 * host resolves to, once; the caller connects to the address returned and to nothing else (no DNS rebinding).
 */
final class EgressPolicy {
  private final AddressGuard guard;

  EgressPolicy(AddressGuard guard) {
    this.guard = guard;
  }

  /**
   * The checked address of {@code host:port}. Blocks while DNS answers.
   *
   * @throws RefusedTargetException when the host is or resolves to a refused address, or does not resolve
   */
  InetSocketAddress check(String host, int port) throws RefusedTargetException {
    try {
      Target target = guard.check(new URI("http", null, host, port, "/", null, null));
      return new InetSocketAddress(target.address(), port);
    } catch (URISyntaxException e) {
      throw new RefusedTargetException("not a valid host: " + host);
    }
  }
}
