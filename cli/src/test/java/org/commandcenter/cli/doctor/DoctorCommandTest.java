package org.commandcenter.cli.doctor;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.commandcenter.cli.CliRun;
import org.commandcenter.cli.TestPki;
import org.commandcenter.cli.TlsFront;
import org.commandcenter.cli.console.ExitCode;
import org.commandcenter.sandbox.IceServerConfig;
import org.commandcenter.sandbox.MattermostSandbox;
import org.commandcenter.sandbox.SandboxSettings;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code doctor} against the Mattermost stand-in behind a TLS front with a test CA. */
class DoctorCommandTest {
  private final TestPki pki = new TestPki();
  private MattermostSandbox mattermost;
  private TlsFront front;

  @TempDir
  Path directory;

  private void start(MattermostSandbox.Builder builder) throws Exception {
    mattermost = builder.build();
    mattermost.start();
    front = new TlsFront(TestPki.serving(pki.localhost(), pki.siteCa), mattermost.port());
  }

  @AfterEach
  void stop() throws Exception {
    if (front != null) {
      front.close();
    }
    if (mattermost != null) {
      mattermost.close();
    }
  }

  private CliRun doctor(String token, String... extra) throws Exception {
    List<String> args = new ArrayList<>(List.of("doctor", "--url", front.url(), "--team", "factory",
        "--ca-file", pki.writeSiteCa(directory).toString(), "--channel", "builds", "--channel", "alerts",
        "--war-room-channel", "war-room"));
    args.addAll(List.of(extra));
    return CliRun.run(Map.of("MATTERMOST_TOKEN", token), args.toArray(new String[0]));
  }

  /** Calls on the site's own STUN server, as deploy/mattermost/calls-settings.json sets it (no TURN here). */
  private static SandboxSettings siteStun() {
    return SandboxSettings.builder()
        .callsIceServersConfigs(List.of(IceServerConfig.of("stun:turn.example.internal:3478"))).build();
  }

  @Test
  void passesEveryCheckWhenEverythingIsInPlace() throws Exception {
    start(MattermostSandbox.builder().withSampleData().callsEnabled("factory", "war-room", true).settings(siteStun()));

    CliRun run = doctor(MattermostSandbox.JENKINS_BOT_TOKEN);

    assertThat(run.exitCode).as(run.toString()).isEqualTo(ExitCode.OK);
    assertThat(run.out).contains("✔ Mattermost reachable over TLS")
        .contains("✔ Token valid (users/me)").contains("authenticated as @jenkins-bot (bot account)")
        .contains("✔ Team factory resolves")
        .contains("✔ Channel ~builds").contains("✔ Channel ~alerts").contains("✔ Channel ~war-room (War Room)")
        .contains("✔ Calls plugin present").contains("com.mattermost.calls 1.12.2")
        .contains("✔ Calls ICE servers stay on site").contains("stun:turn.example.internal:3478")
        .contains("✔ Calls enabled in ~war-room").contains("War Room link: " + front.url() + "/factory/channels/war-room?join_call=true")
        .contains("all good")
        .doesNotContain("✘");
    assertThat(run.all()).doesNotContain(MattermostSandbox.JENKINS_BOT_TOKEN);
  }

  @Test
  void diagnosesARejectedTokenAndSkipsWhatNeedsIt() throws Exception {
    start(MattermostSandbox.builder().withSampleData());
    String wrongToken = "not-a-valid-token-0000000";

    CliRun run = doctor(wrongToken);

    assertThat(run.exitCode).isEqualTo(ExitCode.FAILED);
    assertThat(run.out).contains("✔ Mattermost reachable over TLS")
        .contains("✘ Token valid (users/me)").contains("token rejected (401")
        .contains("fix: create a bot access token")
        .contains("– Channel ~builds").contains("the token was rejected");
    assertThat(run.all()).doesNotContain(wrongToken);
  }

  @Test
  void diagnosesATeamGivenByItsDisplayName() throws Exception {
    start(MattermostSandbox.builder().withSampleData());

    CliRun run = CliRun.run(Map.of("MATTERMOST_TOKEN", MattermostSandbox.JENKINS_BOT_TOKEN), "doctor", "--url", front.url(),
        "--ca-file", pki.writeSiteCa(directory).toString(), "--team", "software-factory", "--channel", "builds");

    assertThat(run.exitCode).isEqualTo(ExitCode.FAILED);
    assertThat(run.out).contains("✘ Team software-factory resolves").contains("team 'software-factory' not found")
        .contains("fix: use the team's URL name").contains("– Channel ~builds");
  }

