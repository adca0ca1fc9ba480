package org.commandcenter.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.commandcenter.sandbox.MattermostSandbox.ALICE_TOKEN;
import static org.commandcenter.sandbox.MattermostSandbox.JENKINS_BOT_TOKEN;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.commandcenter.mattermost.warroom.TurnCredentials;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Calls plugin's TURN settings (ICEServersConfigs, TURNStaticAuthSecret, TURNCredentialsExpirationMinutes) as
 * mattermost-plugin-calls v1.12.2 hands them to clients: GET /config and GET /turn-credentials.
 */
class CallsTurnCredentialsTest extends SandboxPerTest {
  private static final String SECRET = "coturn-static-auth-secret";
  private static final IceServerConfig TURN = IceServerConfig.of("turn:127.0.0.1:3478?transport=udp",
      "turns:127.0.0.1:5349");




  private String calls() {
    return mm.url() + "/plugins/com.mattermost.calls";
  }

  @Test
  void withoutASecretClientsAreToldNoCredentialsAndTheRouteRefuses() throws Exception {
    JsonObject config = Wire.get(calls() + "/config", ALICE_TOKEN).json();
    Wire.Answer credentials = Wire.get(calls() + "/turn-credentials", ALICE_TOKEN);

    assertThat(config.get("NeedsTURNCredentials").getAsBoolean()).isFalse();
    assertThat(config.get("ICEServersConfigs").toString())
        .as("plugin.json's default, which the server applies until an admin saves another")
        .isEqualTo("[{\"urls\":[\"stun:stun.global.calls.mattermost.com:3478\"]}]");
    assertThat(credentials.status).isEqualTo(403);
    assertThat(credentials.header("Content-Type")).isEqualTo("text/plain; charset=utf-8");
    assertThat(credentials.json().get("message").getAsString()).isEqualTo("TURNStaticAuthSecret should be set");
    assertThat(credentials.json().get("status_code").getAsInt()).isEqualTo(403);
  }

  @Test
  void anEntryMixingStunAndTurnUrlsIsNoTurnEntry() throws Exception {
    IceServerConfig mixed = IceServerConfig.of("stun:127.0.0.1:3478", "turn:127.0.0.1:3478?transport=udp");
    mm.settings(mm.settings().newBuilder().callsTurnStaticAuthSecret(SECRET).callsIceServersConfigs(List.of(mixed))
        .build());

    JsonObject config = Wire.get(calls() + "/config", ALICE_TOKEN).json();
    Wire.Answer credentials = Wire.get(calls() + "/turn-credentials", ALICE_TOKEN);

    assertThat(config.get("NeedsTURNCredentials").getAsBoolean()).isFalse();
    assertThat(config.get("ICEServersConfigs").toString())
        .isEqualTo("[{\"urls\":[\"stun:127.0.0.1:3478\",\"turn:127.0.0.1:3478?transport=udp\"]}]");
    assertThat(credentials.json().get("message").getAsString()).isEqualTo("No TURN server was configured");
  }

  @Test
  void noIceServersAtAllIsANilList() throws Exception {
    mm.settings(mm.settings().newBuilder().callsIceServersConfigs(List.of()).build());

    JsonObject config = Wire.get(calls() + "/config", ALICE_TOKEN).json();

    assertThat(config.get("ICEServersConfigs").isJsonNull()).as("a nil Go slice").isTrue();
  }

  @Test
  void credentialsLastTheDefault240MinutesByTheServersClock() throws Exception {
    Instant serverTime = Instant.parse("2026-01-01T08:00:00Z");
    try (MattermostSandbox skewed = MattermostSandbox.builder().withSampleData()
        .clock(Clock.fixed(serverTime, ZoneOffset.UTC)).build().start()) {
      skewed.settings(skewed.settings().newBuilder().callsTurnStaticAuthSecret(SECRET)
          .callsIceServersConfigs(List.of(TURN)).build());

      Wire.Answer answer = Wire.get(skewed.url() + "/plugins/com.mattermost.calls/turn-credentials", ALICE_TOKEN);

      String username = JsonParser.parseString(answer.body).getAsJsonArray().get(0).getAsJsonObject()
          .get("username").getAsString();
      assertThat(username).isEqualTo(serverTime.plus(Duration.ofMinutes(240)).getEpochSecond() + ":alice");
    }
  }

