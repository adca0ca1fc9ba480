package org.commandcenter.cli.doctor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.SocketTimeoutException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.commandcenter.cli.CliRun;
import org.commandcenter.cli.console.ExitCode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * doctor's check of the TURN static secret it derives credentials from: an empty one, a CHANGE_ME placeholder or one
 * shorter than 32 characters fails with the fix, and the secret never appears in the report. The TURN port is a
 * silent UDP socket on 127.0.0.1 that records what doctor sends it.
 */
class DoctorTurnSecretTest {
  private static final String PLACEHOLDER = "CHANGE_ME_turn_static_auth_secret";
  private static final String THIRTY_ONE = "0123456789abcdef0123456789abcde";
  private static final String THIRTY_TWO = THIRTY_ONE + "f";

  @TempDir
  Path directory;
  private DatagramSocket silentTurnServer;

  @BeforeEach
  void bindTurnPort() throws IOException {
    silentTurnServer = new DatagramSocket(0, InetAddress.getLoopbackAddress());
  }

  @AfterEach
  void closeTurnPort() {
    silentTurnServer.close();
  }

  private CliRun doctor(Map<String, String> environment, String... extra) {
    List<String> args = new ArrayList<>(List.of("doctor", "--turn-host", "127.0.0.1", "--turn-transports", "udp",
        "--turn-udp-port", String.valueOf(silentTurnServer.getLocalPort()), "--turn-timeout", "1s"));
    args.addAll(List.of(extra));
    return CliRun.run(environment, args.toArray(new String[0]));
  }

  private CliRun doctorWithSecret(String secret, String... extra) {
    return doctor(Map.of("TURN_STATIC_AUTH_SECRET", secret), extra);
  }

  /** The first datagram doctor sent to the TURN port, or null when nothing came within a moment. */
  private byte[] receivedByTheTurnPort() throws IOException {
    silentTurnServer.setSoTimeout(300);
    DatagramPacket packet = new DatagramPacket(new byte[1500], 1500);
    try {
      silentTurnServer.receive(packet);
      return java.util.Arrays.copyOf(packet.getData(), packet.getLength());
    } catch (SocketTimeoutException nothing) {
      return null;
    }
  }

  @Test
  void failsAnEmptySecretAndSendsNothingToTurn() throws IOException {
    CliRun run = doctorWithSecret("");

    assertThat(run.exitCode).as(run.toString()).isEqualTo(ExitCode.FAILED);
    assertThat(run.out).contains("✘ TURN static secret strong")
        .contains("the secret from TURN_STATIC_AUTH_SECRET is empty")
        .contains("fix: generate one with `openssl rand -hex 32`")
        .contains("coturn's static-auth-secret and Calls' TURNStaticAuthSecret")
        .contains("restart coturn and Mattermost with the same value")
        .contains("– TURN over UDP").contains("no TURN secret to derive credentials from");
    assertThat(receivedByTheTurnPort()).as("what doctor sent to the TURN port").isNull();
  }

  @Test
  void failsAnEmptySecretFile() throws IOException {
    Path file = Files.writeString(directory.resolve("turn-secret"), "\n");

    CliRun run = doctor(Map.of(), "--turn-secret-file", file.toString());

    assertThat(run.exitCode).as(run.toString()).isEqualTo(ExitCode.FAILED);
    assertThat(run.out).contains("✘ TURN static secret strong").contains("the secret from --turn-secret-file is empty")
        .contains("– TURN over UDP");
    assertThat(receivedByTheTurnPort()).isNull();
  }

  @Test
  void failsTheChangeMePlaceholderButStillProbesTurn() throws IOException {
    CliRun run = doctorWithSecret(PLACEHOLDER);

    assertThat(run.exitCode).isEqualTo(ExitCode.FAILED);
    assertThat(run.out).contains("✘ TURN static secret strong")
        .contains("the secret from TURN_STATIC_AUTH_SECRET is still a CHANGE_ME placeholder")
        .contains("whoever guesses it can mint TURN credentials")
        .contains("fix: generate one with `openssl rand -hex 32`")
        .contains("✘ TURN over UDP").contains("no answer");
    assertThat(run.all()).doesNotContain(PLACEHOLDER);
    // A weak secret still works: doctor goes on and sends its Allocate request (STUN method 0x003).
    byte[] request = receivedByTheTurnPort();
    assertThat(request).as("what doctor sent to the TURN port").isNotNull();
    assertThat(request[0] << 8 | request[1]).isEqualTo(0x0003);
  }