  @Test
  void diagnosesAMissingChannelWithTheFix() throws Exception {
    start(MattermostSandbox.builder().withSampleData().callsEnabled("factory", "war-room", true));

    CliRun run = doctor(MattermostSandbox.JENKINS_BOT_TOKEN, "--channel", "deploys");

    assertThat(run.exitCode).isEqualTo(ExitCode.FAILED);
    assertThat(run.out).contains("✘ Channel ~deploys").contains("channel ~deploys not found in team factory")
        .contains("fix: create ~deploys in factory");
  }

  @Test
  void diagnosesCallsDisabledInTheWarRoomWhileInTestMode() throws Exception {
    start(MattermostSandbox.builder().withSampleData());

    CliRun run = doctor(MattermostSandbox.JENKINS_BOT_TOKEN);

    assertThat(run.exitCode).isEqualTo(ExitCode.FAILED);
    assertThat(run.out).contains("✘ Calls enabled in ~war-room")
        .contains("Calls is in test mode (DefaultEnabled=false)")
        .contains("fix: run `command-center war-room --team factory --channel war-room` with a system admin's token");
  }

  @Test
  void diagnosesAMissingCallsPlugin() throws Exception {
    start(MattermostSandbox.builder().withSampleData()
        .settings(SandboxSettings.builder().callsPluginInstalled(false).build()));

    CliRun run = doctor(MattermostSandbox.JENKINS_BOT_TOKEN);

    assertThat(run.exitCode).isEqualTo(ExitCode.FAILED);
    assertThat(run.out).contains("✘ Calls plugin present").contains("not installed or not enabled")
        .contains("– Calls enabled in ~war-room");
  }

  @Test
  void diagnosesCallsThatHandOutNoTurnCredentials() throws Exception {
    start(MattermostSandbox.builder().withSampleData().callsEnabled("factory", "war-room", true));
    // A bound but not listening socket: connections are refused, and nobody else can start listening there meanwhile.
    try (java.net.Socket holder = new java.net.Socket()) {
      holder.bind(new java.net.InetSocketAddress(java.net.InetAddress.getLoopbackAddress(), 0));
      diagnosesCallsThatHandOutNoTurnCredentials(holder.getLocalPort());
    }
  }

  private void diagnosesCallsThatHandOutNoTurnCredentials(int closedPort) throws Exception {
    CliRun run = CliRun.run(Map.of("MATTERMOST_TOKEN", MattermostSandbox.JENKINS_BOT_TOKEN, "TURN_STATIC_AUTH_SECRET", "s3cret-for-turn"),
        "doctor", "--url", front.url(), "--ca-file", pki.writeSiteCa(directory).toString(),
        "--turn-host", "127.0.0.1", "--turn-transports", "tcp", "--turn-tcp-port", String.valueOf(closedPort), "--turn-timeout", "1s");

    assertThat(run.exitCode).isEqualTo(ExitCode.FAILED);
    assertThat(run.out).contains("✘ Calls hands out TURN credentials").contains("TURNStaticAuthSecret is empty")
        .contains("turn:127.0.0.1:3478?transport=udp")
        .contains("✘ TURN over TCP").contains("nothing answers on this port");
    assertThat(run.all()).doesNotContain("s3cret-for-turn");
  }

  @Test
  void stopsAtTlsWhenTheChainIsNotTrusted() throws Exception {
    start(MattermostSandbox.builder().withSampleData());
    front.close();
    front = new TlsFront(TestPki.serving(pki.signedByOtherCa(), pki.otherCa), mattermost.port());

    CliRun run = doctor(MattermostSandbox.JENKINS_BOT_TOKEN);

    assertThat(run.exitCode).isEqualTo(ExitCode.FAILED);
    assertThat(run.out).contains("✘ Mattermost reachable over TLS").contains("not trusted")
        .contains("– Token valid (users/me)");
    assertThat(mattermost.requests()).allMatch(request -> request.path().equals("/api/v4/system/ping"));
  }

