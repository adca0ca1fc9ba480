package org.commandcenter.mattermost;

import java.security.SecureRandom;

/** Random ids in Mattermost's shape (26 lowercase letters and digits). */
final class Ids {
  private static final char[] ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789".toCharArray();
  private static final SecureRandom RANDOM = new SecureRandom();

  private Ids() {}

  static String newId() {
    char[] id = new char[26];
    for (int i = 0; i < id.length; i++) {
      id[i] = ALPHABET[RANDOM.nextInt(ALPHABET.length)];
    }
    return new String(id);
  }
}
