package org.commandcenter.mattermost.warroom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class WarRoomTest {
  @Test
  void linkJoinsTheCallOnClick() {
    assertThat(WarRoom.link("https://chat.factory.test/", "dev", "war-room-api"))
        .isEqualTo("https://chat.factory.test/dev/channels/war-room-api?join_call=true");
    assertThat(WarRoom.link("https://chat.factory.test/mm", "dev", "builds"))
        .isEqualTo("https://chat.factory.test/mm/dev/channels/builds?join_call=true");
  }

  @Test
  void linkRejectsInjectedParts() {
    assertThatThrownBy(() -> WarRoom.link("javascript:x", "dev", "b")).hasMessageStartingWith("siteUrl: ");
    assertThatThrownBy(() -> WarRoom.link("https://c", "dev/../x", "b")).hasMessageStartingWith("team: ");
    assertThatThrownBy(() -> WarRoom.link("https://c", "dev", "b?x=1")).hasMessageStartingWith("channel: ");
  }

  @Test
  void turnCredentialsMatchCoturnRestApiScheme() {
    Clock clock = Clock.fixed(Instant.ofEpochSecond(1_700_000_000L), ZoneOffset.UTC);
    TurnCredentials credentials = TurnCredentials.create("c0turnS3cret", "alice", Duration.ofHours(1), clock);

    assertThat(credentials.username()).isEqualTo("1700003600:alice");
    // base64(HMAC-SHA1("c0turnS3cret", "1700003600:alice")), computed independently.
    assertThat(credentials.password()).isEqualTo("cJUeiXufd2mwdyHBkIOJZJSp8t0=");
    assertThat(credentials.expiresAt()).isEqualTo(Instant.ofEpochSecond(1_700_003_600L));
    assertThat(credentials.toString()).doesNotContain(credentials.password());
  }

  @Test
  void turnCredentialsValidateInput() {
    Clock clock = Clock.systemUTC();
    assertThatThrownBy(() -> TurnCredentials.create("", "a", Duration.ofHours(1), clock))
        .hasMessageStartingWith("staticSecret: ");
    assertThatThrownBy(() -> TurnCredentials.create("s", "", Duration.ofHours(1), clock))
        .hasMessageStartingWith("user: ");
    assertThatThrownBy(() -> TurnCredentials.create("s", "a", Duration.ofDays(7), clock))
        .hasMessageStartingWith("ttl: ");
    assertThatThrownBy(() -> TurnCredentials.create("s", "a", Duration.ZERO, clock))
        .hasMessageStartingWith("ttl: ");
  }
}
