package io.browsergrid.secret;

import java.util.Map;
import java.util.Set;

/**
 * The cloud's store of deployment secrets (the operator key, the deployment secret, URLs known only after deploy), read
 * once at a function's init.
 */
public interface SecretReader {
  /**
   * The value of each secret in {@code names}, in as few round trips as the store allows. Reads only; idempotent.
   *
   * @return a map holding every one of {@code names}
   * @throws IllegalStateException naming the secrets that do not exist or cannot be read
   */
  Map<String, String> read(Set<String> names);
}
