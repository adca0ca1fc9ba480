package org.commandcenter.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Custom slash commands as the server runs them (server/channels/app/command.go, server/public/model/command_response.go,
 * server/channels/app/webhook.go HandleCommandWebhook): the request, the answer's reading and posting, response_url.
 */
class SlashCommandContractTest {
  /** A clock the test moves: the 30 minutes of a response_url. */
  static final class MovingClock extends Clock {
    private volatile Instant now = Instant.parse("2026-03-01T10:00:00Z");

    void advance(Duration duration) {
      now = now.plus(duration);
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }
  }

  private final MovingClock clock = new MovingClock();
  private MattermostSandbox mm;
  private FakeIntegration integration;
  private SlashCommandInfo jenkins;

  @BeforeEach
  void start() throws Exception {
    integration = new FakeIntegration();
    mm = MattermostSandbox.builder().withSampleData().clock(clock)
        .settings(SandboxSettings.builder().allowedUntrustedInternalConnections("127.0.0.1").developerMode(true).build())
        .build().start();
    jenkins = mm.createSlashCommand("factory", "jenkins", integration.url("/mattermost/command"), "admin");
  }

  @AfterEach
  void stop() {
    mm.close();
    integration.close();
  }

  private static Map<String, String> form(String body) {
    Map<String, String> fields = new LinkedHashMap<>();
    for (String pair : body.split("&")) {
      int eq = pair.indexOf('=');
      fields.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
          URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
    }
    return fields;
  }

  @Test
  void postsTheFormWithTheTokenInHeaderAndFieldAndTheTextAfterTheTrigger() throws Exception {
    integration.answer(FakeIntegration.Reply.json("{\"response_type\":\"ephemeral\",\"text\":\"ok\"}"));

    ApiAnswer answer = mm.runCommand("alice", "factory", "builds", "/JENKINS build team/app/main  A=\"1 2\" @bob");

    assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
    FakeIntegration.Received request = integration.last();
    assertThat(request.method).isEqualTo("POST");
    assertThat(request.header("Authorization")).isEqualTo("Token " + jenkins.token());
    assertThat(request.header("Content-Type")).isEqualTo("application/x-www-form-urlencoded");
    assertThat(request.header("Accept")).isEqualTo("application/json");
    Map<String, String> fields = form(request.body);
    assertThat(fields.keySet()).as("url.Values.Encode sorts the keys").containsExactly("channel_id", "channel_name",
        "command", "response_url", "root_id", "team_domain", "team_id", "text", "token", "trigger_id", "user_id",
        "user_mentions", "user_mentions_ids", "user_name");
    assertThat(fields.get("token")).isEqualTo(jenkins.token()).hasSize(26);
    assertThat(fields.get("command")).isEqualTo("/jenkins");
    assertThat(fields.get("text")).isEqualTo("build team/app/main  A=\"1 2\" @bob");
    assertThat(fields.get("user_name")).isEqualTo("alice");
    assertThat(fields.get("user_mentions")).isEqualTo("bob");
    assertThat(fields.get("team_domain")).isEqualTo("factory");
    assertThat(fields.get("channel_name")).isEqualTo("builds");
    assertThat(fields.get("response_url")).matches("\\Q" + mm.url() + "\\E/hooks/commands/[a-z0-9]{26}");
  }

  @Test
  void readsJsonOnlyWhenTheMediaTypeIsExactlyApplicationJson() throws Exception {
    integration.answer(new FakeIntegration.Reply(200, "application/json; charset=utf-8",
        "{\"response_type\":\"ephemeral\",\"text\":\"parsed\"}", 0));
    mm.runCommand("alice", "factory", "builds", "/jenkins help");
    integration.answer(new FakeIntegration.Reply(200, "text/plain", "{\"text\":\"raw\"}", 0));
    mm.runCommand("alice", "factory", "builds", "/jenkins help");

    assertThat(mm.ephemeralPosts("alice")).extracting(ReceivedPost::message)
        .containsExactly("parsed", "{\"text\":\"raw\"}");
  }

