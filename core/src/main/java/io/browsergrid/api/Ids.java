package io.browsergrid.api;

import io.browsergrid.http.ProblemException;
import io.browsergrid.session.SessionIds;
import java.util.regex.Pattern;

/** Checks ids in paths: a malformed id is the client's mistake (400), a well-formed unknown one is a 404. */
final class Ids {
  private static final Pattern TENANT = Pattern.compile("default|t-[0-9a-f]{16}");
  private static final Pattern KEY = Pattern.compile("key_[0-9a-f]{16}");

  private Ids() {}

  static String session(String id) {
    if (!SessionIds.wellFormed(id)) {
      throw ProblemException.invalid("id", "is not a session id");
    }
    return id;
  }

  static String tenant(String id) {
    if (!TENANT.matcher(id).matches()) {
      throw ProblemException.invalid("id", "is not a tenant id");
    }
    return id;
  }

  static String key(String id) {
    if (!KEY.matcher(id).matches()) {
      throw ProblemException.invalid("id", "is not an API key id");
    }
    return id;
  }
}