  @Test
  void aSecretWithoutATurnEntryLackingCredentialsIsNoTurnServer() throws Exception {
    IceServerConfig stun = IceServerConfig.of("stun:127.0.0.1:3478");
    IceServerConfig fixed = IceServerConfig.of("turn:127.0.0.1:3478").withCredentials("static-user", "static-pass");
    mm.settings(mm.settings().newBuilder().callsTurnStaticAuthSecret(SECRET)
        .callsIceServersConfigs(List.of(stun, fixed)).build());

    JsonObject config = Wire.get(calls() + "/config", ALICE_TOKEN).json();
    Wire.Answer credentials = Wire.get(calls() + "/turn-credentials", ALICE_TOKEN);

    assertThat(config.get("NeedsTURNCredentials").getAsBoolean()).isFalse();
    assertThat(config.get("ICEServersConfigs").toString()).isEqualTo("[{\"urls\":[\"stun:127.0.0.1:3478\"]},"
        + "{\"urls\":[\"turn:127.0.0.1:3478\"],\"username\":\"static-user\",\"credential\":\"static-pass\"}]");
    assertThat(credentials.status).isEqualTo(403);
    assertThat(credentials.json().get("message").getAsString()).isEqualTo("No TURN server was configured");
  }

  @Test
  void generatesCredentialsFromTheSecretForTheUserName() throws Exception {
    mm.settings(mm.settings().newBuilder().callsTurnStaticAuthSecret(SECRET).callsIceServersConfigs(List.of(TURN))
        .callsTurnCredentialsExpirationMinutes(90).build());

    JsonObject config = Wire.get(calls() + "/config", ALICE_TOKEN).json();
    long before = Instant.now().getEpochSecond();
    Wire.Answer answer = Wire.get(calls() + "/turn-credentials", ALICE_TOKEN);
    long after = Instant.now().getEpochSecond();

    assertThat(config.get("NeedsTURNCredentials").getAsBoolean()).isTrue();
    assertThat(config.get("ICEServersConfigs").isJsonNull()).as("TURN entries without credentials stay private")
        .isTrue();
    assertThat(answer.status).isEqualTo(200);
    assertThat(answer.header("Content-Type")).isEqualTo("application/json");
    assertThat(answer.body).endsWith("\n");
    JsonArray servers = JsonParser.parseString(answer.body).getAsJsonArray();
    assertThat(servers).hasSize(1);
    JsonObject server = servers.get(0).getAsJsonObject();
    assertThat(server.get("urls").toString())
        .isEqualTo("[\"turn:127.0.0.1:3478?transport=udp\",\"turns:127.0.0.1:5349\"]");
    String username = server.get("username").getAsString();
    assertThat(username).endsWith(":alice");
    long expiry = Long.parseLong(username.substring(0, username.indexOf(':')));
    assertThat(expiry).isBetween(before + 90 * 60, after + 90 * 60);
    // The client library's coturn REST credentials for the same user and expiry: the same password.
    TurnCredentials expected = TurnCredentials.create(SECRET, "alice", Duration.ofMinutes(90),
        Clock.fixed(Instant.ofEpochSecond(expiry).minus(Duration.ofMinutes(90)), ZoneOffset.UTC));
    assertThat(username).isEqualTo(expected.username());
    assertThat(server.get("credential").getAsString()).isEqualTo(expected.password());
  }

  @Test
  void credentialsNameTheCallerAndNeedAToken() throws Exception {
    mm.settings(mm.settings().newBuilder().callsTurnStaticAuthSecret(SECRET).callsIceServersConfigs(List.of(TURN))
        .build());

    Wire.Answer bot = Wire.get(calls() + "/turn-credentials", JENKINS_BOT_TOKEN);
    Wire.Answer anonymous = Wire.get(calls() + "/turn-credentials");

    assertThat(JsonParser.parseString(bot.body).getAsJsonArray().get(0).getAsJsonObject().get("username")
        .getAsString()).endsWith(":jenkins-bot");
    assertThat(anonymous.status).isEqualTo(401);
    assertThat(anonymous.body).isEqualTo("Unauthorized\n");
  }

  @Test
  void theSeedFileSetsTheTurnSettings(@TempDir Path dir) throws Exception {
    Path seed = Files.writeString(dir.resolve("seed.json"), "{\"settings\": {"
        + "\"callsTurnStaticAuthSecret\": \"s3cret\", \"callsTurnCredentialsExpirationMinutes\": 30,"
        + "\"callsIceServersConfigs\": [{\"urls\": [\"turn:127.0.0.1:3478\"]}]}}");

    SandboxSettings settings;
    try (MattermostSandbox fromSeed = MattermostSandbox.builder().seed(SandboxSeed.fromFile(seed)).build()) {
      settings = fromSeed.settings();
    }

    assertThat(settings.callsTurnStaticAuthSecret()).isEqualTo("s3cret");
    assertThat(settings.callsTurnCredentialsExpirationMinutes()).isEqualTo(30);
    assertThat(settings.callsIceServersConfigs()).singleElement()
        .satisfies(server -> assertThat(server.needsGeneratedCredentials()).isTrue());
  }

  @Test
  void badTurnSettingsNameTheField() {
    assertThatThrownBy(() -> SandboxSettings.builder().callsTurnCredentialsExpirationMinutes(10081))
        .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("callsTurnCredentialsExpirationMinutes:");
    assertThatThrownBy(() -> IceServerConfig.of(List.of())).hasMessageStartingWith("urls:");
    assertThat(TURN.toString()).doesNotContain("credential");
  }
}
