package io.browsergrid.webhook;

import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.HexFormat;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Decides which webhook URLs may be called, so a subscriber cannot make the server reach its own network (SSRF).
 * Only http and https; every address a host resolves to must be public. Loopback, private (RFC 1918, fc00::/7) and
 * shared (100.64/10) addresses pass only with {@code allowPrivate}; link-local, multicast, unspecified, broadcast,
 * reserved and cloud metadata addresses never pass, nor do IPv6 forms that embed them (IPv4-mapped, NAT64, 6to4).
 * Immutable and thread-safe when the resolver is.
 */
public final class AddressGuard {
  /** Resolves a host name to all its addresses; production passes {@code InetAddress::getAllByName}. */
  @FunctionalInterface
  public interface Resolver {
    /** All addresses of {@code host}; throws when it has none. */
    InetAddress[] resolve(String host) throws UnknownHostException;
  }

  static final int MAX_URL_LENGTH = 2048;
  // what some resolver could read as an IPv4 address: decimal, octal or hex parts, one to four of them
  private static final Pattern NUMERIC_HOST =
      Pattern.compile("(0[xX][0-9a-fA-F]*|[0-9]+)(\\.(0[xX][0-9a-fA-F]*|[0-9]+))*\\.?");
  private static final String OCTET = "(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])";
  private static final Pattern CANONICAL_IPV4 = Pattern.compile(OCTET + "(\\." + OCTET + "){3}");
  // AWS, GCP, Azure, Oracle (169.254.169.254), AWS ECS (169.254.170.2), Alibaba (100.100.100.200), Azure WireServer
  private static final Set<Integer> METADATA_V4 =
      Set.of(ipv4(169, 254, 169, 254), ipv4(169, 254, 170, 2), ipv4(100, 100, 100, 200), ipv4(168, 63, 129, 16));
  // AWS IMDS over IPv6, fd00:ec2::254
  private static final String METADATA_V6 = "fd000ec2000000000000000000000254";

  private final boolean allowPrivate;
  private final Resolver resolver;

  /**
   * @param allowPrivate let loopback, private and shared addresses through (tests, private networks); metadata,
   *     link-local and the other special addresses stay refused
   * @param resolver how host names become addresses
   */
  public AddressGuard(boolean allowPrivate, Resolver resolver) {
    this.allowPrivate = allowPrivate;
    this.resolver = Objects.requireNonNull(resolver, "resolver");
  }

  /**
   * Why {@code url} cannot be a webhook target, judged without DNS: syntax, scheme, port, and the address when the host
   * is an IP literal. Empty when it may be subscribed; {@link #check} still resolves and checks it before each call.
   * Never throws.
   */
  public Optional<String> refusalForUrl(String url) {
    if (url == null || url.isBlank()) {
      return Optional.of("the URL is empty");
    }
    if (url.length() > MAX_URL_LENGTH) {
      return Optional.of("the URL is longer than " + MAX_URL_LENGTH + " characters");
    }
    try {
      Parsed parsed = parse(new URI(url));
      if (parsed.literal() != null) {
        String refusal = refusal(parsed.literal());
        if (refusal != null) {
          return Optional.of(parsed.host() + " is " + refusal);
        }
      }
      return Optional.empty();
    } catch (URISyntaxException e) {
      return Optional.of("not a valid URL: " + e.getReason());
    } catch (RefusedTargetException e) {
      return Optional.of(e.getMessage());
    }
  }

