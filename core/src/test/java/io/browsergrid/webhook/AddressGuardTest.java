package io.browsergrid.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class AddressGuardTest {
  /** A DNS that knows a few names and fails the test if it is asked about an IP literal. */
  private static final AddressGuard.Resolver FAKE_DNS = host -> {
    assertThat(host).as("literals are never looked up").doesNotMatch("[0-9.:]+");
    InetAddress[] answer = Map.of(
        "public.example", addresses("93.184.216.34"),
        "v6.example", addresses("2606:2800:220:1:248:1893:25c8:1946"),
        "internal.example", addresses("10.0.0.5"),
        "mixed.example", addresses("93.184.216.34", "192.168.0.10"),
        "metadata.example", addresses("169.254.169.254"),
        "localhost", addresses("127.0.0.1", "::1")).get(host);
    if (answer == null) {
      throw new UnknownHostException(host);
    }
    return answer;
  };

  private final AddressGuard strict = new AddressGuard(false, FAKE_DNS);
  private final AddressGuard lenient = new AddressGuard(true, FAKE_DNS);

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "http://127.0.0.1/hook                     | loopback",
      "http://10.1.2.3/                          | private",
      "http://172.16.0.1/                        | private",
      "http://172.31.255.255/                    | private",
      "http://192.168.1.1/                       | private",
      "http://169.254.169.254/latest/meta-data/  | metadata",
      "http://169.254.1.1/                       | link-local",
      "http://100.64.0.1/                        | CGNAT",
      "http://100.100.100.200/                   | metadata",
      "http://[::1]/                             | loopback",
      "http://[fd00::1]/                         | private",
      "http://[fe80::1]/                         | link-local",
      "http://0.0.0.0/                           | unspecified",
      "http://[::]/                              | unspecified",
      "http://255.255.255.255/                   | broadcast",
      "http://[::ffff:127.0.0.1]/                | loopback",
      "http://[::ffff:169.254.169.254]/          | metadata",
      "http://[64:ff9b::a9fe:a9fe]/              | NAT64 form of a cloud metadata",
      "http://[2002:a00:1::]/                    | 6to4 form of a private",
      "http://[fd00:ec2::254]/                   | metadata",
      "http://224.0.0.1/                         | multicast",
      "http://[ff02::1]/                         | multicast",
      "http://240.0.0.1/                         | reserved",
      "http://010.0.0.1/                         | four decimal numbers",
      "ftp://public.example/                     | http and https",
      "file:///etc/passwd                        | http and https",
      "javascript:alert(1)                       | http and https",
      "http:///no-host                           | no valid host",
      "http://under_score.example/               | no valid host",
      "http://2130706433/                        | four decimal numbers",
      "https://user:pw@public.example/           | user name",
      "https://public.example:0/                 | port",
      "http://exa mple.com/                      | not a valid URL"})
  void refusesBadURLsAndLiteralAddressesWithoutDns(String url, String why) {
    assertThat(strict.refusalForUrl(url)).get().asString().containsIgnoringCase(why);
    if (!url.contains(" ")) {
      assertThatThrownBy(() -> strict.check(URI.create(url))).isInstanceOf(RefusedTargetException.class)
          .hasMessageContaining(why)
          .satisfies(e -> assertThat(((RefusedTargetException) e).temporary()).isFalse());
    }
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "http://internal.example/hook  | internal.example resolves to 10.0.0.5, a private address",
      "http://mixed.example/hook     | mixed.example resolves to 192.168.0.10, a private address",
      "http://metadata.example/      | metadata.example resolves to 169.254.169.254, a cloud metadata address",
      "http://localhost:8080/        | localhost resolves to 127.0.0.1, a loopback address"})
  void refusesANameWhenAnyAddressItResolvesToIsRefused(String url, String why) {
    assertThat(strict.refusalForUrl(url)).as("names are only resolved when delivering").isEmpty();
    assertThatThrownBy(() -> strict.check(URI.create(url))).isInstanceOf(RefusedTargetException.class)
        .hasMessage(why);
  }

  @Test
  void aNameThatDoesNotResolveIsATemporaryRefusal() {
    assertThatThrownBy(() -> strict.check(URI.create("https://nowhere.example/")))
        .isInstanceOf(RefusedTargetException.class)
        .hasMessageContaining("cannot resolve nowhere.example")
        .satisfies(e -> assertThat(((RefusedTargetException) e).temporary()).isTrue());
  }

  @Test
  void allowsPublicAddressesAndReturnsTheCheckedOneToConnectTo() throws Exception {
    assertThat(strict.refusalForUrl("http://93.184.216.34/hook")).isEmpty();
    Target literal = strict.check(URI.create("http://93.184.216.34/hook"));
    assertThat(literal.address()).isEqualTo(InetAddress.getByName("93.184.216.34"));
    assertThat(literal.host()).isEqualTo("93.184.216.34");
    assertThat(literal.port()).isEqualTo(80);
    assertThat(literal.https()).isFalse();

    Target named = strict.check(URI.create("HTTPS://public.example:8443/hook?x=1"));
    assertThat(named.address()).isEqualTo(InetAddress.getByName("93.184.216.34"));
    assertThat(named.host()).isEqualTo("public.example");
    assertThat(named.port()).isEqualTo(8443);
    assertThat(named.https()).isTrue();
    assertThat(named.endpoint()).isEqualTo("https://public.example:8443");

    Target v6 = strict.check(URI.create("https://[2606:2800:220:1:248:1893:25c8:1946]/"));
    assertThat(v6.host()).isEqualTo("2606:2800:220:1:248:1893:25c8:1946");
    assertThat(v6.port()).isEqualTo(443);
    assertThat(strict.check(URI.create("https://v6.example/")).address())
        .isEqualTo(InetAddress.getByName("2606:2800:220:1:248:1893:25c8:1946"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"http://127.0.0.1:8080/hook", "http://[::1]/", "http://10.1.2.3/", "http://[fd00::1]/",
      "http://100.64.0.1/", "http://[::ffff:192.168.1.1]/", "http://internal.example/", "http://localhost/"})
  void allowPrivateLetsLoopbackAndPrivateAddressesThrough(String url) throws Exception {
    assertThat(lenient.refusalForUrl(url)).isEmpty();
    assertThat(lenient.check(URI.create(url)).url()).isEqualTo(URI.create(url));
  }

  @ParameterizedTest
  @ValueSource(strings = {"http://169.254.169.254/", "http://[fd00:ec2::254]/", "http://[::ffff:169.254.169.254]/",
      "http://metadata.example/", "http://169.254.10.10/", "http://0.0.0.0/", "http://224.0.0.1/"})
  void metadataAndOtherSpecialAddressesStayRefusedWithAllowPrivate(String url) {
    assertThatThrownBy(() -> lenient.check(URI.create(url))).isInstanceOf(RefusedTargetException.class);
  }

  @Test
  void refusesOverlongUrls() {
    assertThat(strict.refusalForUrl("https://public.example/" + "a".repeat(3000))).get().asString()
        .contains("longer than");
  }

  private static InetAddress[] addresses(String... literals) {
    InetAddress[] addresses = new InetAddress[literals.length];
    for (int i = 0; i < literals.length; i++) {
      try {
        addresses[i] = InetAddress.getByName(literals[i]);
      } catch (UnknownHostException e) {
        throw new IllegalArgumentException(literals[i], e);
      }
    }
    return addresses;
  }
}
