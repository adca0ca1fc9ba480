package org.commandcenter.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Button clicks as the server handles them (server/channels/api4/integration_action.go,
 * server/channels/app/integration_action.go): what goes to the integration, what comes back, and what the post and
 * the clicking user see afterwards.
 */
class InteractiveMessageContractTest {
  private MattermostSandbox mm;
  private FakeIntegration integration;

  @BeforeEach
  void start() throws Exception {
    integration = new FakeIntegration();
    mm = MattermostSandbox.builder().withSampleData()
        .settings(SandboxSettings.builder().allowedUntrustedInternalConnections("127.0.0.1").developerMode(true)
            .enablePostUsernameOverride(true).build())
        .build().start();
  }

  @AfterEach
  void stop() {
    mm.close();
    integration.close();
  }

  /** A root post by jenkins-bot in ~builds with one attachment and the given actions JSON; returns its id. */
  private String postWithActions(String actionsJson) throws Exception {
    String body = "{\"channel_id\":\"" + mm.channelId("factory", "builds") + "\",\"message\":\"Build failed\","
        + "\"props\":{\"attachments\":[{\"title\":\"app #142\",\"actions\":" + actionsJson + "}]}}";
    Wire.Answer created = Wire.post(mm.url() + "/api/v4/posts", body, MattermostSandbox.JENKINS_BOT_TOKEN);
    assertThat(created.status).as(created.body).isEqualTo(201);
    return created.json().get("id").getAsString();
  }

  private String rebuildButton() {
    return "[{\"id\":\"rebuild\",\"type\":\"button\",\"name\":\"Rebuild\",\"integration\":{\"url\":\""
        + integration.url("/mattermost/actions") + "\",\"context\":{\"action\":\"rebuild\",\"build\":\"142\"}}}]";
  }

  @Test
  void postsTheBareIntegrationRequestWithoutCredentialsAndAnswersOkWithATriggerId() throws Exception {
    String postId = postWithActions(rebuildButton());

    ApiAnswer answer = mm.clickButton("alice", postId, "rebuild");

    assertThat(answer.status()).isEqualTo(200);
    assertThat(answer.json().get("status").getAsString()).isEqualTo("OK");
    FakeIntegration.Received request = integration.last();
    assertThat(request.method).isEqualTo("POST");
    assertThat(request.path).isEqualTo("/mattermost/actions");
    assertThat(request.header("Content-Type")).isEqualTo("application/json");
    assertThat(request.header("Accept")).isEqualTo("application/json");
    assertThat(request.header("Authorization")).isNull();
    assertThat(request.header("User-Agent")).isEqualTo("Mattermost-Bot/1.1");
    JsonObject body = JsonParser.parseString(request.body).getAsJsonObject();
    assertThat(body.keySet()).containsExactly("user_id", "user_name", "channel_id", "channel_name", "team_id",
        "team_domain", "post_id", "trigger_id", "type", "data_source", "context");
    assertThat(body.get("user_id").getAsString()).isEqualTo(mm.userId("alice"));
    assertThat(body.get("user_name").getAsString()).isEqualTo("alice");
    assertThat(body.get("channel_name").getAsString()).isEqualTo("builds");
    assertThat(body.get("team_domain").getAsString()).isEqualTo("factory");
    assertThat(body.get("post_id").getAsString()).isEqualTo(postId);
    assertThat(body.get("type").getAsString()).isEqualTo("button");
    assertThat(body.getAsJsonObject("context").get("build").getAsString()).isEqualTo("142");
    String trigger = new String(Base64.getDecoder().decode(body.get("trigger_id").getAsString()),
        StandardCharsets.UTF_8);
    assertThat(trigger).startsWith(answer.json().get("trigger_id").getAsString() + ":" + mm.userId("alice") + ":");
  }

  @Test
  void aClickOverTheApiNeedsASessionAndReachesTheSameIntegration() throws Exception {
    String postId = postWithActions(rebuildButton());
    String route = mm.url() + "/api/v4/posts/" + postId + "/actions/rebuild";

    assertThat(Wire.post(route, "{}").status).isEqualTo(401);
    Wire.Answer clicked = Wire.post(route, "{}", MattermostSandbox.ALICE_TOKEN);

    assertThat(clicked.status).as(clicked.body).isEqualTo(200);
    assertThat(clicked.json().get("status").getAsString()).isEqualTo("OK");
    assertThat(integration.received).hasSize(1);
  }

