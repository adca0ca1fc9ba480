package org.commandcenter.notifier.core;

import static java.util.Objects.requireNonNull;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Signs and verifies the context of ChatOps buttons. Mattermost keeps an action's context on the server and sends it
 * back with every click (server/channels/app/integration_action.go DoPostActionWithCookie), but anyone who can post
 * can also write buttons whose context says anything: only a context signed with this Jenkins' secret is believed.
 *
 * <p>The context holds the action, job full name, build number, channel, issue time, this Jenkins' instance id and
 * the key id, and an HMAC-SHA256 over all of them. {@link #verify} refuses a context from another Jenkins, one signed
 * with a key this Jenkins no longer has (after a rotation), a tampered one, and one older than {@link #maxAge()}
 * (default 14 days); the signature is compared with {@link MessageDigest#isEqual}.
 */
public final class ActionSigner {
  public static final Duration DEFAULT_MAX_AGE = Duration.ofDays(14);
  /** A context dated this far ahead is accepted (clocks drift); further is refused. */
  static final Duration CLOCK_SKEW = Duration.ofMinutes(5);
  public static final int MIN_SECRET_BYTES = 32;
  static final String VERSION = "1";

  private static final String ALGORITHM = "HmacSHA256";
  private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();

  private final byte[] secret;
  private final String instanceId;
  private final String keyId;
  private final Duration maxAge;
  private final Clock clock;

  private ActionSigner(Builder builder) {
    this.secret = builder.secret.clone();
    this.instanceId = builder.instanceId;
    this.maxAge = builder.maxAge;
    this.clock = builder.clock;
    this.keyId = BASE64URL.encodeToString(mac("command-center key id".getBytes(StandardCharsets.UTF_8)))
        .substring(0, 12);
  }

  public static Builder builder() {
    return new Builder();
  }

  public String instanceId() {
    return instanceId;
  }

  public Duration maxAge() {
    return maxAge;
  }

  /** Now, by this signer's clock. */
  public Instant now() {
    return clock.instant();
  }

  /** The context to put on a button (all strings, so it survives Mattermost's JSON round trip unchanged). */
  public Map<String, Object> sign(ActionContext context) {
    requireNonNull(context, "context == null");
    Map<String, Object> signed = new LinkedHashMap<>();
    signed.put("v", VERSION);
    signed.put("jenkins", instanceId);
    signed.put("key", keyId);
    signed.put("action", context.action().wireId());
    signed.put("job", context.job());
    signed.put("build", Integer.toString(context.build()));
    signed.put("channel", context.channel());
    signed.put("issued", Long.toString(context.issuedAt().getEpochSecond()));
    signed.put("mac", BASE64URL.encodeToString(mac(canonical(signed))));
    return signed;
  }

  /** Checks a context that came back with a click. Never throws for what a stranger may send. */
  public Verification verify(Map<String, ?> context) {
    if (context == null || context.isEmpty()) {
      return Verification.refused(Refusal.MALFORMED);
    }
    Map<String, String> fields = new LinkedHashMap<>();
    for (String name : new String[] {"v", "jenkins", "key", "action", "job", "build", "channel", "issued", "mac"}) {
      Object value = context.get(name);
      if (!(value instanceof String)) {
        return Verification.refused(Refusal.MALFORMED);
      }
      fields.put(name, (String) value);
    }
    if (!VERSION.equals(fields.get("v"))) {
      return Verification.refused(Refusal.MALFORMED);
    }
    if (!instanceId.equals(fields.get("jenkins"))) {
      return Verification.refused(Refusal.OTHER_JENKINS);
    }
    if (!keyId.equals(fields.get("key"))) {
      return Verification.refused(Refusal.UNKNOWN_KEY);
    }
    byte[] given;
    try {
      given = Base64.getUrlDecoder().decode(fields.remove("mac"));
    } catch (IllegalArgumentException e) {
      return Verification.refused(Refusal.TAMPERED);
    }
    Map<String, Object> signed = new LinkedHashMap<>(fields);
    if (!MessageDigest.isEqual(mac(canonical(signed)), given)) {
      return Verification.refused(Refusal.TAMPERED);
    }
    // Signed by us, so the fields are ours; parse failures would be our own bug, refuse anyway.
    ChatAction action = ChatAction.ofWireId(fields.get("action")).orElse(null);
    Instant issued;
    int build;
    try {
      issued = Instant.ofEpochSecond(Long.parseLong(fields.get("issued")));
      build = Integer.parseInt(fields.get("build"));
    } catch (NumberFormatException | DateTimeException e) {
      return Verification.refused(Refusal.MALFORMED);
    }
    if (action == null || build < 1 || fields.get("job").isBlank()) {
      return Verification.refused(Refusal.MALFORMED);
    }
    Instant now = clock.instant();
    if (issued.isAfter(now.plus(CLOCK_SKEW))) {
      return Verification.refused(Refusal.FROM_THE_FUTURE);
    }
    if (issued.plus(maxAge).isBefore(now)) {
      return Verification.refused(Refusal.EXPIRED);
    }
    return Verification.valid(new ActionContext(action, fields.get("job"), build, fields.get("channel"), issued));
  }

  /** Each field as its length, a colon and its bytes, so no two contexts share a signed text. */
  private static byte[] canonical(Map<String, Object> fields) {
    StringBuilder text = new StringBuilder("command-center action context\n");
    fields.forEach((name, value) -> {
      String string = (String) value;
      text.append(name).append('=').append(string.getBytes(StandardCharsets.UTF_8).length).append(':')
          .append(string).append('\n');
    });
    return text.toString().getBytes(StandardCharsets.UTF_8);
  }

  private byte[] mac(byte[] data) {
    try {
      Mac mac = Mac.getInstance(ALGORITHM);
      mac.init(new SecretKeySpec(secret, ALGORITHM));
      return mac.doFinal(data);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is part of every Java runtime", e);
    }
  }

  /** Never shows the secret. */
  @Override
  public String toString() {
    return "ActionSigner{jenkins=" + instanceId + ", key=" + keyId + ", maxAge=" + maxAge + "}";
  }

  /** Why a button's context is not believed; each reads as an answer to the person who clicked. */
  public enum Refusal {
    MALFORMED("This button does not carry a Command Center context; it was not made by this Jenkins."),
    OTHER_JENKINS("This button belongs to another Jenkins; it cannot act here."),
    UNKNOWN_KEY("This button was signed with a key this Jenkins no longer uses (it was rotated); "
        + "use the buttons of a newer alert, or /jenkins."),
    TAMPERED("This button's context was changed after Jenkins signed it; nothing was done."),
    EXPIRED("This button has expired; use /jenkins instead."),
    FROM_THE_FUTURE("This button is dated in the future; check the Jenkins server's clock.");

    private final String explanation;

    Refusal(String explanation) {
      this.explanation = explanation;
    }

    public String explanation() {
      return explanation;
    }
  }

  /** A verified context, or why there is none. */
  public static final class Verification {
    private final ActionContext context;
    private final Refusal refusal;

    private Verification(ActionContext context, Refusal refusal) {
      this.context = context;
      this.refusal = refusal;
    }

    static Verification valid(ActionContext context) {
      return new Verification(context, null);
    }

    static Verification refused(Refusal refusal) {
      return new Verification(null, refusal);
    }

    public boolean isValid() {
      return context != null;
    }

    /** @throws IllegalStateException when refused */
    public ActionContext context() {
      if (context == null) {
        throw new IllegalStateException("refused: " + refusal);
      }
      return context;
    }

    /** Null when valid. */
    public Refusal refusal() {
      return refusal;
    }

    @Override
    public String toString() {
      return context != null ? "Verification{valid " + context.action() + "}" : "Verification{" + refusal + "}";
    }
  }

  public static final class Builder {
    private byte[] secret;
    private String instanceId;
    private Duration maxAge = DEFAULT_MAX_AGE;
    private Clock clock = Clock.systemUTC();

    Builder() {}

    /** This Jenkins' signing secret, at least 32 random bytes (the adapter generates and stores it). */
    public Builder secret(byte[] secret) {
      requireNonNull(secret, "secret == null");
      this.secret = secret.clone();
      return this;
    }

    /** What tells this Jenkins from others that post to the same Mattermost, e.g. its instance identity. */
    public Builder instanceId(String instanceId) {
      this.instanceId = instanceId;
      return this;
    }

    public Builder maxAge(Duration maxAge) {
      this.maxAge = requireNonNull(maxAge, "maxAge == null");
      return this;
    }

    public Builder clock(Clock clock) {
      this.clock = requireNonNull(clock, "clock == null");
      return this;
    }

    /** @throws IllegalArgumentException naming the field, never showing the secret */
    public ActionSigner build() {
      if (secret == null || secret.length < MIN_SECRET_BYTES) {
        throw Checks.invalid("secret", "must be at least " + MIN_SECRET_BYTES + " bytes");
      }
      Checks.requireNotBlank("instanceId", instanceId);
      if (maxAge.isNegative() || maxAge.isZero()) {
        throw Checks.invalid("maxAge", "must be positive");
      }
      return new ActionSigner(this);
    }
  }
}
