package org.commandcenter.mattermost;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** Keyed hashes of connection settings: equal settings, equal names; nothing of a secret can be learnt from them. */
final class Fingerprints {
  /** Random per process: a name is meaningless outside it and cannot be tested against a guessed token. */
  private static final byte[] KEY = new byte[32];

  static {
    new SecureRandom().nextBytes(KEY);
  }

  private Fingerprints() {}

  static String of(String settings) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(KEY, "HmacSHA256"));
      byte[] hash = mac.doFinal(settings.getBytes(StandardCharsets.UTF_8));
      StringBuilder name = new StringBuilder(32);
      for (int i = 0; i < 16; i++) {
        name.append(Character.forDigit((hash[i] >> 4) & 0xf, 16)).append(Character.forDigit(hash[i] & 0xf, 16));
      }
      return name.toString();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("every Java runtime has HmacSHA256", e);
    }
  }
}
