package io.browsergrid.api;

import io.browsergrid.http.JsonFields;
import io.browsergrid.http.StrictJson;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.browsergrid.browser.BrowserArgs;
import io.browsergrid.browser.BrowserOptions;
import io.browsergrid.browser.Viewport;
import io.browsergrid.problem.FieldError;
import io.browsergrid.http.ProblemException;
import io.browsergrid.session.NewSession;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/** Reads and validates a create-session body into a {@link NewSession}; every error names its field. */
final class SessionRequests {
  static final Pattern POOL_NAME = Pattern.compile("[a-z0-9][a-z0-9-]{0,62}");
  private static final Pattern PRINTABLE = Pattern.compile("[^\\p{Cntrl}]+");

  /**
   * What a session record may spend on what the client chose, as encoded JSON: with every other field at its
   * bound the record stays well inside the store's item limit ({@link io.browsergrid.store.Keys#MAX_DATA_CHARS}).
   */
  static final int MAX_METADATA_CHARS = 4096;
  static final int MAX_ARGS_CHARS = 8192;

  private final StrictJson strict = new StrictJson();

  /** Characters {@code s} takes as a JSON string, without its quotes. */
  static int encodedLength(String s) {
    return JsonStringEncoder.getInstance().quoteAsString(s).length;
  }

  NewSession create(byte[] body) {
    ObjectNode node = strict.object(body);
    List<FieldError> errors = new ArrayList<>();
    JsonFields f = new JsonFields(node, "", errors);
    String pool = f.string("pool", 63, POOL_NAME, "a pool name of a-z, 0-9 and -").orElse("default");
    int timeout = f.integer("timeoutSeconds", NewSession.MIN_TIMEOUT, NewSession.MAX_TIMEOUT)
        .orElse(NewSession.DEFAULT_TIMEOUT);
    Integer idle = f.integer("idleTimeoutSeconds", 0, NewSession.MAX_TIMEOUT).orElse(null);
    if (idle != null && idle != 0 && (idle < NewSession.MIN_TIMEOUT || idle > timeout)) {
      f.error("idleTimeoutSeconds", "must be 0 (off) or between 10 and timeoutSeconds (" + timeout + ")");
    }
    int idleTimeout = idle != null ? idle : Math.min(NewSession.DEFAULT_IDLE_TIMEOUT, timeout);
    BrowserOptions browser = ProxyRequests.withProxy(
        f.object("browser").map(SessionRequests::browser).orElse(BrowserOptions.DEFAULT), f);
    Map<String, String> metadata = f.stringMap("metadata", 16, 64, 512).orElse(Map.of());
    int metadataChars = 2;
    for (Map.Entry<String, String> e : metadata.entrySet()) {
      metadataChars += encodedLength(e.getKey()) + encodedLength(e.getValue()) + 6;
    }
    if (metadataChars > MAX_METADATA_CHARS) {
      f.error("metadata", "is " + metadataChars + " characters as stored JSON, at most " + MAX_METADATA_CHARS
          + " (a control character counts 6)");
    }
    boolean wait = f.bool("wait").orElse(true);
    f.rejectUnknown();
    if (!errors.isEmpty()) {
      throw ProblemException.invalid(errors);
    }
    return new NewSession(pool, timeout, idleTimeout, browser, metadata, wait, false);
  }

  static BrowserOptions browser(JsonFields b) {
    boolean headless = b.bool("headless").orElse(true);
    Viewport viewport = b.object("viewport").map(v -> {
      Integer width = v.integer("width", 100, 7680).orElse(null);
      Integer height = v.integer("height", 100, 4320).orElse(null);
      v.rejectUnknown();
      if (width == null || height == null) {
        if (width == null) {
          v.error("width", "is required with a viewport");
        }
        if (height == null) {
          v.error("height", "is required with a viewport");
        }
        return null;
      }
      return new Viewport(width, height);
    }).orElse(null);
    List<String> args = b.strings("args", BrowserArgs.MAX_ARGS, BrowserArgs::refusal).orElse(List.of());
    int argsChars = 2 + args.stream().mapToInt(a -> encodedLength(a) + 3).sum();
    if (argsChars > MAX_ARGS_CHARS) {
      b.error("args", "are " + argsChars + " characters as stored JSON, at most " + MAX_ARGS_CHARS + " together");
    }
    String userAgent = b.string("userAgent", 512, PRINTABLE, "printable text").orElse(null);
    b.rejectUnknown();
    return new BrowserOptions(headless, viewport, args, userAgent);
  }
}
