package org.commandcenter.mattermost;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class IdsTest {
  @Test
  void newIdHasTheShapeOfAServerId() {
    // server/public/model/utils.go: base32 of 16 random bytes in this alphabet, no padding.
    for (int i = 0; i < 1_000; i++) {
      String id = Ids.newId();
      assertThat(id).matches("[ybndrfg8ejkmcpqxot1uwisza345h769]{26}");
      assertThat(Checks.isId(id)).isTrue();
    }
  }

  @Test
  void newIdsDoNotRepeat() {
    Set<String> ids = new HashSet<>();
    for (int i = 0; i < 100_000; i++) {
      ids.add(Ids.newId());
    }
    assertThat(ids).hasSize(100_000);
  }

  @Test
  void lastCharacterCarriesOnlyTheLastThreeBits() {
    // 128 bits = 25 characters of 5 bits and 3 bits left over, padded with two zero bits as Go's
    // base32 does: the 26th character is at an alphabet index divisible by 4.
    Set<String> last = new HashSet<>();
    for (int i = 0; i < 1_000; i++) {
      last.add(Ids.newId().substring(25));
    }
    assertThat(last).containsExactlyInAnyOrder("y", "r", "e", "c", "o", "w", "a", "h");
  }
}
