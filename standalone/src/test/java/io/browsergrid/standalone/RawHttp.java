package io.browsergrid.standalone;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/** HTTP/1.1 over a raw socket, as an abusive client writes and reads it. */
final class RawHttp {
  private RawHttp() {}

  /** One response read off a connection: its status, headers block and body. */
  record Response(int status, String head, String body) {}

  static Socket connect(InetSocketAddress server) throws IOException {
    Socket s = new Socket(server.getAddress(), server.getPort());
    s.setSoTimeout(60_000);
    return s;
  }

  /** Reads the next response (Content-Length bodies only, as the server sends them); null at end of stream. */
  static Response read(InputStream in) throws IOException {
    return read(in, true);
  }

  /** Reads the next response, its body only when {@code withBody} (an answer to HEAD has none); null at the end. */
  static Response read(InputStream in, boolean withBody) throws IOException {
    ByteArrayOutputStream head = new ByteArrayOutputStream();
    int matched = 0;
    while (matched < 4) {
      int b = in.read();
      if (b < 0) {
        return null;
      }
      head.write(b);
      matched = (b == (matched % 2 == 0 ? '\r' : '\n')) ? matched + 1 : (b == '\r' ? 1 : 0);
    }
    String text = head.toString(StandardCharsets.ISO_8859_1);
    int status = Integer.parseInt(text.substring(9, 12));
    int length = 0;
    for (String line : text.split("\r\n")) {
      if (line.toLowerCase(Locale.ROOT).startsWith("content-length:")) {
        length = Integer.parseInt(line.substring(15).trim());
      }
    }
    byte[] body = withBody ? in.readNBytes(length) : new byte[0];
    return new Response(status, text, new String(body, StandardCharsets.UTF_8));
  }

  /** One request on a connection of its own ({@code Connection: close}), so no pooled connection can go stale. */
  static Response exchange(InetSocketAddress server, String method, String path, String body) throws IOException {
    try (Socket s = connect(server)) {
      byte[] bytes = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
      s.getOutputStream().write((method + " " + path + " HTTP/1.1\r\nHost: x\r\nConnection: close\r\n"
          + "Authorization: Bearer " + ServerFixture.OPERATOR_KEY + "\r\nContent-Type: application/json\r\n"
          + "Content-Length: " + bytes.length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
      s.getOutputStream().write(bytes);
      return read(s.getInputStream());
    }
  }

  /** True when the server closed the connection: a read ends the stream (or the connection is reset). */
  static boolean closedByServer(Socket s) {
    try {
      return s.getInputStream().read() < 0;
    } catch (java.net.SocketTimeoutException stillOpen) {
      return false;
    } catch (IOException reset) {
      return true;
    }
  }
}
