package org.commandcenter.notifier.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Only contexts this Jenkins signed, unchanged, for this Jenkins, and recent enough are believed. */
class ActionSignerTest {
  static final byte[] SECRET = "0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.US_ASCII);
  private static final Instant NOW = Instant.parse("2026-03-01T10:00:00Z");
  private static final ActionContext REBUILD =
      new ActionContext(ChatAction.REBUILD, "team/app/main", 142, "builds", NOW);

  private static ActionSigner signer(byte[] secret, String instance, Instant now) {
    return ActionSigner.builder().secret(secret).instanceId(instance).clock(Clock.fixed(now, ZoneOffset.UTC)).build();
  }

  private final ActionSigner signer = signer(SECRET, "jenkins-a", NOW);

  @Test
  void believesItsOwnContext() {
    Map<String, Object> context = signer.sign(REBUILD);

    ActionSigner.Verification verification = signer.verify(context);

    assertThat(verification.isValid()).isTrue();
    assertThat(verification.context()).isEqualTo(REBUILD);
    assertThat(context.keySet()).containsExactly("v", "jenkins", "key", "action", "job", "build", "channel", "issued",
        "mac");
    assertThat(context.values()).allMatch(value -> value instanceof String);
  }

  @Test
  void refusesATamperedContext() {
    for (String field : new String[] {"action", "job", "build", "channel", "issued"}) {
      Map<String, Object> context = new LinkedHashMap<>(signer.sign(REBUILD));
      context.put(field, field.equals("action") ? "abort" : field.equals("build") || field.equals("issued")
          ? "143" : "other");
      assertThat(signer.verify(context).refusal()).as(field).isEqualTo(ActionSigner.Refusal.TAMPERED);
    }
    Map<String, Object> badMac = new LinkedHashMap<>(signer.sign(REBUILD));
    badMac.put("mac", "not*base64");
    assertThat(signer.verify(badMac).refusal()).isEqualTo(ActionSigner.Refusal.TAMPERED);
  }

  @Test
  void refusesAForgedContextEvenWithOurKeyId() {
    ActionSigner forger = signer("another secret of thirty-two byte".getBytes(StandardCharsets.US_ASCII),
        "jenkins-a", NOW);
    Map<String, Object> forged = new LinkedHashMap<>(forger.sign(REBUILD));
    assertThat(signer.verify(forged).refusal()).isEqualTo(ActionSigner.Refusal.UNKNOWN_KEY);

    forged.put("key", signer.sign(REBUILD).get("key"));
    assertThat(signer.verify(forged).refusal()).isEqualTo(ActionSigner.Refusal.TAMPERED);
  }

  @Test
  void refusesAContextOfAnotherJenkins() {
    Map<String, Object> theirs = signer(SECRET, "jenkins-b", NOW).sign(REBUILD);
    assertThat(signer.verify(theirs).refusal()).isEqualTo(ActionSigner.Refusal.OTHER_JENKINS);
  }

  @Test
  void refusesAContextOlderThanFourteenDaysOrTheConfiguredAge() {
    Map<String, Object> context = signer.sign(REBUILD);
    Instant later = NOW.plus(Duration.ofDays(14));
    assertThat(signer(SECRET, "jenkins-a", later).verify(context).isValid()).isTrue();
    assertThat(signer(SECRET, "jenkins-a", later.plusSeconds(1)).verify(context).refusal())
        .isEqualTo(ActionSigner.Refusal.EXPIRED);
    ActionSigner strict = ActionSigner.builder().secret(SECRET).instanceId("jenkins-a").maxAge(Duration.ofHours(1))
        .clock(Clock.fixed(NOW.plus(Duration.ofHours(2)), ZoneOffset.UTC)).build();
    assertThat(strict.verify(context).refusal()).isEqualTo(ActionSigner.Refusal.EXPIRED);
  }

  @Test
  void refusesAContextDatedInTheFuture() {
    Map<String, Object> context = signer(SECRET, "jenkins-a", NOW.plus(Duration.ofHours(1))).sign(REBUILD
        .withAction(ChatAction.ABORT));
    Map<String, Object> future = signer(SECRET, "jenkins-a", NOW)
        .sign(new ActionContext(ChatAction.ABORT, "team/app/main", 142, "builds", NOW.plus(Duration.ofHours(1))));
    assertThat(signer.verify(future).refusal()).isEqualTo(ActionSigner.Refusal.FROM_THE_FUTURE);
    assertThat(signer.verify(context).isValid()).isTrue();
  }

  @Test
  void refusesWhatIsNoContextOfOurs() {
    assertThat(signer.verify(Map.of()).refusal()).isEqualTo(ActionSigner.Refusal.MALFORMED);
    assertThat(signer.verify(null).refusal()).isEqualTo(ActionSigner.Refusal.MALFORMED);
    Map<String, Object> numbers = new LinkedHashMap<>(signer.sign(REBUILD));
    numbers.put("build", 142.0);
    assertThat(signer.verify(numbers).refusal()).isEqualTo(ActionSigner.Refusal.MALFORMED);
    Map<String, Object> otherVersion = new LinkedHashMap<>(signer.sign(REBUILD));
    otherVersion.put("v", "2");
    assertThat(signer.verify(otherVersion).refusal()).isEqualTo(ActionSigner.Refusal.MALFORMED);
  }

  @Test
  void needsAStrongSecretAndNeverShowsIt() {
    assertThatThrownBy(() -> ActionSigner.builder().secret(new byte[16]).instanceId("j").build())
        .hasMessage("secret: must be at least 32 bytes");
    assertThatThrownBy(() -> ActionSigner.builder().secret(SECRET).build()).hasMessageStartingWith("instanceId: ");
    assertThat(signer.toString()).doesNotContain(new String(SECRET, StandardCharsets.US_ASCII));
  }
}