  @Test
  void anActionIdWithADashIsStoredButItsClickNeverMatchesTheRoute() throws Exception {
    String postId = postWithActions("[{\"id\":\"show-log\",\"type\":\"button\",\"name\":\"Show log\","
        + "\"integration\":{\"url\":\"" + integration.url("/a") + "\"}}]");

    Wire.Answer clicked = Wire.post(mm.url() + "/api/v4/posts/" + postId + "/actions/show-log", "{}",
        MattermostSandbox.ALICE_TOKEN);

    assertThat(clicked.status).isEqualTo(404);
    assertThat(clicked.errorId()).isEqualTo("api.context.404.app_error");
    assertThat(mm.clickButton("alice", postId, "show-log").errorId()).isEqualTo("api.context.404.app_error");
    assertThat(integration.received).isEmpty();
    assertThat(mm.clickButton("alice", postId, "nosuchaction").errorId())
        .isEqualTo("api.post.do_action.action_id.app_error");
  }

  @Test
  void anythingButTwoHundredIsActionIntegrationErrorForTheUser() throws Exception {
    String postId = postWithActions(rebuildButton());

    integration.answer(new FakeIntegration.Reply(500, "text/plain", "boom", 0));
    ApiAnswer failed = mm.clickButton("alice", postId, "rebuild");
    assertThat(failed.status()).isEqualTo(400);
    assertThat(failed.errorId()).isEqualTo("api.post.do_action.action_integration.app_error");
    assertThat(failed.message()).isEqualTo("Action integration error.");
    assertThat(failed.detailedError()).contains("status=500");

    integration.answer(new FakeIntegration.Reply(200, "application/json", "{not json", 0));
    assertThat(mm.clickButton("alice", postId, "rebuild").status()).isEqualTo(400);

    integration.answer(new FakeIntegration.Reply(200, "application/json", "", 0));
    assertThat(mm.clickButton("alice", postId, "rebuild").status()).as("an empty body is fine").isEqualTo(200);
  }

  @Test
  void refusesLoopbackIntegrationsUntilAllowedUntrustedInternalConnectionsNamesThem() throws Exception {
    String postId = postWithActions(rebuildButton());
    mm.settings(mm.settings().newBuilder().allowedUntrustedInternalConnections("").build());

    ApiAnswer refused = mm.clickButton("alice", postId, "rebuild");

    assertThat(refused.status()).isEqualTo(400);
    assertThat(refused.message()).isEqualTo("Action integration error.");
    assertThat(refused.detailedError()).contains("address forbidden, you may need to set "
        + "AllowedUntrustedInternalConnections to allow an integration access to your internal network");
    assertThat(integration.received).isEmpty();

    mm.settings(mm.settings().newBuilder().allowedUntrustedInternalConnections("10.0.0.0/8, 127.0.0.0/8").build());
    assertThat(mm.clickButton("alice", postId, "rebuild").status()).isEqualTo(200);
  }

  @Test
  void givesUpAfterOutgoingIntegrationRequestsTimeout() throws Exception {
    String postId = postWithActions(rebuildButton());
    mm.settings(mm.settings().newBuilder().outgoingIntegrationRequestsTimeoutSeconds(1).build());
    integration.answer(new FakeIntegration.Reply(200, "application/json", "{}", 2500));

    ApiAnswer slow = mm.clickButton("alice", postId, "rebuild");

    assertThat(slow.status()).isEqualTo(400);
    assertThat(slow.detailedError()).contains("context deadline exceeded");
  }