  /**
   * Resolves the host of {@code url} (IP literals without DNS), checks every address it resolves to, and returns the
   * first, which the caller must connect to. Blocks for as long as the resolver does.
   *
   * @throws RefusedTargetException when the URL is unusable or an address is refused, and also when the host does not
   *     resolve; only the last may pass with time, and {@link RefusedTargetException#temporary()} says which it is
   */
  public Target check(URI url) throws RefusedTargetException {
    Parsed parsed = parse(url);
    InetAddress[] addresses = parsed.literal() != null ? new InetAddress[] {parsed.literal()} : resolve(parsed.host());
    for (InetAddress address : addresses) {
      String refusal = refusal(address);
      if (refusal != null) {
        throw new RefusedTargetException(parsed.literal() != null
            ? parsed.host() + " is " + refusal
            : parsed.host() + " resolves to " + address.getHostAddress() + ", " + refusal);
      }
    }
    return new Target(url, parsed.host(), parsed.port(), parsed.https(), addresses[0]);
  }

  private InetAddress[] resolve(String host) throws RefusedTargetException {
    try {
      InetAddress[] addresses = resolver.resolve(host);
      if (addresses != null && addresses.length > 0) {
        return addresses;
      }
    } catch (UnknownHostException e) {
      // fall through: a name that does not resolve now may resolve later
    }
    throw RefusedTargetException.temporary("cannot resolve " + host);
  }

  private record Parsed(String host, int port, boolean https, InetAddress literal) {}

  private Parsed parse(URI url) throws RefusedTargetException {
    String scheme = url.getScheme();
    if (scheme == null || !(scheme.equalsIgnoreCase("http") || scheme.equalsIgnoreCase("https"))) {
      throw new RefusedTargetException("only http and https URLs are allowed");
    }
    String uriHost = url.getHost();
    if (uriHost == null || uriHost.isEmpty()) {
      throw new RefusedTargetException("the URL has no valid host");
    }
    if (url.getRawUserInfo() != null) {
      throw new RefusedTargetException("the URL must not carry a user name or password");
    }
    boolean https = scheme.equalsIgnoreCase("https");
    int port = url.getPort() == -1 ? (https ? 443 : 80) : url.getPort();
    if (port < 1 || port > 65535) {
      throw new RefusedTargetException("the port is out of range");
    }
    String host = uriHost.startsWith("[") ? uriHost.substring(1, uriHost.length() - 1) : uriHost;
    return new Parsed(host, port, https, literal(uriHost));
  }

  /** The address an IP-literal host names, null for a host name; never asks DNS. */
  private static InetAddress literal(String uriHost) throws RefusedTargetException {
    try {
      if (uriHost.startsWith("[")) {
        if (uriHost.indexOf('%') >= 0) {
          throw new RefusedTargetException("IPv6 zone ids are not allowed");
        }
        // a bracketed host is parsed as an IPv6 literal or refused, never looked up
        return InetAddress.getByName(uriHost);
      }
      if (!NUMERIC_HOST.matcher(uriHost).matches()) {
        return null;
      }
      if (!CANONICAL_IPV4.matcher(uriHost).matches()) {
        throw new RefusedTargetException("write IPv4 addresses as four decimal numbers without leading zeros");
      }
      String[] parts = uriHost.split("\\.");
      byte[] bytes = new byte[4];
      for (int i = 0; i < 4; i++) {
        bytes[i] = (byte) Integer.parseInt(parts[i]);
      }
      return InetAddress.getByAddress(bytes);
    } catch (UnknownHostException e) {
      throw new RefusedTargetException("not a valid IP address: " + uriHost);
    }
  }

  /** Why {@code address} is refused, or null when it is allowed. */
  private String refusal(InetAddress address) {
    byte[] b = address.getAddress();
    return b.length == 4 ? refusalV4(ipv4(b, 0)) : refusalV6(b);
  }

