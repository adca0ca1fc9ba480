package org.commandcenter.cli.doctor;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.commandcenter.cli.CliRun;
import org.commandcenter.cli.console.ExitCode;
import org.commandcenter.cli.turn.UdpEchoPeer;
import org.commandcenter.mattermost.warroom.TurnCredentials;
import org.commandcenter.realservers.CoturnServer;
import org.commandcenter.sandbox.IceServerConfig;
import org.commandcenter.sandbox.MattermostSandbox;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * doctor probes the TURN URLs and credentials that the Calls plugin (the Mattermost stand-in) hands its clients,
 * against a real coturn from the shipped turnserver.conf on 127.0.0.1: not credentials of its own.
 */
@Tag("coturn")
class DoctorCallsTurnTest {
  private static final String SECRET = "calls-turn-secret-" + Long.toHexString(System.nanoTime());

  @TempDir
  static Path workDir;
  private static CoturnServer coturn;
  private static UdpEchoPeer peer;
  private static Path turnCa;
  private MattermostSandbox mattermost;

  @BeforeAll
  static void startCoturn() throws IOException {
    coturn = CoturnServer.start(workDir, SECRET, List.of());
    peer = new UdpEchoPeer();
    turnCa = Files.writeString(workDir.resolve("turn-ca.pem"), coturn.certificate().certificatePem(),
        StandardCharsets.US_ASCII);
  }

  @AfterAll
  static void stopCoturn() {
    if (peer != null) {
      peer.close();
    }
    if (coturn != null) {
      coturn.close();
    }
  }

  @AfterEach
  void stopMattermost() {
    if (mattermost != null) {
      mattermost.close();
    }
  }

  /** Calls configured as deploy/mattermost/calls-settings.json configures it, with this coturn's ports. */
  private void startMattermost(String callsSecret, Clock serverClock) throws IOException {
    String host = coturn.host();
    IceServerConfig stun = IceServerConfig.of("stun:" + host + ":" + coturn.plainPort());
    IceServerConfig turn = IceServerConfig.of(udpUrl(), "turn:" + host + ":" + coturn.plainPort() + "?transport=tcp",
        "turns:" + host + ":" + coturn.tlsPort() + "?transport=tcp");
    MattermostSandbox sandbox = MattermostSandbox.builder().withSampleData().clock(serverClock).build();
    sandbox.settings(sandbox.settings().newBuilder().callsIceServersConfigs(List.of(stun, turn))
        .callsTurnStaticAuthSecret(callsSecret).build());
    mattermost = sandbox.start();
  }

  private static String udpUrl() {
    return "turn:" + coturn.host() + ":" + coturn.plainPort() + "?transport=udp";
  }

  private CliRun doctor(String... extra) {
    List<String> args = new java.util.ArrayList<>(List.of("doctor", "--url", mattermost.url(),
        "--turn-ca-file", turnCa.toString(), "--turn-timeout", "10s", "--json"));
    args.addAll(List.of(extra));
    return CliRun.run(Map.of("MATTERMOST_TOKEN", MattermostSandbox.JENKINS_BOT_TOKEN), args.toArray(new String[0]));
  }

  /** The Calls-issued TURN checks of a JSON report, by TURN URL. */
  private static Map<String, JsonObject> callsTurnChecks(CliRun run) {
    Map<String, JsonObject> checks = new LinkedHashMap<>();
    for (JsonElement element : JsonParser.parseString(run.out).getAsJsonObject().getAsJsonArray("checks")) {
      JsonObject check = element.getAsJsonObject();
      String id = check.get("id").getAsString();
      if (id.startsWith("calls:turn-credentials:")) {
        checks.put(id.substring("calls:turn-credentials:".length()), check);
      }
    }
    return checks;
  }

