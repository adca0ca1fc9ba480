package org.commandcenter.sandbox.internal;

import java.security.SecureRandom;

/** Mattermost-style ids: 26 characters of its lower-case base32 alphabet (server/public/model/utils.go NewId). */
public final class Ids {
  private static final char[] ALPHABET = "ybndrfg8ejkmcpqxot1uwisza345h769".toCharArray();
  private static final SecureRandom RANDOM = new SecureRandom();

  private Ids() {
  }

  public static String newId() {
    char[] id = new char[26];
    for (int i = 0; i < id.length; i++) {
      id[i] = ALPHABET[RANDOM.nextInt(ALPHABET.length)];
    }
    return new String(id);
  }

  /** server/public/model/utils.go IsValidId: 26 alphanumeric characters. */
  public static boolean isValid(String id) {
    if (id == null || id.length() != 26) return false;
    for (int i = 0; i < id.length(); i++) {
      char c = id.charAt(i);
      if (!(c >= 'a' && c <= 'z') && !(c >= 'A' && c <= 'Z') && !(c >= '0' && c <= '9')) return false;
    }
    return true;
  }
}