  @Test
  void reportsEveryCheckAsJson() throws Exception {
    start(MattermostSandbox.builder().withSampleData());

    CliRun run = doctor(MattermostSandbox.JENKINS_BOT_TOKEN, "--json");

    JsonObject report = JsonParser.parseString(run.out).getAsJsonObject();
    assertThat(report.get("ok").getAsBoolean()).isFalse();
    List<String> ids = new ArrayList<>();
    JsonArray checks = report.getAsJsonArray("checks");
    for (JsonElement check : checks) {
      ids.add(check.getAsJsonObject().get("id").getAsString() + "=" + check.getAsJsonObject().get("status").getAsString());
    }
    assertThat(ids).containsExactly("mattermost:tls=pass", "mattermost:token=pass", "mattermost:team=pass",
        "mattermost:channel:builds=pass", "mattermost:channel:alerts=pass", "calls:plugin=pass",
        "calls:ice-servers=fail", "calls:turn-credentials=skip", "mattermost:channel:war-room=pass",
        "calls:war-room=fail");
    assertThat(run.exitCode).isEqualTo(ExitCode.FAILED);
  }

  @Test
  void failsWhileCallsStillHandsOutMattermostsPublicStunServer() throws Exception {
    // A fresh Calls install: plugin.json's ICEServersConfigs default.
    start(MattermostSandbox.builder().withSampleData().callsEnabled("factory", "war-room", true));

    CliRun run = doctor(MattermostSandbox.JENKINS_BOT_TOKEN, "--turn-host", "turn.factory.internal",
        "--turn-secret-file", java.nio.file.Files.writeString(directory.resolve("secret"), "s3cret").toString(),
        "--turn-timeout", "1s", "--turn-transports", "tcp", "--turn-tcp-port", "1");

    assertThat(run.exitCode).isEqualTo(ExitCode.FAILED);
    assertThat(run.out).contains("✘ Calls ICE servers stay on site")
        .contains("ICEServersConfigs still names stun:stun.global.calls.mattermost.com:3478, Mattermost's public STUN "
            + "server (the Calls default): in an air-gapped site every client waits on a host it cannot reach")
        .contains("fix: in System Console > Plugins > Calls set ICE Servers Configurations to your coturn only: "
            + "[{\"urls\":[\"stun:turn.factory.internal:3478\"]},{\"urls\":[\"turn:turn.factory.internal:3478?transport=udp\"");
  }

  @Test
  void reportsTheIceServersCallsHandsOutAsFacts() throws Exception {
    start(MattermostSandbox.builder().withSampleData().settings(siteStun()));

    CliRun run = doctor(MattermostSandbox.JENKINS_BOT_TOKEN, "--json");

    JsonObject check = checks(run).stream().filter(c -> c.get("id").getAsString().equals("calls:ice-servers"))
        .findFirst().orElseThrow();
    assertThat(check.get("status").getAsString()).isEqualTo("pass");
    assertThat(check.getAsJsonObject("facts").get("urls").toString()).isEqualTo("[\"stun:turn.example.internal:3478\"]");
  }

  @Test
  void recognisesThePublicStunServerInEveryUrlForm() {
    assertThat(MattermostChecks.namesPublicStunServer("stun:stun.global.calls.mattermost.com:3478")).isTrue();
    assertThat(MattermostChecks.namesPublicStunServer("STUN:Stun.Global.Calls.Mattermost.com")).isTrue();
    assertThat(MattermostChecks.namesPublicStunServer("turn:stun.global.calls.mattermost.com.:3478?transport=tcp"))
        .isTrue();
    assertThat(MattermostChecks.namesPublicStunServer("stun:stun.factory.internal:3478")).isFalse();
    assertThat(MattermostChecks.namesPublicStunServer("stun:stun.global.calls.mattermost.com.example:3478")).isFalse();
  }

  private static List<JsonObject> checks(CliRun run) {
    List<JsonObject> checks = new ArrayList<>();
    for (JsonElement check : JsonParser.parseString(run.out).getAsJsonObject().getAsJsonArray("checks")) {
      checks.add(check.getAsJsonObject());
    }
    return checks;
  }
}
