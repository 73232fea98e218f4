package io.browsergrid.secret.ssm;

import io.browsergrid.secret.SecretReader;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import software.amazon.awssdk.services.ssm.SsmClient;
import software.amazon.awssdk.services.ssm.model.GetParametersResponse;
import software.amazon.awssdk.services.ssm.model.Parameter;

/**
 * Secrets as SSM Parameter Store parameters (SecureString, decrypted by SSM with the parameter's KMS key): one
 * {@code GetParameters} call per ten names, the most it takes. Standard parameters cost nothing at rest.
 */
public final class SsmSecretReader implements SecretReader {
  /** Names one {@code GetParameters} call takes at most. */
  static final int NAMES_PER_CALL = 10;

  private final SsmClient ssm;

  public SsmSecretReader(SsmClient ssm) {
    this.ssm = ssm;
  }

  @Override
  public Map<String, String> read(Set<String> names) {
    List<String> all = new ArrayList<>(new TreeSet<>(names));
    Map<String, String> values = new HashMap<>();
    Set<String> invalid = new TreeSet<>();
    for (int from = 0; from < all.size(); from += NAMES_PER_CALL) {
      List<String> chunk = all.subList(from, Math.min(all.size(), from + NAMES_PER_CALL));
      GetParametersResponse answer = ssm.getParameters(b -> b.names(chunk).withDecryption(true));
      for (Parameter parameter : answer.parameters()) {
        values.put(parameter.name(), parameter.value());
      }
      invalid.addAll(answer.invalidParameters());
    }
    all.stream().filter(name -> !values.containsKey(name)).forEach(invalid::add);
    if (!invalid.isEmpty()) {
      throw new IllegalStateException("SSM parameters not found or not readable: " + String.join(", ", invalid));
    }
    return values;
  }
}
