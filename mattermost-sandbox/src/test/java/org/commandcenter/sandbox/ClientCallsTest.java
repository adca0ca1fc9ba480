package org.commandcenter.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.commandcenter.sandbox.MattermostSandbox.ADMIN_TOKEN;
import static org.commandcenter.sandbox.MattermostSandbox.JENKINS_BOT_TOKEN;
import static org.commandcenter.sandbox.MattermostSandbox.TEAM;

import java.time.Duration;
import org.commandcenter.mattermost.CallsClient;
import org.commandcenter.mattermost.MattermostClient;
import org.commandcenter.mattermost.MattermostException;
import org.commandcenter.mattermost.RetryPolicy;
import org.commandcenter.mattermost.warroom.WarRoom;
import org.junit.jupiter.api.Test;

/**
 * The client's Calls API against the plugin routes of mattermost-plugin-calls v1.12.2 (server/api_router.go,
 * server/api.go), including their text/plain answers to POST and the test-mode rule that only system admins may
 * enable calls in a channel.
 */
class ClientCallsTest extends SandboxPerTest {



  private CallsClient calls(String token) {
    return MattermostClient.builder().siteUrl(mm.url()).token(token).team(TEAM)
        .retryPolicy(RetryPolicy.noRetries(Duration.ofSeconds(5))).build().calls();
  }

  @Test
  void readsThePluginVersionAndReportsAMissingPluginAsEmpty() throws Exception {
    assertThat(calls(JENKINS_BOT_TOKEN).pluginVersion()).contains("1.12.2");

    mm.settings(SandboxSettings.builder().callsPluginInstalled(false).build());

    assertThat(calls(JENKINS_BOT_TOKEN).pluginVersion()).isEmpty();
  }

  @Test
  void adminEnablesCallsInTestModeButABotIsRefusedWithoutRetry() throws Exception {
    String warRoom = mm.channelId(TEAM, "war-room");

    MattermostException refused = catchThrowableOfType(MattermostException.class,
        () -> calls(JENKINS_BOT_TOKEN).enable(warRoom));
    calls(ADMIN_TOKEN).enable(warRoom);

    assertThat(refused.statusCode()).isEqualTo(403);
    assertThat(refused.isRetryable()).isFalse();
    assertThat(refused.serverMessage()).isEqualTo("Forbidden");
    assertThat(mm.callsEnabled(warRoom)).contains(true);
    assertThat(mm.requests()).filteredOn(r -> r.method().equals("POST") && r.path().endsWith(warRoom))
        .extracting(RecordedRequest::status).containsExactly(403, 200);
  }

  @Test
  void liveModeLetsNobodyButAdminsEnableAPublicChannelEither() throws Exception {
    mm.settings(SandboxSettings.builder().callsDefaultEnabled(true).build());
    String builds = mm.channelId(TEAM, "builds");

    MattermostException refused = catchThrowableOfType(MattermostException.class,
        () -> calls(JENKINS_BOT_TOKEN).enable(builds));

    // permissionToEnableDisableChannel: channel/team admins and DM/GM members only; a plain member is refused.
    assertThat(refused.statusCode()).isEqualTo(403);
    assertThat(mm.callsEnabled(builds)).isEmpty();
  }

  @Test
  void seesWhetherACallIsActive() throws Exception {
    String warRoom = mm.channelId(TEAM, "war-room");
    CallsClient calls = calls(JENKINS_BOT_TOKEN);

    assertThat(calls.isCallActive(warRoom)).isFalse();
    mm.startCall(warRoom);
    assertThat(calls.isCallActive(warRoom)).isTrue();
    mm.endCall(warRoom);
    assertThat(calls.isCallActive(warRoom)).isFalse();
  }

  @Test
  void warRoomLinkOpensTheChannelAndAsksToJoinTheCall() throws Exception {
    String link = WarRoom.link(mm.url() + "/", TEAM, "war-room");

    Wire.Answer page = Wire.get(link);

    assertThat(link).isEqualTo(mm.url() + "/" + TEAM + "/channels/war-room?join_call=true");
    assertThat(page.status).isEqualTo(200);
    assertThat(page.body).contains("war-room");
  }
}
