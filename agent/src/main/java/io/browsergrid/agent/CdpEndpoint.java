package io.browsergrid.agent;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.URI;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;

/**
 * Where a browser's CDP WebSocket is: a {@code ws://host:port/path} URL, or, for a sandboxed browser whose DevTools
 * port exists only inside its own network namespace, the Unix socket that forwards to it, written
 * {@code ws+unix:/socket/path:/devtools/browser/<id>} (the convention of Node's {@code ws}).
 *
 * @param socket the Unix socket, or null for a TCP endpoint
 * @param host   the TCP host (null for a Unix socket)
 * @param port   the TCP port (-1 for a Unix socket)
 * @param path   the WebSocket path with its query, starting with {@code /}
 */
public record CdpEndpoint(Path socket, String host, int port, String path) {
  private static final String UNIX = "ws+unix:";

  /** A sandboxed browser's endpoint: {@code path} on the DevTools server behind {@code socket}. */
  public static CdpEndpoint unix(Path socket, String path) {
    return new CdpEndpoint(socket.toAbsolutePath(), null, -1, path);
  }

  /**
   * Reads what {@link #toString()} wrote, or a plain {@code ws://} URL. Throws {@link IllegalArgumentException} for
   * anything else.
   */
  public static CdpEndpoint parse(String text) {
    if (text.startsWith(UNIX)) {
      // the socket path may hold a colon; the WebSocket path never does
      int split = text.lastIndexOf(":/");
      if (split <= UNIX.length()) {
        throw new IllegalArgumentException("no WebSocket path in " + text);
      }
      return unix(Path.of(text.substring(UNIX.length(), split)), text.substring(split + 1));
    }
    URI url = URI.create(text);
    if (!"ws".equalsIgnoreCase(url.getScheme()) || url.getHost() == null) {
      throw new IllegalArgumentException("not a ws:// or ws+unix: endpoint: " + text);
    }
    String path = url.getRawPath() == null || url.getRawPath().isEmpty() ? "/" : url.getRawPath();
    if (url.getRawQuery() != null) {
      path += "?" + url.getRawQuery();
    }
    String host = url.getHost().startsWith("[") ? url.getHost().substring(1, url.getHost().length() - 1)
        : url.getHost();
    return new CdpEndpoint(null, host, url.getPort() < 0 ? 80 : url.getPort(), path);
  }

  public boolean isUnix() {
    return socket != null;
  }

  /** The address to connect to. */
  public SocketAddress address() {
    return isUnix() ? UnixDomainSocketAddress.of(socket) : new InetSocketAddress(host, port);
  }

  /** What the {@code Host} header says: Chromium's DevTools server answers only an IP literal or localhost. */
  public String hostHeader() {
    return isUnix() ? "localhost" : (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + port;
  }

  /** A new blocking connection to the endpoint. */
  public SocketChannel connect() throws IOException {
    return SocketChannel.open(address());
  }

  /** The same endpoint with another WebSocket path, e.g. for {@code /json/version}. */
  public CdpEndpoint withPath(String other) {
    return new CdpEndpoint(socket, host, port, other);
  }

  @Override
  public String toString() {
    return isUnix() ? UNIX + socket + ":" + path : "ws://" + hostHeader() + path;
  }
}
