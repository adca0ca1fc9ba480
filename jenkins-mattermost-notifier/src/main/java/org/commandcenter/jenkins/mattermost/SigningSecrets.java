package org.commandcenter.jenkins.mattermost;

import hudson.util.Secret;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.UUID;
import org.commandcenter.notifier.core.ActionSigner;

/**
 * This Jenkins' secret for signing ChatOps buttons: {@link ActionSigner#MIN_SECRET_BYTES} random bytes from
 * {@link SecureRandom}, kept Base64-encoded in a {@link Secret} (encrypted with Jenkins' own key in the global
 * configuration's XML), and an id telling this Jenkins' buttons from another's.
 */
final class SigningSecrets {
  private static final SecureRandom RANDOM = new SecureRandom();

  private SigningSecrets() {
  }

  static Secret generate() {
    byte[] bytes = new byte[ActionSigner.MIN_SECRET_BYTES];
    RANDOM.nextBytes(bytes);
    return Secret.fromString(Base64.getEncoder().encodeToString(bytes));
  }

  /** Whether {@code secret} holds a usable signing secret (a hand-edited file may not). */
  static boolean isUsable(Secret secret) {
    if (secret == null) {
      return false;
    }
    try {
      return Base64.getDecoder().decode(secret.getPlainText()).length >= ActionSigner.MIN_SECRET_BYTES;
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  static String newInstanceId() {
    return UUID.randomUUID().toString();
  }
}
