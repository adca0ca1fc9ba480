package org.commandcenter.mattermost;

import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;

/**
 * Random ids in Mattermost's shape: 128 random bits in the server's base32 alphabet, 26 lowercase
 * letters and digits (server/public/model/utils.go NewId).
 */
final class Ids {
  private static final char[] ALPHABET = "ybndrfg8ejkmcpqxot1uwisza345h769".toCharArray();
  /**
   * Unpredictable, so another user cannot claim our next pending_post_id first; one generator per
   * thread, because the default one takes a global lock and reads /dev/urandom every other id.
   */
  private static final ThreadLocal<SecureRandom> RANDOM = ThreadLocal.withInitial(Ids::newGenerator);

  private Ids() {}

  static String newId() {
    byte[] random = new byte[16];
    RANDOM.get().nextBytes(random);
    char[] id = new char[26];
    int bits = 0;
    int bitCount = 0;
    int next = 0;
    for (byte b : random) {
      bits = (bits << 8) | (b & 0xff);
      bitCount += 8;
      while (bitCount >= 5) {
        bitCount -= 5;
        id[next++] = ALPHABET[(bits >>> bitCount) & 31];
      }
    }
    // 128 bits leave 3: the last character carries them, padded with zeros as base32 does.
    id[next] = ALPHABET[(bits << (5 - bitCount)) & 31];
    return new String(id);
  }

  private static SecureRandom newGenerator() {
    try {
      return SecureRandom.getInstance("DRBG");
    } catch (NoSuchAlgorithmException e) {
      return new SecureRandom();
    }
  }
}
