package io.browsergrid.standalone;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * An upstream HTTP proxy a client would run: takes {@code CONNECT host:port}, records it with its
 * {@code Proxy-Authorization}, and then answers whatever comes through the tunnel itself with a page saying so.
 */
final class TestProxy implements AutoCloseable {
  static final String PAGE = "served through the test proxy";

  private final ServerSocket server;
  private final List<String> requests = new CopyOnWriteArrayList<>();
  private final Thread acceptor;

  TestProxy() throws IOException {
    server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    acceptor = new Thread(this::accept, "test-proxy");
    acceptor.setDaemon(true);
    acceptor.start();
  }

  int port() {
    return server.getLocalPort();
  }

  /** Each request head the proxy got: its request line, then its Proxy-Authorization value when there was one. */
  List<String> requests() {
    return requests;
  }

  private void accept() {
    while (!server.isClosed()) {
      try {
        Socket socket = server.accept();
        Thread t = new Thread(() -> serve(socket), "test-proxy-conn");
        t.setDaemon(true);
        t.start();
      } catch (IOException e) {
        return;
      }
    }
  }

  private void serve(Socket socket) {
    try (socket) {
      InputStream in = socket.getInputStream();
      OutputStream out = socket.getOutputStream();
      String head = readHead(in);
      String line = head.lines().findFirst().orElse("");
      String auth = head.lines().filter(l -> l.toLowerCase().startsWith("proxy-authorization:"))
          .map(l -> l.substring(l.indexOf(':') + 1).trim()).findFirst().orElse("");
      requests.add(line + (auth.isEmpty() ? "" : " | " + auth));
      if (line.startsWith("CONNECT ")) {
        out.write("HTTP/1.1 200 Connection established\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
        readHead(in);
      }
      byte[] body = ("<html><body>" + PAGE + "</body></html>").getBytes(StandardCharsets.UTF_8);
      out.write(("HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: " + body.length
          + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
      out.write(body);
      out.flush();
    } catch (IOException e) {
      // the browser went away
    }
  }

  private static String readHead(InputStream in) throws IOException {
    StringBuilder head = new StringBuilder();
    int c;
    while ((c = in.read()) >= 0) {
      head.append((char) c);
      if (head.length() >= 4 && head.substring(head.length() - 4).equals("\r\n\r\n")) {
        break;
      }
    }
    return head.toString();
  }

  @Override
  public void close() throws IOException {
    server.close();
  }
}
