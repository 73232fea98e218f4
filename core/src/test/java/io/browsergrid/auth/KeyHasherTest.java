package io.browsergrid.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.SecureRandom;
import org.junit.jupiter.api.Test;

class KeyHasherTest {
  private final KeyHasher hasher = new KeyHasher(new SecureRandom());

  @Test
  void keysAreLongRandomAndHashedStably() {
    String a = hasher.newKey();
    String b = hasher.newKey();
    assertThat(a).startsWith("bg_").hasSize(46).isNotEqualTo(b);
    assertThat(hasher.hash(a)).hasSize(64).isEqualTo(hasher.hash(a)).isNotEqualTo(hasher.hash(b));
    assertThat(hasher.sameHash(hasher.hash(a), hasher.hash(a))).isTrue();
    assertThat(hasher.sameHash(hasher.hash(a), hasher.hash(b))).isFalse();
    assertThat(hasher.idOf(hasher.hash(a))).matches("key_[0-9a-f]{16}");
  }

  @Test
  void rolesCoverThoseBelowThem() {
    assertThat(Role.OPERATOR.covers(Role.ADMIN)).isTrue();
    assertThat(Role.ADMIN.covers(Role.MEMBER)).isTrue();
    assertThat(Role.MEMBER.covers(Role.ADMIN)).isFalse();
  }
}
