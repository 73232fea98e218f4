package io.browsergrid.webhook;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.ProtocolException;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;

/**
 * Makes one webhook POST to a {@link Target}, connecting to its checked address only (never a second DNS lookup) and,
 * for https, checking the certificate against the host name. Follows no redirect, reads the status line and headers
 * within the total timeout and ignores the body. Thread-safe; each call blocks its caller for at most about the total
 * timeout, enforced by a watchdog that closes the socket.
 */
public final class WebhookSender {
  public static final String USER_AGENT = "BrowserGrid-Webhooks/1";
  static final int MAX_LINE_BYTES = 8 * 1024;
  static final int MAX_ANSWER_HEAD_BYTES = 64 * 1024;
  private static final Set<String> OWN_HEADERS =
      Set.of("host", "content-type", "content-length", "user-agent", "connection", "transfer-encoding");
  private static final Pattern TOKEN = Pattern.compile("[!#$%&'*+.^_`|~0-9A-Za-z-]+");
  private static final Pattern FIELD_VALUE = Pattern.compile("[\\x20-\\x7e\\t]*");
  private static final Pattern STATUS_LINE = Pattern.compile("HTTP/1\\.[01] ([1-5][0-9][0-9])(?: .*)?");

  private final Duration connectTimeout;
  private final Duration totalTimeout;
  private final SSLSocketFactory tls;
  private final Clock clock;

  /** A sender with the JDK's default trust store and the system clock. */
  public WebhookSender(Duration connectTimeout, Duration totalTimeout) {
    this(connectTimeout, totalTimeout, (SSLSocketFactory) SSLSocketFactory.getDefault(), Clock.systemUTC());
  }

  /**
   * @param connectTimeout how long the TCP connect may take
   * @param totalTimeout how long the whole attempt may take, from connect to the end of the answer's headers
   * @param tls makes the TLS sockets, and so decides which certificates are trusted
   * @param clock reads {@code Retry-After} dates
   * @throws IllegalArgumentException unless both timeouts are positive
   */
  public WebhookSender(Duration connectTimeout, Duration totalTimeout, SSLSocketFactory tls, Clock clock) {
    if (connectTimeout.isNegative() || connectTimeout.isZero() || totalTimeout.isNegative() || totalTimeout.isZero()) {
      throw new IllegalArgumentException("timeouts must be positive");
    }
    this.connectTimeout = connectTimeout;
    this.totalTimeout = totalTimeout;
    this.tls = Objects.requireNonNull(tls, "tls");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /**
   * POSTs {@code body} as {@code application/json} with {@code headers} (the webhook-* ones) added. Network trouble of
   * any kind (refused or timed-out connection, TLS failure, no or garbled answer) comes back as an {@link Attempt}
   * with status 0 and an error; it is never thrown.
   *
   * @throws IllegalArgumentException when a header name is not a token, is one this sender sets itself ({@code Host},
   *     {@code Content-Type}, {@code Content-Length}, {@code User-Agent}, {@code Connection},
   *     {@code Transfer-Encoding}), or a value holds a control or non-ASCII character
   */
  public Attempt send(Target target, Map<String, String> headers, byte[] body) {
    byte[] request = request(target, headers, body);
    long deadline = System.nanoTime() + totalTimeout.toNanos();
    Socket raw = new Socket();
    // the watchdog bounds what socket timeouts cannot: writes and a slow TLS handshake
    CompletableFuture.delayedExecutor(totalTimeout.toMillis(), TimeUnit.MILLISECONDS, Runnable::run)
        .execute(() -> closeQuietly(raw));
    String address = target.address().getHostAddress();
    String where = target.host() + ":" + target.port() + (address.equals(target.host()) ? "" : " (" + address + ")");
    try {
      try {
        raw.connect(new InetSocketAddress(target.address(), target.port()),
            (int) Math.min(connectTimeout.toMillis(), remainingMillis(deadline)));
      } catch (SocketTimeoutException e) {
        return Attempt.failed("connecting to " + where + " timed out after " + text(connectTimeout));
      }
      Socket socket = target.https() ? secure(raw, target, deadline) : raw;
      OutputStream out = socket.getOutputStream();
      out.write(request);
      out.flush();
      return answer(new BufferedInputStream(new DeadlineInputStream(socket, deadline)), where);
    } catch (IOException e) {
      return Attempt.failed(describe(e, where, deadline));
    } finally {
      // closing the plain socket also ends a TLS layer on it, without waiting to send close_notify
      closeQuietly(raw);
    }
  }

  private String describe(IOException e, String where, long deadline) {
    if (e instanceof SocketTimeoutException || System.nanoTime() - deadline >= 0) {
      return "no answer from " + where + " within " + text(totalTimeout);
    }
    if (e instanceof ConnectException) {
      return "cannot connect to " + where + ": " + e.getMessage();
    }
    if (e instanceof ProtocolException) {
      return "not an HTTP answer from " + where + ": " + e.getMessage();
    }
    if (e instanceof SSLException) {
      return "TLS with " + where + " failed: " + e.getMessage();
    }
    return "network error with " + where + ": " + e;
  }

  private Socket secure(Socket raw, Target target, long deadline) throws IOException {
    String name = target.host().endsWith(".") ? target.host().substring(0, target.host().length() - 1) : target.host();
    SSLSocket ssl = (SSLSocket) tls.createSocket(raw, name, target.port(), true);
    SSLParameters parameters = ssl.getSSLParameters();
    parameters.setEndpointIdentificationAlgorithm("HTTPS");
    if (!ipLiteral(name)) {
      parameters.setServerNames(List.of(new SNIHostName(name)));
    }
    ssl.setSSLParameters(parameters);
    ssl.setSoTimeout(remainingMillis(deadline));
    ssl.startHandshake();
    return ssl;
  }

  private Attempt answer(InputStream in, String where) throws IOException {
    int[] budget = {MAX_ANSWER_HEAD_BYTES};
    while (true) {
      String statusLine = line(in, budget);
      if (statusLine == null) {
        return Attempt.failed(where + " closed the connection without an answer");
      }
      Matcher status = STATUS_LINE.matcher(statusLine);
      if (!status.matches()) {
        throw new ProtocolException("bad status line " + quote(statusLine));
      }
      int code = Integer.parseInt(status.group(1));
      Duration retryAfter = retryAfter(in, budget);
      // 1xx answers are interim; the real one follows
      if (code >= 200) {
        return Attempt.answered(code, retryAfter);
      }
    }
  }

  /** Reads the header lines up to the blank one; the Retry-After value if any. A cut-off head still counts. */
  private Duration retryAfter(InputStream in, int[] budget) throws IOException {
    Duration retryAfter = null;
    try {
      String line;
      while ((line = line(in, budget)) != null && !line.isEmpty()) {
        int colon = line.indexOf(':');
        if (colon > 0 && line.substring(0, colon).trim().equalsIgnoreCase("Retry-After")) {
          retryAfter = RetryAfter.parse(line.substring(colon + 1), clock.instant());
        }
      }
    } catch (ProtocolException e) {
      // an oversized head: what came before it is answer enough
    }
    return retryAfter;
  }

  /** One line without its CR LF, null at the end of the stream. */
  private static String line(InputStream in, int[] budget) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    int b;
    while ((b = in.read()) != -1 && b != '\n') {
      if (bytes.size() >= MAX_LINE_BYTES || --budget[0] < 0) {
        throw new ProtocolException("the answer's head is too large");
      }
      bytes.write(b);
    }
    if (b == -1 && bytes.size() == 0) {
      return null;
    }
    String text = bytes.toString(StandardCharsets.ISO_8859_1);
    return text.endsWith("\r") ? text.substring(0, text.length() - 1) : text;
  }

