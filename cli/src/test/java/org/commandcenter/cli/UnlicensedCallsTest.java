package org.commandcenter.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.nio.file.Path;
import java.util.Map;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.commandcenter.cli.console.ExitCode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An unlicensed Mattermost with Calls v1.12: Calls is enabled in the War Room channel, but its client
 * config says {@code GroupCallsAllowed=false} (server/enterprise/license.go), so calls can only start in
 * direct messages. Both {@code doctor} and {@code war-room} must say so instead of promising a call.
 */
class UnlicensedCallsTest {
  private static final String TOKEN = "unlicensed-test-token-000000";
  private static final String CHANNEL_ID = "warroomchannelid0000000000";

  private final TestPki pki = new TestPki();
  private final MockWebServer server = new MockWebServer();

  @TempDir
  Path directory;

  @BeforeEach
  void start() throws Exception {
    server.useHttps(TestPki.serving(pki.localhost(), pki.siteCa).sslSocketFactory());
    server.setDispatcher(new Dispatcher() {
      @Override
      public MockResponse dispatch(RecordedRequest request) {
        return answer(request.getUrl().encodedPath());
      }
    });
    server.start();
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private static MockResponse answer(String path) {
    switch (path) {
      case "/api/v4/system/ping":
        return json("{\"status\":\"OK\"}");
      case "/api/v4/users/me":
        return json("{\"id\":\"jenkinsbotuserid0000000000\",\"username\":\"jenkins-bot\",\"email\":\"\",\"is_bot\":true,"
            + "\"roles\":\"system_user\"}");
      case "/api/v4/teams/name/factory":
        return json("{\"id\":\"factoryteamid0000000000000\",\"name\":\"factory\",\"display_name\":\"Factory\"}");
      case "/api/v4/teams/name/factory/channels/name/war-room":
        return json("{\"id\":\"" + CHANNEL_ID + "\",\"name\":\"war-room\",\"display_name\":\"War Room\","
            + "\"team_id\":\"factoryteamid0000000000000\",\"type\":\"O\"}");
      case "/plugins/com.mattermost.calls/version":
        return json("{\"version\":\"1.12.2\",\"build\":\"test\"}");
      case "/plugins/com.mattermost.calls/" + CHANNEL_ID:
        return json("{\"channel_id\":\"" + CHANNEL_ID + "\",\"enabled\":true}");
      case "/plugins/com.mattermost.calls/config":
        // configuration.go getClientConfig on a server without a licence.
        return json("{\"AllowEnableCalls\":true,\"DefaultEnabled\":true,\"NeedsTURNCredentials\":false,"
            + "\"sku_short_name\":\"starter\",\"HostControlsAllowed\":false,\"GroupCallsAllowed\":false}");
      default:
        return new MockResponse.Builder().code(404).body("404 page not found\n").build();
    }
  }

  private static MockResponse json(String body) {
    return new MockResponse.Builder().code(200).addHeader("Content-Type", "application/json").body(body).build();
  }

  private String url() {
    return "https://localhost:" + server.getPort();
  }

  @Test
  void doctorFailsTheWarRoomCheckWhenCallsAllowsDirectMessagesOnly() throws Exception {
    CliRun run = CliRun.run(Map.of("MATTERMOST_TOKEN", TOKEN), "doctor", "--url", url(), "--team", "factory",
        "--ca-file", pki.writeSiteCa(directory).toString(), "--war-room-channel", "war-room");

    assertThat(run.exitCode).as(run.toString()).isEqualTo(ExitCode.FAILED);
    assertThat(run.out).contains("✔ Calls plugin present")
        .contains("✘ Calls enabled in ~war-room")
        .contains("GroupCallsAllowed=false")
        .contains("fix: upload a Mattermost Professional or Enterprise licence");
    assertThat(run.all()).doesNotContain(TOKEN);
  }

  @Test
  void warRoomPrintsTheLinkButWarnsThatNoCallCanStartInTheChannel() throws Exception {
    CliRun run = CliRun.run(Map.of("MATTERMOST_TOKEN", TOKEN), "war-room", "--url", url(), "--team", "factory",
        "--ca-file", pki.writeSiteCa(directory).toString(), "--channel", "war-room", "--json");

    assertThat(run.exitCode).as(run.toString()).isEqualTo(ExitCode.OK);
    JsonObject result = JsonParser.parseString(run.out).getAsJsonObject();
    assertThat(result.get("link").getAsString()).isEqualTo(url() + "/factory/channels/war-room?join_call=true");
    assertThat(result.get("calls_enabled").getAsBoolean()).isTrue();
    assertThat(result.get("group_calls_allowed").getAsBoolean()).isFalse();
    assertThat(run.err).contains("warning: Calls allows calls only in direct messages")
        .contains("fix: upload a Mattermost Professional or Enterprise licence");
  }
}
