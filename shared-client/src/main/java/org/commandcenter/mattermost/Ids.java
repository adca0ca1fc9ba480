package org.commandcenter.mattermost;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;

/**
 * Random ids in Mattermost's shape: 128 random bits in the server's base32 alphabet, 26 lowercase
 * letters and digits (server/public/model/utils.go NewId).
 */
final class Ids {
  private static final char[] ALPHABET = "ybndrfg8ejkmcpqxot1uwisza345h769".toCharArray();
  /**
   * Unpredictable, so another user cannot claim our next pending_post_id first (nor fake a delivery id in a post
   * of theirs); one generator per thread, because the default one takes a global lock and reads /dev/urandom every
   * other id. Drawn in blocks: the generator's cost is mostly per call, not per byte.
   */
  private static final ThreadLocal<RandomBlock> RANDOM = ThreadLocal.withInitial(RandomBlock::new);

  private Ids() {}

  /** SHA-256 per thread: a derived id is computed for every part of every send. */
  private static final ThreadLocal<MessageDigest> SHA256 = ThreadLocal.withInitial(Ids::newDigest);

  static String newId() {
    byte[] random = new byte[16];
    RANDOM.get().next(random);
    return encode(random);
  }

  /**
   * An id in the same shape, derived from {@code seed}: the same seed always gives the same id, so a send
   * resumed after a restart sends the pending_post_id its first attempt sent. Unpredictable as long as the seed
   * holds a random id.
   */
  static String derivedId(String seed) {
    MessageDigest digest = SHA256.get();
    digest.reset();
    byte[] hash = digest.digest(seed.getBytes(StandardCharsets.UTF_8));
    byte[] first = new byte[16];
    System.arraycopy(hash, 0, first, 0, 16);
    return encode(first);
  }

  private static String encode(byte[] random) {
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

  private static MessageDigest newDigest() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime has SHA-256", e);
    }
  }

  /** A thread's random bytes, fetched 1 KiB at a time; each byte is handed out once. */
  private static final class RandomBlock {
    private final SecureRandom generator = newGenerator();
    private final byte[] block = new byte[1024];
    private int next = block.length;

    void next(byte[] into) {
      if (next + into.length > block.length) {
        generator.nextBytes(block);
        next = 0;
      }
      System.arraycopy(block, next, into, 0, into.length);
      java.util.Arrays.fill(block, next, next + into.length, (byte) 0);
      next += into.length;
    }
  }

  private static SecureRandom newGenerator() {
    try {
      return SecureRandom.getInstance("DRBG");
    } catch (NoSuchAlgorithmException e) {
      return new SecureRandom();
    }
  }
}