  @Test
  void failsASecretShorterThan32CharactersFromAFile() throws IOException {
    Path file = Files.writeString(directory.resolve("turn-secret"), THIRTY_ONE + "\n");

    CliRun run = doctor(Map.of(), "--turn-secret-file", file.toString());

    assertThat(run.exitCode).isEqualTo(ExitCode.FAILED);
    assertThat(run.out).contains("✘ TURN static secret strong")
        .contains("the secret from --turn-secret-file is shorter than 32 characters");
    assertThat(run.all()).doesNotContain(THIRTY_ONE);
  }

  @Test
  void passesASecretOf32Characters() {
    CliRun run = doctorWithSecret(THIRTY_TWO);

    assertThat(run.out).contains("✔ TURN static secret strong")
        .contains("from TURN_STATIC_AUTH_SECRET: at least 32 characters, not a placeholder");
    assertThat(run.all()).doesNotContain(THIRTY_TWO);
  }

  @Test
  void reportsTheSecretCheckAsJsonWithoutTheSecret() {
    CliRun run = doctorWithSecret(THIRTY_ONE, "--json");

    JsonObject report = JsonParser.parseString(run.out).getAsJsonObject();
    List<String> statuses = new ArrayList<>();
    for (JsonElement check : report.getAsJsonArray("checks")) {
      statuses.add(check.getAsJsonObject().get("id").getAsString() + "=" + check.getAsJsonObject().get("status").getAsString());
    }
    assertThat(statuses).containsExactly("turn:secret=fail", "turn:udp=fail");
    JsonObject secretCheck = report.getAsJsonArray("checks").get(0).getAsJsonObject();
    assertThat(secretCheck.get("detail").getAsString()).contains("shorter than 32 characters");
    assertThat(secretCheck.get("fix").getAsString()).contains("openssl rand -hex 32");
    assertThat(run.all()).doesNotContain(THIRTY_ONE);
  }

  @Test
  void checksNoSecretWhenGivenCredentialsInstead() throws IOException {
    Path password = Files.writeString(directory.resolve("password"), "a-password");
    CliRun run = doctor(Map.of(), "--turn-username", "1700000000:alice", "--turn-password-file", password.toString(),
        "--json");

    assertThat(run.out).doesNotContain("turn:secret").contains("\"turn:udp\"");
  }

  @Test
  void anUnsetSecretIsStillAUsageError() {
    CliRun run = doctor(Map.of());

    assertThat(run.exitCode).isEqualTo(ExitCode.USAGE);
    assertThat(run.err).contains("--turn-host needs the static secret");
  }

  @Test
  void recognisesEveryPlaceholderSpellingAndCountsCharacters() {
    for (String placeholder : List.of("CHANGE_ME", "change_me_" + THIRTY_TWO, "Change-Me-" + THIRTY_TWO,
        "CHANGEME" + THIRTY_TWO)) {
      assertThat(SecretStrength.weakness(placeholder)).as(placeholder).hasValueSatisfying(
          weakness -> assertThat(weakness).contains("CHANGE_ME placeholder"));
    }
    assertThat(SecretStrength.weakness(THIRTY_TWO + "CHANGE_ME")).isEmpty();
    assertThat(SecretStrength.weakness(THIRTY_ONE)).contains("is shorter than 32 characters");
    assertThat(SecretStrength.weakness(THIRTY_TWO)).isEmpty();
    assertThat(SecretStrength.weakness("")).contains("is empty");
    assertThatThrownBy(() -> SecretStrength.weakness(null)).hasMessage("secret == null");
  }
}
