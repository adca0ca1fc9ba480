package org.commandcenter.mattermost.warroom;

import static java.util.Objects.requireNonNull;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Time-limited TURN credentials for coturn's {@code use-auth-secret} (the TURN REST API), made as
 * the Calls plugin makes them (its server/api.go handleGetTURNCredentials calls rtcd's rtc package,
 * genTURNCredentials): user name {@code <expiry unix seconds>:<user>}, password
 * base64(HMAC-SHA1(static auth secret, user name)).
 */
public final class TurnCredentials {
  /** rtcd refuses credentials valid for a week or more (MaxTURNCredentialsExpiration). */
  static final Duration MAX_TTL = Duration.ofDays(7);

  private final String username;
  private final String password;
  private final Instant expiresAt;

  private TurnCredentials(String username, String password, Instant expiresAt) {
    this.username = username;
    this.password = password;
    this.expiresAt = expiresAt;
  }

  /**
   * @param staticSecret coturn's {@code static-auth-secret} (the plugin's TURNStaticAuthSecret)
   * @param user the Mattermost user name: Calls v1.12 passes {@code user.Username}, not the user id
   *     (server/api.go handleGetTURNCredentials)
   * @param ttl how long the credentials stay valid; under 7 days (rtcd MaxTURNCredentialsExpiration)
   */
  public static TurnCredentials create(String staticSecret, String user, Duration ttl, Clock clock) {
    requireNonNull(staticSecret, "staticSecret == null");
    requireNonNull(user, "user == null");
    requireNonNull(ttl, "ttl == null");
    requireNonNull(clock, "clock == null");
    if (staticSecret.isEmpty()) {
      throw new IllegalArgumentException("staticSecret: must not be empty");
    }
    if (user.isEmpty()) {
      throw new IllegalArgumentException("user: must not be empty");
    }
    if (user.contains(":")) {
      throw new IllegalArgumentException("user: must not contain ':' (it separates expiry and user)");
    }
    if (ttl.isNegative() || ttl.isZero() || ttl.compareTo(MAX_TTL) >= 0) {
      throw new IllegalArgumentException("ttl: must be positive and less than 7 days");
    }
    Instant expiresAt = Instant.ofEpochSecond(clock.instant().plus(ttl).getEpochSecond());
    String username = expiresAt.getEpochSecond() + ":" + user;
    try {
      Mac mac = Mac.getInstance("HmacSHA1");
      mac.init(new SecretKeySpec(staticSecret.getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
      byte[] digest = mac.doFinal(username.getBytes(StandardCharsets.UTF_8));
      return new TurnCredentials(username, Base64.getEncoder().encodeToString(digest), expiresAt);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA1 unavailable", e);
    }
  }

  /** {@code <expiry unix seconds>:<user>}. */
  public String username() {
    return username;
  }

  /** The credential; a secret, left out of {@link #toString()}. */
  public String password() {
    return password;
  }

  public Instant expiresAt() {
    return expiresAt;
  }

  @Override
  public String toString() {
    return "TurnCredentials{username=" + username + ", expiresAt=" + expiresAt + "}";
  }
}