  @Test
  void ephemeralAnswersReachTheUserAndInChannelOnesArePostedAsTheUserFromWebhook() throws Exception {
    integration.answer(FakeIntegration.Reply.json("{\"response_type\":\"in_channel\",\"text\":\"@alice started it\"}"));

    mm.runCommand("alice", "factory", "builds", "/jenkins build app");

    ReceivedPost post = mm.posts("factory", "builds").get(0);
    assertThat(post.username()).isEqualTo("alice");
    assertThat(post.message()).isEqualTo("@alice started it");
    assertThat(post.fromWebhook()).isTrue();
    assertThat(mm.ephemeralPosts("alice")).isEmpty();
  }

  @Test
  void anAnswerOtherThanTwoHundredIsAnErrorNamingTheTriggerAndTheStatus() throws Exception {
    integration.answer(new FakeIntegration.Reply(401, "text/plain", "token mismatch", 0));

    ApiAnswer answer = mm.runCommand("alice", "factory", "builds", "/jenkins status");

    assertThat(answer.status()).isEqualTo(500);
    assertThat(answer.errorId()).isEqualTo("api.command.execute_command.failed_resp.app_error");
    assertThat(answer.message()).isEqualTo("Command with a trigger of 'jenkins' returned response 401 Unauthorized.");
    assertThat(answer.detailedError()).contains("token mismatch");
    assertThat(mm.runCommand("alice", "factory", "builds", "/nosuch x").errorId())
        .isEqualTo("api.command.execute_command.not_found.app_error");
  }

  @Test
  void anUnreachableOrForbiddenUrlFailsTheCommand() throws Exception {
    mm.settings(mm.settings().newBuilder().allowedUntrustedInternalConnections("").build());

    ApiAnswer answer = mm.runCommand("alice", "factory", "builds", "/jenkins status");

    assertThat(answer.status()).isEqualTo(500);
    assertThat(answer.message()).isEqualTo("Command with a trigger of 'jenkins' failed.");
    assertThat(answer.detailedError()).contains("address forbidden");
    assertThat(integration.received).isEmpty();
  }

  @Test
  void theResponseUrlTakesFiveAnswersWithinThirtyMinutes() throws Exception {
    integration.answer(FakeIntegration.Reply.json("{\"text\":\"working\"}"));
    mm.runCommand("alice", "factory", "builds", "/jenkins build app");
    String responseUrl = form(integration.last().body).get("response_url");
    String later = "{\"response_type\":\"in_channel\",\"text\":\"app #7 started\"}";

    for (int i = 0; i < 5; i++) {
      Wire.Answer ok = Wire.post(responseUrl, later);
      assertThat(ok.status).as(ok.body).isEqualTo(200);
      assertThat(ok.body).isEqualTo("ok");
    }
    Wire.Answer sixth = Wire.post(responseUrl, later);

    assertThat(sixth.status).isEqualTo(400);
    // web/webhook.go commandWebhook wraps HandleCommandWebhook's try_use error, keeping its status.
    assertThat(sixth.errorId()).isEqualTo("web.command_webhook.general.app_error");
    assertThat(mm.posts("factory", "builds")).hasSize(5).allMatch(p -> p.username().equals("alice"));

    mm.runCommand("alice", "factory", "builds", "/jenkins build app");
    String second = form(integration.last().body).get("response_url");
    clock.advance(Duration.ofMinutes(30).plusSeconds(1));
    assertThat(Wire.post(second, later).status).isEqualTo(404);
  }

  @Test
  void aGetCommandCarriesTheFieldsInTheQuery() throws Exception {
    mm.createSlashCommand("factory", "ci", integration.url("/cmd?x=1"), "admin", "G", "");
    integration.answer(FakeIntegration.Reply.json("{\"text\":\"ok\"}"));

    mm.runCommand("alice", "factory", "builds", "/ci go");

    assertThat(integration.last().method).isEqualTo("GET");
    assertThat(integration.last().query).startsWith("x=1&channel_id=");
    assertThat(integration.last().body).isEmpty();
  }
}
