package org.commandcenter.cli.doctor;

import static java.util.Objects.requireNonNull;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The rule for a shared secret anyone who knows it can use, such as coturn's static-auth-secret (whoever has it
 * mints TURN credentials): not empty, not the CHANGE_ME placeholder of an example file, at least {@value #MIN_LENGTH}
 * characters. The stack's {@code deploy/preflight.sh} refuses the same at start-up; DeployBundleTest holds the two
 * to one rule.
 */
public final class SecretStrength {
  /** {@code openssl rand -hex 32} gives 64 characters; 32 is what we accept at least. */
  public static final int MIN_LENGTH = 32;
  /** CHANGE_ME, CHANGE-ME, CHANGEME in any case, and anything after it (.env.example's old values). */
  private static final Pattern PLACEHOLDER = Pattern.compile("(?i)change[_-]?me.*", Pattern.DOTALL);

  private SecretStrength() {
  }

  /** What is wrong with {@code secret} ("is empty", …), or empty when nothing is. Never contains the secret. */
  public static Optional<String> weakness(String secret) {
    requireNonNull(secret, "secret == null");
    if (secret.isEmpty()) {
      return Optional.of("is empty");
    }
    if (PLACEHOLDER.matcher(secret).matches()) {
      return Optional.of("is still a CHANGE_ME placeholder");
    }
    if (secret.codePointCount(0, secret.length()) < MIN_LENGTH) {
      return Optional.of("is shorter than " + MIN_LENGTH + " characters");
    }
    return Optional.empty();
  }
}
