package org.commandcenter.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.util.Map;
import java.util.Optional;
import org.commandcenter.cli.console.ExitCode;
import org.commandcenter.sandbox.MattermostSandbox;
import org.commandcenter.sandbox.SandboxSettings;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** {@code war-room} against the Mattermost stand-in and its Calls plugin routes. */
class WarRoomCommandTest {
  private MattermostSandbox mattermost;

  private MattermostSandbox start(MattermostSandbox.Builder builder) throws Exception {
    mattermost = builder.build();
    mattermost.start();
    return mattermost;
  }

  @AfterEach
  void stop() {
    if (mattermost != null) {
      mattermost.close();
    }
  }

  private Map<String, String> as(String token) {
    return Map.of("MATTERMOST_URL", mattermost.url(), "MATTERMOST_TEAM", "factory", "MATTERMOST_TOKEN", token);
  }

  private String link() {
    return mattermost.url() + "/factory/channels/war-room?join_call=true";
  }

  @Test
  void printsTheLinkWithoutAToken() throws Exception {
    start(MattermostSandbox.builder().withSampleData());

    CliRun run = CliRun.run(Map.of(), "war-room", "--url", mattermost.url() + "/", "--team", "factory", "--channel", "war-room");

    assertThat(run.exitCode).as(run.toString()).isEqualTo(ExitCode.OK);
    assertThat(run.out.trim()).isEqualTo(link());
    assertThat(run.err).contains("Calls was not enabled");
    assertThat(mattermost.requests()).isEmpty();
  }

  @Test
  void enablesCallsInTheChannelWithASystemAdminToken() throws Exception {
    start(MattermostSandbox.builder().withSampleData());

    CliRun run = CliRun.run(as(MattermostSandbox.ADMIN_TOKEN), "war-room", "--channel", "war-room");

    assertThat(run.exitCode).as(run.toString()).isEqualTo(ExitCode.OK);
    assertThat(run.out.trim()).isEqualTo(link());
    assertThat(run.err).contains("Calls enabled in ~war-room");
    assertThat(mattermost.callsEnabled(mattermost.channelId("factory", "war-room"))).isEqualTo(Optional.of(true));
  }

  @Test
  void explainsTestModeWhenTheBotIsRefused() throws Exception {
    start(MattermostSandbox.builder().withSampleData());

    CliRun run = CliRun.run(as(MattermostSandbox.JENKINS_BOT_TOKEN), "war-room", "--channel", "war-room");

    assertThat(run.exitCode).as(run.toString()).isEqualTo(ExitCode.AUTH);
    assertThat(run.out.trim()).isEqualTo(link());
    assertThat(run.err).contains("(403)").contains("test mode (DefaultEnabled=false)")
        .contains("only a system admin may enable Calls")
        .contains("fix: set DefaultEnabled=true").contains("/call start");
    assertThat(run.all()).doesNotContain(MattermostSandbox.JENKINS_BOT_TOKEN);
  }

  @Test
  void leavesAnAlreadyEnabledChannelAlone() throws Exception {
    start(MattermostSandbox.builder().withSampleData().callsEnabled("factory", "war-room", true));

    CliRun run = CliRun.run(as(MattermostSandbox.JENKINS_BOT_TOKEN), "war-room", "--channel", "war-room");

    assertThat(run.exitCode).as(run.toString()).isEqualTo(ExitCode.OK);
    assertThat(run.err).contains("already enabled");
    assertThat(mattermost.requests()).noneMatch(request -> request.method().equals("POST"));
  }

  @Test
  void treatsEveryChannelAsEnabledOutsideTestMode() throws Exception {
    start(MattermostSandbox.builder().withSampleData()
        .settings(SandboxSettings.builder().callsDefaultEnabled(true).build()));

    CliRun run = CliRun.run(as(MattermostSandbox.JENKINS_BOT_TOKEN), "war-room", "--channel", "war-room");

    assertThat(run.exitCode).as(run.toString()).isEqualTo(ExitCode.OK);
    assertThat(run.err).contains("already enabled");
  }

  @Test
  void reportsAMissingChannel() throws Exception {
    start(MattermostSandbox.builder().withSampleData());

    CliRun run = CliRun.run(as(MattermostSandbox.ADMIN_TOKEN), "war-room", "--channel", "no-such-room");

    assertThat(run.exitCode).as(run.toString()).isEqualTo(ExitCode.NOT_FOUND);
    assertThat(run.err).contains("channel ~no-such-room not found in team factory");
  }

  @Test
  void tellsAMissingTeamFromAMissingChannel() throws Exception {
    start(MattermostSandbox.builder().withSampleData());

    CliRun run = CliRun.run(Map.of("MATTERMOST_URL", mattermost.url(), "MATTERMOST_TEAM", "Software Factory",
        "MATTERMOST_TOKEN", MattermostSandbox.ADMIN_TOKEN), "war-room", "--channel", "war-room");

    assertThat(run.exitCode).as(run.toString()).isEqualTo(ExitCode.NOT_FOUND);
    assertThat(run.err).contains("team 'Software Factory' not found");
  }

  @Test
  void reportsAMissingCallsPlugin() throws Exception {
    start(MattermostSandbox.builder().withSampleData()
        .settings(SandboxSettings.builder().callsPluginInstalled(false).build()));

    CliRun run = CliRun.run(as(MattermostSandbox.ADMIN_TOKEN), "war-room", "--channel", "war-room");

    assertThat(run.exitCode).as(run.toString()).isEqualTo(ExitCode.NOT_FOUND);
    assertThat(run.err).contains("Calls plugin is not installed or not enabled");
  }

  @Test
  void rejectsADisplayNameWithoutAToken() throws Exception {
    start(MattermostSandbox.builder().withSampleData());

    CliRun run = CliRun.run(Map.of(), "war-room", "--url", mattermost.url(), "--team", "factory", "--channel", "War Room");

    assertThat(run.exitCode).isEqualTo(ExitCode.USAGE);
    assertThat(run.err).contains("use the channel's URL name");
  }

  @Test
  void printsJsonForScripts() throws Exception {
    start(MattermostSandbox.builder().withSampleData());

    CliRun run = CliRun.run(as(MattermostSandbox.JENKINS_BOT_TOKEN), "war-room", "--json", "--channel", "war-room");

    JsonObject result = JsonParser.parseString(run.out).getAsJsonObject();
    assertThat(result.get("link").getAsString()).isEqualTo(link());
    assertThat(result.get("channel_id").getAsString()).isEqualTo(mattermost.channelId("factory", "war-room"));
    assertThat(result.get("calls_enabled").getAsBoolean()).isFalse();
    assertThat(result.get("error").getAsString()).contains("DefaultEnabled=false");
    assertThat(run.exitCode).isEqualTo(ExitCode.AUTH);
  }
}
