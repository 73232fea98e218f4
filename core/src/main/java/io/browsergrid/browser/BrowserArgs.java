package io.browsergrid.browser;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * The allow-list of Chromium switches a client may pass, each with the values it may take. Anything that would
 * weaken isolation or reach outside the browser's own sandbox (remote debugging, profile or extension paths, sandbox
 * switches, proxies, GPU/process-model changes, file access from pages) is refused, and so is a value out of bounds.
 */
public final class BrowserArgs {
  /** Most switches a client may pass. */
  public static final int MAX_ARGS = 32;
  /** Longest single switch, value included. */
  public static final int MAX_LENGTH = 1024;

  private static final Pattern LANGUAGES = Pattern.compile("[A-Za-z]{2,8}(-[A-Za-z0-9]{1,8})*(;q=[01](\\.\\d{1,3})?)?"
      + "(,[A-Za-z]{2,8}(-[A-Za-z0-9]{1,8})*(;q=[01](\\.\\d{1,3})?)?){0,15}");
  private static final Pattern WINDOW_SIZE = Pattern.compile("(\\d{1,6}),(\\d{1,6})");
  private static final Pattern SCALE = Pattern.compile("\\d(\\.\\d{1,3})?");
  private static final Pattern FEATURES = Pattern.compile("[A-Za-z0-9]{1,64}(,[A-Za-z0-9]{1,64}){0,31}");
  private static final Pattern BLINK_SETTING = Pattern.compile("([A-Za-z0-9]{1,64})=([A-Za-z0-9.]{1,32})");
  // settings that let a page read files or other origins: the sandbox would still hold, but the page should not
  private static final Pattern UNSAFE_BLINK_SETTING = Pattern.compile("(?i)allow(file|universal).*");
  private static final Pattern PRINTABLE = Pattern.compile("[\\x20-\\x7e]{1,512}");

  /** Switches that take no value. */
  private static final Set<String> FLAGS = Set.of(
      "--hide-scrollbars", "--mute-audio", "--disable-notifications", "--disable-extensions", "--start-maximized",
      "--disable-popup-blocking", "--disable-translate", "--no-default-browser-check", "--disable-infobars",
      "--force-dark-mode", "--disable-smooth-scrolling");

  // --disable-features/--enable-features are left out on purpose: they can switch off site isolation
  private static final Map<String, Function<String, Optional<String>>> VALUED = Map.of(
      "--lang", v -> matches(v, LANGUAGES, "a language tag such as de-DE"),
      "--accept-lang", v -> matches(v, LANGUAGES, "a list of language tags such as de-DE,en;q=0.8"),
      "--window-size", BrowserArgs::windowSize,
      "--force-device-scale-factor", v -> SCALE.matcher(v).matches() && Double.parseDouble(v) >= 0.25
          && Double.parseDouble(v) <= 5 ? Optional.empty() : Optional.of("must be a number from 0.25 to 5"),
      "--font-render-hinting", v -> oneOf(v, Set.of("none", "slight", "medium", "full")),
      "--force-color-profile", v -> oneOf(v, Set.of("srgb", "display-p3-d65", "generic-rgb", "color-spin-gamma24",
          "scrgb-linear", "hdr10")),
      "--disable-blink-features", v -> matches(v, FEATURES, "a comma-separated list of Blink feature names"),
      "--blink-settings", BrowserArgs::blinkSettings,
      "--autoplay-policy", v -> oneOf(v, Set.of("no-user-gesture-required", "user-gesture-required",
          "document-user-activation-required")),
      "--user-agent", v -> matches(v, PRINTABLE, "printable text of at most 512 characters"));

  private BrowserArgs() {}

  /** Empty when {@code arg} is allowed, else why not (a sentence for the problem's field message). */
  public static Optional<String> refusal(String arg) {
    if (arg == null || arg.isEmpty()) {
      return Optional.of("must be a non-empty switch");
    }
    if (arg.length() > MAX_LENGTH) {
      return Optional.of("must be at most " + MAX_LENGTH + " characters");
    }
    if (arg.chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
      return Optional.of("must not contain control characters");
    }
    if (!arg.startsWith("--")) {
      return Optional.of("must be a switch starting with --");
    }
    int eq = arg.indexOf('=');
    String name = eq < 0 ? arg : arg.substring(0, eq);
    if (FLAGS.contains(name)) {
      return eq < 0 ? Optional.empty() : Optional.of(name + " takes no value");
    }
    Function<String, Optional<String>> check = VALUED.get(name);
    if (check == null) {
      return Optional.of(name + " is not on the allow-list of browser switches");
    }
    if (eq < 0) {
      return Optional.of(name + " needs a value (" + name + "=...)");
    }
    return check.apply(arg.substring(eq + 1)).map(why -> name + " " + why);
  }

  /** The allowed switch names, for the documentation. */
  public static Set<String> allowed() {
    java.util.Set<String> all = new java.util.TreeSet<>(FLAGS);
    all.addAll(VALUED.keySet());
    return all;
  }

  private static Optional<String> windowSize(String value) {
    var m = WINDOW_SIZE.matcher(value);
    if (!m.matches()) {
      return Optional.of("must be width,height");
    }
    int width = Integer.parseInt(m.group(1));
    int height = Integer.parseInt(m.group(2));
    return width >= 100 && width <= 7680 && height >= 100 && height <= 4320 ? Optional.empty()
        : Optional.of("must be from 100,100 to 7680,4320");
  }

  private static Optional<String> blinkSettings(String value) {
    String[] settings = value.split(",", -1);
    if (settings.length > 32) {
      return Optional.of("takes at most 32 settings");
    }
    for (String setting : settings) {
      var m = BLINK_SETTING.matcher(setting);
      if (!m.matches()) {
        return Optional.of("must be name=value pairs separated by commas");
      }
      if (UNSAFE_BLINK_SETTING.matcher(m.group(1)).matches()) {
        return Optional.of("must not set " + m.group(1) + " (file and cross-origin access stay off)");
      }
    }
    return Optional.empty();
  }

  private static Optional<String> matches(String value, Pattern pattern, String what) {
    return pattern.matcher(value).matches() ? Optional.empty() : Optional.of("must be " + what);
  }

  private static Optional<String> oneOf(String value, Set<String> allowed) {
    return allowed.contains(value.toLowerCase(Locale.ROOT)) ? Optional.empty()
        : Optional.of("must be one of " + new java.util.TreeSet<>(allowed));
  }
}