  @Test
  void probesEachTurnUrlCallsHandsOutWithTheCredentialsItHandsOut() throws IOException {
    startMattermost(SECRET, Clock.systemUTC());

    CliRun run = doctor("--turn-peer", "127.0.0.1:" + peer.address().getPort());

    Map<String, JsonObject> checks = callsTurnChecks(run);
    assertThat(checks.keySet()).as(run.toString()).containsExactly(udpUrl(),
        "turn:127.0.0.1:" + coturn.plainPort() + "?transport=tcp",
        "turns:127.0.0.1:" + coturn.tlsPort() + "?transport=tcp");
    for (JsonObject check : checks.values()) {
      // The relay is on loopback here: a private relayed address is a warning (external-ip), not a failure.
      assertThat(check.get("status").getAsString()).as(check.toString()).isEqualTo("warn");
      assertThat(check.get("detail").getAsString()).contains("allocated relay").contains("echo via");
      JsonObject facts = check.getAsJsonObject("facts");
      assertThat(facts.get("diagnosis").getAsString()).isEqualTo("OK");
      // Calls' default lifetime, 240 minutes, from Mattermost's clock.
      Instant expiry = Instant.parse(facts.get("credentialsExpireAt").getAsString());
      assertThat(Duration.between(Instant.now(), expiry)).isBetween(Duration.ofMinutes(235), Duration.ofMinutes(241));
    }
    String handedOut = TurnCredentials.create(SECRET, "jenkins-bot", Duration.ofMinutes(240), Clock.fixed(
        Instant.parse(checks.get(udpUrl()).getAsJsonObject("facts").get("credentialsExpireAt").getAsString())
            .minus(Duration.ofMinutes(240)), ZoneOffset.UTC)).password();
    assertThat(run.all()).doesNotContain(handedOut).doesNotContain(SECRET);
  }

  @Test
  void namesAWrongSecretInTheCallsSettings() throws IOException {
    startMattermost("not-the-" + SECRET, Clock.systemUTC());

    CliRun run = doctor();

    assertThat(run.exitCode).isEqualTo(ExitCode.FAILED);
    assertThat(callsTurnChecks(run).values()).hasSize(3).allSatisfy(check -> {
      assertThat(check.get("status").getAsString()).isEqualTo("fail");
      assertThat(check.getAsJsonObject("facts").get("diagnosis").getAsString()).isEqualTo("WRONG_SECRET");
      assertThat(check.get("fix").getAsString()).contains("TURNStaticAuthSecret in the Calls settings");
    });
  }

  @Test
  void namesCredentialsThatAMattermostHostBehindTimeIssuesExpired() throws IOException {
    startMattermost(SECRET, Clock.offset(Clock.systemUTC(), Duration.ofHours(-5)));

    CliRun run = doctor();

    assertThat(run.exitCode).isEqualTo(ExitCode.FAILED);
    assertThat(callsTurnChecks(run).values()).hasSize(3).allSatisfy(check -> {
      assertThat(check.getAsJsonObject("facts").get("diagnosis").getAsString()).isEqualTo("CREDENTIALS_EXPIRED");
      assertThat(check.get("fix").getAsString()).contains("NTP");
    });
  }

  @Test
  void namesADeniedMediaHost() throws IOException {
    startMattermost(SECRET, Clock.systemUTC());

    CliRun run = doctor("--turn-permission-host", "127.0.0.2");

    assertThat(callsTurnChecks(run).get(udpUrl()).getAsJsonObject("facts").get("diagnosis").getAsString())
        .isEqualTo("PEER_FORBIDDEN");
  }

  @Test
  void skipsWhenCallsHandsOutNoTurnServer() throws IOException {
    startMattermost("", Clock.systemUTC());

    CliRun run = doctor();

    assertThat(callsTurnChecks(run)).isEmpty();
    JsonObject skipped = JsonParser.parseString(run.out).getAsJsonObject().getAsJsonArray("checks").asList().stream()
        .map(JsonElement::getAsJsonObject).filter(check -> check.get("id").getAsString().equals("calls:turn-credentials"))
        .findFirst().orElseThrow();
    assertThat(skipped.get("status").getAsString()).isEqualTo("skip");
    assertThat(skipped.get("detail").getAsString()).isEqualTo("Calls hands its clients no TURN server");
  }
}