  private String refusalV4(int ip) {
    if (METADATA_V4.contains(ip)) {
      return "a cloud metadata address";
    }
    if (in(ip, 127, 0, 0, 0, 8)) {
      return allowPrivate ? null : "a loopback address";
    }
    if (in(ip, 10, 0, 0, 0, 8) || in(ip, 172, 16, 0, 0, 12) || in(ip, 192, 168, 0, 0, 16)) {
      return allowPrivate ? null : "a private address";
    }
    if (in(ip, 100, 64, 0, 0, 10)) {
      return allowPrivate ? null : "a shared (CGNAT) address";
    }
    if (in(ip, 169, 254, 0, 0, 16)) {
      return "a link-local address";
    }
    if (in(ip, 0, 0, 0, 0, 8)) {
      return "an unspecified address";
    }
    if (ip == -1) {
      return "the broadcast address";
    }
    if (in(ip, 224, 0, 0, 0, 4)) {
      return "a multicast address";
    }
    if (in(ip, 240, 0, 0, 0, 4) || in(ip, 192, 0, 0, 0, 24) || in(ip, 192, 0, 2, 0, 24) || in(ip, 198, 18, 0, 0, 15)
        || in(ip, 198, 51, 100, 0, 24) || in(ip, 203, 0, 113, 0, 24)) {
      return "a reserved address";
    }
    return null;
  }

  private String refusalV6(byte[] b) {
    if (HexFormat.of().formatHex(b).equals(METADATA_V6)) {
      return "a cloud metadata address";
    }
    if (zero(b, 0, 16)) {
      return "an unspecified address";
    }
    if (zero(b, 0, 15) && b[15] == 1) {
      return allowPrivate ? null : "a loopback address";
    }
    if (zero(b, 0, 10) && b[10] == (byte) 0xff && b[11] == (byte) 0xff) {
      return embedded("an IPv4-mapped form of ", ipv4(b, 12));
    }
    if (zero(b, 0, 12)) {
      return "an IPv4-compatible address (deprecated)";
    }
    if (prefix(b, 0x00, 0x64, 0xff, 0x9b) && zero(b, 4, 12)) {
      return embedded("a NAT64 form of ", ipv4(b, 12));
    }
    if (prefix(b, 0x00, 0x64, 0xff, 0x9b, 0x00, 0x01)) {
      return "a local NAT64 address";
    }
    if (prefix(b, 0x20, 0x02)) {
      return embedded("a 6to4 form of ", ipv4(b, 2));
    }
    if (prefix(b, 0x20, 0x01, 0x00, 0x00)) {
      return "a Teredo address";
    }
    if ((b[0] & 0xfe) == 0xfc) {
      return allowPrivate ? null : "a private (unique local) address";
    }
    if ((b[0] & 0xff) == 0xfe && (b[1] & 0xc0) == 0x80) {
      return "a link-local address";
    }
    if ((b[0] & 0xff) == 0xfe && (b[1] & 0xc0) == 0xc0) {
      return allowPrivate ? null : "a site-local address";
    }
    if ((b[0] & 0xff) == 0xff) {
      return "a multicast address";
    }
    if (prefix(b, 0x20, 0x01, 0x0d, 0xb8) || (prefix(b, 0x01, 0x00) && zero(b, 2, 8))) {
      return "a reserved address";
    }
    return null;
  }

  private String embedded(String form, int ip) {
    String refusal = refusalV4(ip);
    return refusal == null ? null : form + refusal;
  }

  private static boolean in(int ip, int a, int b, int c, int d, int bits) {
    int mask = -1 << (32 - bits);
    return (ip & mask) == (ipv4(a, b, c, d) & mask);
  }

  private static int ipv4(int a, int b, int c, int d) {
    return a << 24 | b << 16 | c << 8 | d;
  }

  private static int ipv4(byte[] bytes, int from) {
    return ipv4(bytes[from] & 0xff, bytes[from + 1] & 0xff, bytes[from + 2] & 0xff, bytes[from + 3] & 0xff);
  }

  private static boolean zero(byte[] bytes, int from, int to) {
    for (int i = from; i < to; i++) {
      if (bytes[i] != 0) {
        return false;
      }
    }
    return true;
  }

  private static boolean prefix(byte[] bytes, int... expected) {
    for (int i = 0; i < expected.length; i++) {
      if ((bytes[i] & 0xff) != expected[i]) {
        return false;
      }
    }
    return true;
  }
}