  @Test
  void anUpdateWithPropsButNoAttachmentsRemovesTheButtonsAndKeepsOnlyTheRetainedProps() throws Exception {
    // A webhook post: from_webhook and override_username are the props the server carries over.
    assertThat(Wire.post(mm.hookUrl(MattermostSandbox.JENKINS_HOOK), "{\"username\":\"Jenkins\",\"text\":\"failed\","
        + "\"props\":{\"card\":\"c\"},\"attachments\":[{\"title\":\"app #142\",\"actions\":" + rebuildButton()
        + "}]}").status).isEqualTo(200);
    String postId = mm.posts("factory", "builds").get(0).id();
    integration.answer(FakeIntegration.Reply.json("{\"update\":{\"message\":\"Rebuilt\",\"props\":{\"from_webhook\":"
        + "\"false\",\"override_icon_url\":\"https://evil.example/x.png\",\"note\":\"n\"}}}"));

    assertThat(mm.clickButton("alice", postId, "rebuild").status()).isEqualTo(200);

    ReceivedPost updated = mm.post(postId).orElseThrow();
    assertThat(updated.message()).isEqualTo("Rebuilt");
    assertThat(updated.attachments()).isEmpty();
    assertThat(updated.props().get("from_webhook").getAsString()).isEqualTo("true");
    assertThat(updated.props().get("override_username").getAsString()).isEqualTo("Jenkins");
    assertThat(updated.props().has("override_icon_url")).as("the original had none").isFalse();
    assertThat(updated.props().has("card")).isFalse();
    assertThat(updated.props().get("note").getAsString()).isEqualTo("n");
    assertThat(updated.isEdited()).isTrue();
  }

  @Test
  void anUpdateWithoutPropsKeepsThemWholeButItsMessageReplacesTheText() throws Exception {
    String postId = postWithActions(rebuildButton());
    integration.answer(FakeIntegration.Reply.json("{\"update\":{\"props\":null}}"));

    assertThat(mm.clickButton("alice", postId, "rebuild").status()).isEqualTo(200);

    ReceivedPost updated = mm.post(postId).orElseThrow();
    assertThat(updated.message()).as("no message in the update empties it").isEmpty();
    JsonArray actions = updated.attachments().get(0).getAsJsonArray("actions");
    assertThat(actions.get(0).getAsJsonObject().get("id").getAsString()).isEqualTo("rebuild");
  }

  @Test
  void ephemeralTextReachesTheClickerOnlyInThePostsThread() throws Exception {
    String postId = postWithActions(rebuildButton());
    integration.answer(FakeIntegration.Reply.json("{\"ephemeral_text\":\"See <https://ci.example/142|the build>\"}"));

    mm.clickButton("alice", postId, "rebuild");

    assertThat(mm.ephemeralPosts("alice")).hasSize(1);
    ReceivedPost ephemeral = mm.ephemeralPosts("alice").get(0);
    assertThat(ephemeral.message()).isEqualTo("See [the build](https://ci.example/142)");
    assertThat(ephemeral.type()).isEqualTo("system_ephemeral");
    assertThat(ephemeral.rootId()).isEqualTo(postId);
    assertThat(ephemeral.userId()).isEqualTo(mm.userId("alice"));
    assertThat(mm.ephemeralPosts("bob")).isEmpty();
    assertThat(mm.posts("factory", "builds")).hasSize(1);

    integration.answer(FakeIntegration.Reply.json("{\"ephemeral_text\":\"<https://x.example|x>\","
        + "\"skip_slack_parsing\":true}"));
    mm.clickButton("alice", postId, "rebuild");
    assertThat(mm.ephemeralPosts("alice").get(1).message()).isEqualTo("<https://x.example|x>");
  }

  @Test
  void someoneWhoCannotReadTheChannelCannotClick() throws Exception {
    String body = "{\"channel_id\":\"" + mm.channelId("factory", "ops-private") + "\",\"message\":\"x\","
        + "\"props\":{\"attachments\":[{\"actions\":" + rebuildButton() + "}]}}";
    String postId = Wire.post(mm.url() + "/api/v4/posts", body, MattermostSandbox.ADMIN_TOKEN).json().get("id")
        .getAsString();

    ApiAnswer refused = mm.clickButton("bob", postId, "rebuild");

    assertThat(refused.status()).isEqualTo(403);
    assertThat(integration.received).isEmpty();
  }

  @Test
  void noApiAnswerShowsAnActionsUrlOrContext() throws Exception {
    String postId = postWithActions(rebuildButton());

    Wire.Answer read = Wire.get(mm.url() + "/api/v4/posts/" + postId, MattermostSandbox.ALICE_TOKEN);

    JsonObject action = read.json().getAsJsonObject("props").getAsJsonArray("attachments").get(0).getAsJsonObject()
        .getAsJsonArray("actions").get(0).getAsJsonObject();
    assertThat(action.get("id").getAsString()).isEqualTo("rebuild");
    assertThat(action.has("integration")).isFalse();
    assertThat(read.body).doesNotContain("/mattermost/actions");
    assertThat(mm.clickButton("alice", postId, "rebuild").status()).as("the stored post keeps it").isEqualTo(200);
  }
}
