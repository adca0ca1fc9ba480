package org.commandcenter.cli.doctor;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonArray;
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
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.commandcenter.cli.CliRun;
import org.commandcenter.cli.console.ExitCode;
import org.commandcenter.cli.turn.UdpEchoPeer;
import org.commandcenter.mattermost.warroom.TurnCredentials;
import org.commandcenter.realservers.CoturnServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** doctor's TURN checks against a real coturn started from the shipped turnserver.conf, on 127.0.0.1 only. */
@Tag("coturn")
class DoctorTurnTest {
  /** Strong enough for doctor's secret check (at least 32 characters), as `openssl rand -hex 32` makes them. */
  private static final String SECRET = "doctor-test-secret-" + UUID.randomUUID();

  @TempDir
  static Path workDir;
  private static CoturnServer coturn;
  private static UdpEchoPeer peer;
  private static Path turnCa;

  @BeforeAll
  static void startCoturn() throws IOException {
    coturn = CoturnServer.start(workDir, SECRET, List.of());
    peer = new UdpEchoPeer();
    turnCa = Files.writeString(workDir.resolve("turn-ca.pem"), coturn.certificate().certificatePem(), StandardCharsets.US_ASCII);
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

  private static CliRun doctor(String secret, String... extra) {
    List<String> args = new ArrayList<>(List.of("doctor", "--turn-host", "127.0.0.1",
        "--turn-udp-port", String.valueOf(coturn.plainPort()), "--turn-tcp-port", String.valueOf(coturn.plainPort()),
        "--turn-tls-port", String.valueOf(coturn.tlsPort()), "--turn-ca-file", turnCa.toString(),
        "--turn-server-name", "localhost", "--turn-timeout", "10s"));
    args.addAll(List.of(extra));
    return CliRun.run(Map.of("TURN_STATIC_AUTH_SECRET", secret), args.toArray(new String[0]));
  }

  @Test
  void allocatesAndRelaysOverUdpTcpAndTls() {
    CliRun run = doctor(SECRET, "--turn-peer", "127.0.0.1:" + peer.address().getPort(), "--json");

    assertThat(run.exitCode).as(run.toString()).isEqualTo(ExitCode.OK);
    JsonObject report = JsonParser.parseString(run.out).getAsJsonObject();
    List<String> statuses = new ArrayList<>();
    List<JsonElement> allocations = new ArrayList<>();
    for (JsonElement check : report.getAsJsonArray("checks")) {
      statuses.add(check.getAsJsonObject().get("id").getAsString() + "=" + check.getAsJsonObject().get("status").getAsString());
      if (check.getAsJsonObject().get("id").getAsString().startsWith("turn:") && !check.getAsJsonObject().get("id")
          .getAsString().equals("turn:secret")) {
        allocations.add(check);
        assertThat(check.getAsJsonObject().get("detail").getAsString()).contains("allocated relay").contains("echo via");
      }
    }
    // The relay is on loopback in this test, so the probe warns that external-ip is missing: a warning, not a failure.
    assertThat(statuses).containsExactly("turn:secret=pass", "turn:udp=warn", "turn:tcp=warn", "turn:tls=warn");
    for (JsonElement check : allocations) {
      JsonObject facts = check.getAsJsonObject().getAsJsonObject("facts");
      assertThat(facts.get("diagnosis").getAsString()).isEqualTo("OK");
      assertThat(facts.get("relayedAddress").getAsString()).startsWith("127.0.0.1:");
      assertThat(facts.get("relayedAddressPrivate").getAsBoolean()).isTrue();
      assertThat(facts.get("realm").getAsString()).isEqualTo("turn.example.internal");
      assertThat(facts.getAsJsonArray("warnings").get(0).getAsString()).startsWith("relayed address 127.0.0.1 is private");
      assertThat(check.getAsJsonObject().get("fix").getAsString()).contains("external-ip=");
    }
    assertThat(run.all()).doesNotContain(SECRET);
  }

  @Test
  void diagnosesAWrongSecret() {
    CliRun run = doctor("not-the-" + SECRET, "--turn-transports", "udp");

    assertThat(run.exitCode).isEqualTo(ExitCode.FAILED);
    assertThat(run.out).contains("✘ TURN over UDP").contains("wrong secret").contains("401")
        .contains("static-auth-secret in turnserver.conf and TURNStaticAuthSecret in the Calls settings must be the same");
  }

  @Test
  void reportsTheWrongSecretDiagnosisAndErrorCodeAsJson() {
    CliRun run = doctor("not-the-" + SECRET, "--turn-transports", "tcp", "--json");

    assertThat(run.exitCode).isEqualTo(ExitCode.FAILED);
    JsonArray checks = JsonParser.parseString(run.out).getAsJsonObject().getAsJsonArray("checks");
    // The secret itself is strong; it is just not coturn's.
    assertThat(checks.get(0).getAsJsonObject().get("id").getAsString()).isEqualTo("turn:secret");
    assertThat(checks.get(0).getAsJsonObject().get("status").getAsString()).isEqualTo("pass");
    JsonObject check = checks.get(1).getAsJsonObject();
    assertThat(check.get("id").getAsString()).isEqualTo("turn:tcp");
    assertThat(check.get("status").getAsString()).isEqualTo("fail");
    JsonObject facts = check.getAsJsonObject("facts");
    assertThat(facts.get("diagnosis").getAsString()).isEqualTo("WRONG_SECRET");
    assertThat(facts.get("errorCode").getAsInt()).isEqualTo(401);
    assertThat(facts.get("target").getAsString()).isEqualTo("turn:127.0.0.1:" + coturn.plainPort() + "?transport=tcp");
    assertThat(facts.has("relayedAddress")).isFalse();
    assertThat(run.all()).doesNotContain(SECRET);
  }

  @Test
  void diagnosesExpiredCredentials() throws IOException {
    Clock beforeTheLifetime = Clock.fixed(Instant.now().minus(Duration.ofMinutes(241)), ZoneOffset.UTC);
    TurnCredentials expired = TurnCredentials.create(SECRET, "alice", Duration.ofMinutes(240), beforeTheLifetime);
    Path password = Files.writeString(workDir.resolve("expired-password"), expired.password());

    CliRun run = doctor(SECRET, "--turn-transports", "tcp", "--turn-username", expired.username(),
        "--turn-password-file", password.toString());

    assertThat(run.exitCode).isEqualTo(ExitCode.FAILED);
    assertThat(run.out).contains("✘ TURN over TCP").contains("credentials expired");
    assertThat(run.all()).doesNotContain(expired.password());
  }

  @Test
  void reportsAPeerInTheDeniedRangeAsForbidden() {
    CliRun run = doctor(SECRET, "--turn-transports", "udp", "--turn-permission-host", "127.0.0.2");

    assertThat(run.exitCode).isEqualTo(ExitCode.FAILED);
    assertThat(run.out).contains("✘ TURN over UDP").contains("peer forbidden (403 Forbidden IP)")
        .contains("CreatePermission for 127.0.0.2 refused").contains("allowed-peer-ip");
  }

  @Test
  void reportsABlockedPortAsATimeout() throws IOException {
    int silentPort = CoturnServer.freeUdpAndTcpPort();
    try (java.net.DatagramSocket blackHole = new java.net.DatagramSocket(silentPort, java.net.InetAddress.getLoopbackAddress())) {
      CliRun run = CliRun.run(Map.of("TURN_STATIC_AUTH_SECRET", SECRET), "doctor", "--turn-host", "127.0.0.1",
          "--turn-transports", "udp", "--turn-udp-port", String.valueOf(blackHole.getLocalPort()), "--turn-timeout", "1s");

      assertThat(run.exitCode).isEqualTo(ExitCode.FAILED);
      assertThat(run.out).contains("✘ TURN over UDP").contains("no answer (port blocked?)")
          .contains("fix: Nothing came back: a firewall probably drops the port");
    }
  }
}