  private static byte[] request(Target target, Map<String, String> headers, byte[] body) {
    URI url = URI.create(target.url().toASCIIString());
    String path = url.getRawPath() == null || url.getRawPath().isEmpty() ? "/" : url.getRawPath();
    String query = url.getRawQuery() == null ? "" : "?" + url.getRawQuery();
    String host = target.host().indexOf(':') >= 0 ? "[" + target.host() + "]" : target.host();
    StringBuilder head = new StringBuilder()
        .append("POST ").append(path).append(query).append(" HTTP/1.1\r\n")
        .append("Host: ").append(host).append(target.defaultPort() ? "" : ":" + target.port()).append("\r\n")
        .append("Content-Type: application/json\r\n")
        .append("Content-Length: ").append(body.length).append("\r\n")
        .append("User-Agent: ").append(USER_AGENT).append("\r\n")
        .append("Connection: close\r\n");
    headers.forEach((name, value) -> {
      if (name == null || !TOKEN.matcher(name).matches() || OWN_HEADERS.contains(name.toLowerCase(Locale.ROOT))) {
        throw new IllegalArgumentException("not a header this sender can add: " + name);
      }
      if (value == null || !FIELD_VALUE.matcher(value).matches()) {
        throw new IllegalArgumentException("header " + name + " has a control or non-ASCII character");
      }
      head.append(name).append(": ").append(value).append("\r\n");
    });
    byte[] headBytes = head.append("\r\n").toString().getBytes(StandardCharsets.US_ASCII);
    byte[] request = new byte[headBytes.length + body.length];
    System.arraycopy(headBytes, 0, request, 0, headBytes.length);
    System.arraycopy(body, 0, request, headBytes.length, body.length);
    return request;
  }

  private static boolean ipLiteral(String host) {
    return host.indexOf(':') >= 0 || host.chars().allMatch(c -> c == '.' || (c >= '0' && c <= '9'));
  }

  /** Milliseconds to the deadline, at least 1. */
  private static int remainingMillis(long deadline) throws SocketTimeoutException {
    long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
    if (left <= 0) {
      throw new SocketTimeoutException("deadline passed");
    }
    return (int) Math.min(left, Integer.MAX_VALUE);
  }

  private static String text(Duration duration) {
    return duration.toMillis() % 1000 == 0 ? duration.toSeconds() + " s" : duration.toMillis() + " ms";
  }

  private static String quote(String line) {
    return "\"" + (line.length() > 80 ? line.substring(0, 80) + "..." : line) + "\"";
  }

  private static void closeQuietly(Socket socket) {
    try {
      socket.close();
    } catch (IOException e) {
      // nothing left to do with a socket that will not close
    }
  }

  /** Gives every read only the time left before the deadline. */
  private static final class DeadlineInputStream extends FilterInputStream {
    private final Socket socket;
    private final long deadline;

    DeadlineInputStream(Socket socket, long deadline) throws IOException {
      super(socket.getInputStream());
      this.socket = socket;
      this.deadline = deadline;
    }

    @Override
    public int read() throws IOException {
      socket.setSoTimeout(remainingMillis(deadline));
      return super.read();
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
      socket.setSoTimeout(remainingMillis(deadline));
      return super.read(buffer, offset, length);
    }
  }
}
