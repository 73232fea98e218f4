package io.browsergrid.auth;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** What a key may do: {@code member} sessions only, {@code admin} also keys, pools and webhooks of its tenant,
 * {@code operator} (the server's own key) is the admin of tenant {@code default} and also manages tenants. */
public enum Role {
  MEMBER, ADMIN, OPERATOR;

  /** True when this role may do what {@code needed} may. */
  public boolean covers(Role needed) {
    return ordinal() >= needed.ordinal();
  }

  @JsonValue
  public String json() {
    return name().toLowerCase(Locale.ROOT);
  }

  @JsonCreator
  public static Role parse(String value) {
    return valueOf(value.toUpperCase(Locale.ROOT));
  }
}
