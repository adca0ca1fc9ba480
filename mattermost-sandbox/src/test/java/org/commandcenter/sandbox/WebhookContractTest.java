package org.commandcenter.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.commandcenter.sandbox.MattermostSandbox.JENKINS_HOOK;
import static org.commandcenter.sandbox.MattermostSandbox.LOCKED_HOOK;
import static org.commandcenter.sandbox.MattermostSandbox.TEAM;

import com.google.gson.JsonObject;
import java.nio.charset.StandardCharsets;
import java.util.List;
import okhttp3.FormBody;
import okhttp3.MediaType;
import okhttp3.Request;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Incoming webhooks answer as server/channels/web/webhook.go and app/webhook.go do. */
class WebhookContractTest extends SandboxPerClass {



  @BeforeEach
  void reset() {
    mm.clearPosts();
    mm.settings(SandboxSettings.defaults());
  }

  private static String hook() {
    return mm.hookUrl(JENKINS_HOOK);
  }

  private static void legacyIds() {
    mm.settings(SandboxSettings.builder().wrapWebhookErrors(false).build());
  }

  @Test
  void storesTextPostAndAnswersPlainOk() throws Exception {
    Wire.Answer answer = Wire.post(hook(), "{\"text\":\"Build #1 failed\"}");

    assertThat(answer.status).isEqualTo(200);
    assertThat(answer.body).isEqualTo("ok");
    assertThat(answer.header("Content-Type")).isEqualTo("text/plain");
    assertThat(answer.header("X-Request-Id")).hasSize(26);
    List<ReceivedPost> posts = mm.posts(TEAM, "builds");
    assertThat(posts).singleElement().satisfies(p -> {
      assertThat(p.message()).isEqualTo("Build #1 failed");
      assertThat(p.username()).isEqualTo("alice");
      assertThat(p.fromWebhook()).isTrue();
      assertThat(p.props().get("webhook_display_name").getAsString()).isEqualTo("Jenkins");
    });
  }

  @Test
  void readsJsonWhateverTheContentTypeSays() throws Exception {
    Wire.Answer answer = Wire.post(hook(), "{\"text\":\"plain\"}".getBytes(StandardCharsets.UTF_8),
        MediaType.get("text/plain"));

    assertThat(answer.status).isEqualTo(200);
    assertThat(mm.posts(TEAM, "builds")).extracting(ReceivedPost::message).containsExactly("plain");
  }

  @Test
  void readsSlackStylePayloadFormField() throws Exception {
    Wire.Answer answer = Wire.send(new Request.Builder().url(hook())
        .post(new FormBody.Builder().add("payload", "{\"text\":\"from a form\"}").build()).build());

    assertThat(answer.status).isEqualTo(200);
    assertThat(mm.posts(TEAM, "builds")).extracting(ReceivedPost::message).containsExactly("from a form");
  }

  @Test
  void unparsableJsonIs400WithDecodeErrorWrappedOnCurrentServers() throws Exception {
    Wire.Answer answer = Wire.post(hook(), "{\"text\": ");

    assertThat(answer.status).isEqualTo(400);
    JsonObject error = answer.json();
    assertThat(error.get("id").getAsString()).isEqualTo("web.incoming_webhook.decode.app_error");
    assertThat(error.get("detailed_error").getAsString()).isEmpty();
    assertThat(error.get("status_code").getAsInt()).isEqualTo(400);
    assertThat(error.get("request_id").getAsString()).isEqualTo(answer.header("X-Request-Id"));
    assertThat(answer.header("Content-Type")).isEqualTo("application/json");
  }

  @Test
  void unparsableJsonIsParseDataErrorOnOlderServers() throws Exception {
    legacyIds();

    assertThat(Wire.post(hook(), "not json").errorId()).isEqualTo("model.incoming_hook.parse_data.app_error");
  }

  @Test
  void developerModeShowsTheSpecificIdInDetailedError() throws Exception {
    mm.settings(SandboxSettings.builder().developerMode(true).build());

    Wire.Answer answer = Wire.post(hook(), "{\"channel\":\"nope\",\"text\":\"x\"}");

    assertThat(answer.errorId()).isEqualTo("web.incoming_webhook.general.app_error");
    assertThat(answer.json().get("detailed_error").getAsString()).contains("Couldn't find the channel");
  }

  @Test
  void oversizedBodyIsCutAndFailsToParseInsteadOf413() throws Exception {
    String text = "x".repeat(400_000);

    Wire.Answer wrapped = Wire.post(hook(), "{\"text\":\"" + text + "\"}");
    legacyIds();
    Wire.Answer legacy = Wire.post(hook(), "{\"text\":\"" + text + "\"}");

    assertThat(wrapped.status).isEqualTo(400);
    assertThat(wrapped.errorId()).isEqualTo("web.incoming_webhook.decode.app_error");
    assertThat(legacy.errorId()).isEqualTo("model.incoming_hook.parse_data.app_error");
    assertThat(mm.posts(TEAM, "builds")).isEmpty();
  }

  @Test
  void escapesRawNewlinesInTextLikeTheServer() throws Exception {
    Wire.Answer answer = Wire.post(hook(), "{\"text\":\"line one\nline two\"}");

    assertThat(answer.status).isEqualTo(200);
    assertThat(mm.posts(TEAM, "builds").get(0).message()).isEqualTo("line one\nline two");
  }

  @Test
  void disabledWebhooksAre501() throws Exception {
    mm.settings(SandboxSettings.builder().enableIncomingWebhooks(false).build());
    Wire.Answer wrapped = Wire.post(hook(), "{\"text\":\"x\"}");
    mm.settings(SandboxSettings.builder().enableIncomingWebhooks(false).wrapWebhookErrors(false).build());
    Wire.Answer legacy = Wire.post(hook(), "{\"text\":\"x\"}");

    assertThat(wrapped.status).isEqualTo(501);
    assertThat(wrapped.errorId()).isEqualTo("web.incoming_webhook.general.app_error");
    assertThat(legacy.status).isEqualTo(501);
    assertThat(legacy.errorId()).isEqualTo("web.incoming_webhook.disabled.app_error");
  }

  @Test
  void noTextAndNoAttachmentsIs400EvenForUnknownHook() throws Exception {
    legacyIds();

    Wire.Answer known = Wire.post(hook(), "{\"username\":\"x\"}");
    Wire.Answer unknown = Wire.post(mm.url() + "/hooks/doesnotexist0000000000000", "{}");

    assertThat(known.status).isEqualTo(400);
    assertThat(known.errorId()).isEqualTo("web.incoming_webhook.text.app_error");
    assertThat(unknown.errorId()).isEqualTo("web.incoming_webhook.text.app_error");
  }

  @Test
  void emptyAttachmentListCountsAsContent() throws Exception {
    assertThat(Wire.post(hook(), "{\"attachments\":[]}").status).isEqualTo(200);
  }

  @Test
  void unknownHookIs400Not404() throws Exception {
    Wire.Answer wrapped = Wire.post(mm.url() + "/hooks/doesnotexist0000000000000", "{\"text\":\"x\"}");
    legacyIds();
    Wire.Answer legacy = Wire.post(mm.url() + "/hooks/doesnotexist0000000000000", "{\"text\":\"x\"}");

    assertThat(wrapped.status).isEqualTo(400);
    assertThat(wrapped.errorId()).isEqualTo("web.incoming_webhook.general.app_error");
    assertThat(wrapped.json().get("message").getAsString()).contains("application/json");
    assertThat(legacy.status).isEqualTo(400);
    assertThat(legacy.errorId()).isEqualTo("web.incoming_webhook.invalid.app_error");
  }

  @Test
  void channelOverrideReachesOtherChannelByNameOrHash() throws Exception {
    assertThat(Wire.post(hook(), "{\"text\":\"a\",\"channel\":\"alerts\"}").status).isEqualTo(200);
    assertThat(Wire.post(hook(), "{\"text\":\"b\",\"channel\":\"#war-room\"}").status).isEqualTo(200);

    assertThat(mm.posts(TEAM, "alerts")).extracting(ReceivedPost::message).containsExactly("a");
    assertThat(mm.posts(TEAM, "war-room")).extracting(ReceivedPost::message).containsExactly("b");
  }

  @Test
  void unknownChannelOverrideIs404() throws Exception {
    Wire.Answer wrapped = Wire.post(hook(), "{\"text\":\"x\",\"channel\":\"no-such-channel\"}");
    legacyIds();
    Wire.Answer legacy = Wire.post(hook(), "{\"text\":\"x\",\"channel\":\"no-such-channel\"}");

    assertThat(wrapped.status).isEqualTo(404);
    assertThat(wrapped.errorId()).isEqualTo("web.incoming_webhook.general.app_error");
    assertThat(legacy.status).isEqualTo(404);
    assertThat(legacy.errorId()).isEqualTo("web.incoming_webhook.channel.app_error");
  }

  @Test
  void directMessageOverrideGoesToUserAndUnknownUserIs400() throws Exception {
    assertThat(Wire.post(hook(), "{\"text\":\"psst\",\"channel\":\"@bob\"}").status).isEqualTo(200);
    legacyIds();
    Wire.Answer unknown = Wire.post(hook(), "{\"text\":\"x\",\"channel\":\"@nobody\"}");

    assertThat(mm.allPosts()).singleElement().satisfies(p -> assertThat(p.message()).isEqualTo("psst"));
    assertThat(unknown.status).isEqualTo(400);
    assertThat(unknown.errorId()).isEqualTo("web.incoming_webhook.user.app_error");
  }

  @Test
  void lockedHookCannotPostElsewhere() throws Exception {
    legacyIds();

    Wire.Answer answer = Wire.post(mm.hookUrl(LOCKED_HOOK), "{\"text\":\"x\",\"channel\":\"alerts\"}");
    Wire.Answer home = Wire.post(mm.hookUrl(LOCKED_HOOK), "{\"text\":\"y\",\"channel\":\"builds\"}");

    assertThat(answer.status).isEqualTo(403);
    assertThat(answer.errorId()).isEqualTo("web.incoming_webhook.channel_locked.app_error");
    assertThat(home.status).isEqualTo(200);
  }

  @Test
  void privateChannelTheCreatorCannotReadIs403() throws Exception {
    legacyIds();

    Wire.Answer answer = Wire.post(hook(), "{\"text\":\"x\",\"channel\":\"ops-private\"}");

    assertThat(answer.status).isEqualTo(403);
    assertThat(answer.errorId()).isEqualTo("web.incoming_webhook.permissions.app_error");
    assertThat(mm.posts(TEAM, "ops-private")).isEmpty();
  }

  @Test
  void priorityWithoutLevelIs400AndWithLevelIsStored() throws Exception {
    legacyIds();

    Wire.Answer missing = Wire.post(hook(), "{\"text\":\"x\",\"priority\":{\"requested_ack\":true}}");
    Wire.Answer urgent = Wire.post(hook(), "{\"text\":\"y\",\"priority\":{\"priority\":\"urgent\",\"requested_ack\":true}}");

    assertThat(missing.status).isEqualTo(400);
    assertThat(missing.errorId()).isEqualTo("api.context.invalid_param.app_error");
    assertThat(urgent.status).isEqualTo(200);
    assertThat(mm.posts(TEAM, "builds").get(0).priority()).hasValueSatisfying(p ->
        assertThat(p.get("priority").getAsString()).isEqualTo("urgent"));
  }

  @Test
  void systemTypeIs400AndUnknownTypeIs500() throws Exception {
    legacyIds();

    Wire.Answer system = Wire.post(hook(), "{\"text\":\"x\",\"type\":\"system_join_channel\"}");
    Wire.Answer unknown = Wire.post(hook(), "{\"text\":\"x\",\"type\":\"fancy\"}");
    Wire.Answer custom = Wire.post(hook(), "{\"text\":\"x\",\"type\":\"custom_build\"}");

    assertThat(system.status).isEqualTo(400);
    assertThat(system.errorId()).isEqualTo("api.context.invalid_param.app_error");
    assertThat(unknown.status).isEqualTo(500);
    assertThat(unknown.errorId()).isEqualTo("api.post.create_webhook_post.creating.app_error");
    assertThat(custom.status).isEqualTo(200);
  }

  @Test
  void usernameAndIconOverridesAreDroppedUnlessEnabled() throws Exception {
    String body = "{\"text\":\"x\",\"username\":\"Jenkins CI\",\"icon_url\":\"https://ci.example/icon.png\"}";
    Wire.post(hook(), body);
    mm.settings(SandboxSettings.builder().enablePostUsernameOverride(true).enablePostIconOverride(true).build());
    Wire.post(hook(), body);
    Wire.post(hook(), "{\"text\":\"no name\"}");

    List<ReceivedPost> posts = mm.posts(TEAM, "builds");
    assertThat(posts.get(0).props().has("override_username")).isFalse();
    assertThat(posts.get(0).props().has("override_icon_url")).isFalse();
    assertThat(posts.get(1).displayName()).isEqualTo("Jenkins CI");
    assertThat(posts.get(1).props().get("override_icon_url").getAsString()).isEqualTo("https://ci.example/icon.png");
    assertThat(posts.get(2).displayName()).isEqualTo("webhook");
  }

  @Test
  void textOver16383CharactersIsSplitIntoSeveralPostsWithAttachmentsOnTheLast() throws Exception {
    String text = "é".repeat(16383) + "tail";
    String body = "{\"text\":\"" + text + "\",\"attachments\":[{\"color\":\"danger\",\"text\":\"att\"}]}";

    assertThat(Wire.post(hook(), body).status).isEqualTo(200);

    List<ReceivedPost> posts = mm.posts(TEAM, "builds");
    assertThat(posts).hasSize(2);
    assertThat(posts.get(0).message()).hasSize(16383);
    assertThat(posts.get(0).attachments()).isEmpty();
    assertThat(posts.get(1).message()).isEqualTo("tail");
    assertThat(posts.get(1).attachments()).hasSize(1);
    assertThat(posts.get(1).type()).isEqualTo("slack_attachment");
  }

  @Test
  void attachmentsAreNormalisedAsGoDecodesThem() throws Exception {
    String body = "{\"text\":\"<!channel> see <https://ci.example/1|build 1>\",\"attachments\":[{\"color\":\"#FF0000\","
        + "\"fields\":[{\"title\":\"Tests\",\"value\":42,\"short\":\"true\"}],\"unknown\":1}]}";

    assertThat(Wire.post(hook(), body).status).isEqualTo(200);

    ReceivedPost post = mm.posts(TEAM, "builds").get(0);
    assertThat(post.message()).isEqualTo("@channel see [build 1](https://ci.example/1)");
    JsonObject attachment = post.attachments().get(0);
    assertThat(attachment.has("unknown")).isFalse();
    assertThat(attachment.get("fallback").getAsString()).isEmpty();
    JsonObject field = attachment.getAsJsonArray("fields").get(0).getAsJsonObject();
    assertThat(field.get("value").getAsString()).isEqualTo("42");
    assertThat(field.get("short").getAsBoolean()).isTrue();
  }

  @Test
  void wrongJsonTypesAreParseErrors() throws Exception {
    legacyIds();

    assertThat(Wire.post(hook(), "{\"text\":5}").errorId()).isEqualTo("model.incoming_hook.parse_data.app_error");
    assertThat(Wire.post(hook(), "[1,2]").errorId()).isEqualTo("model.incoming_hook.parse_data.app_error");
    assertThat(Wire.post(hook(), "{\"text\":\"x\",\"attachments\":[{\"color\":1}]}").errorId())
        .isEqualTo("model.incoming_hook.parse_data.app_error");
  }

  @Test
  void attachmentsInsidePropsAreDroppedLikeTheServerDoes() throws Exception {
    // app/webhook.go CreateWebhookPost keeps props["attachments"] only as decoded []*model.SlackAttachment.
    String body = "{\"text\":\"x\",\"props\":{\"attachments\":[{\"text\":\"smuggled\"}],\"card\":\"kept\"}}";

    assertThat(Wire.post(hook(), body).status).isEqualTo(200);

    ReceivedPost post = mm.posts(TEAM, "builds").get(0);
    assertThat(post.attachments()).isEmpty();
    assertThat(post.props().has("attachments")).isFalse();
    assertThat(post.props().get("card").getAsString()).isEqualTo("kept");
  }

  @Test
  void attachmentTitlesGetSlackAnnouncementsExpanded() throws Exception {
    // app/slack.go ProcessSlackAttachments: pretext, text, title and field values.
    String body = "{\"attachments\":[{\"title\":\"<!here> <https://x.example|y>\",\"pretext\":\"<!all>\"}]}";

    assertThat(Wire.post(hook(), body).status).isEqualTo(200);

    JsonObject attachment = mm.posts(TEAM, "builds").get(0).attachments().get(0);
    assertThat(attachment.get("title").getAsString()).isEqualTo("@here <https://x.example|y>");
    assertThat(attachment.get("pretext").getAsString()).isEqualTo("@all");
  }

  private static Wire.Answer postWithContentType(String contentType, String body) throws Exception {
    return Wire.send(new Request.Builder().url(hook()).header("Content-Type", contentType)
        .post(okhttp3.RequestBody.create(body.getBytes(StandardCharsets.UTF_8), null)).build());
  }

  @Test
  void unparsableMediaTypeIs400AndABadParameterIsTolerated() throws Exception {
    // web/webhook.go: mime.ParseMediaType errors other than ErrInvalidMediaParameter are refused.
    Wire.Answer wrapped = postWithContentType("application/json/x", "{\"text\":\"a\"}");
    Wire.Answer tolerated = postWithContentType("application/json; charset", "{\"text\":\"b\"}");
    legacyIds();
    Wire.Answer legacy = postWithContentType("/json", "{\"text\":\"c\"}");

    assertThat(wrapped.status).isEqualTo(400);
    assertThat(wrapped.errorId()).isEqualTo("web.incoming_webhook.media_type.app_error");
    assertThat(tolerated.status).isEqualTo(200);
    assertThat(legacy.status).isEqualTo(400);
    assertThat(legacy.errorId()).isEqualTo("api.webhook.incoming.error");
    assertThat(mm.posts(TEAM, "builds")).extracting(ReceivedPost::message).containsExactly("b");
  }

  @Test
  void unreadableMultipartIsParseMultipartErrorOnCurrentServersAndNoTextOnOlderOnes() throws Exception {
    Wire.Answer wrapped = postWithContentType("multipart/form-data; boundary=xyz", "not multipart at all");
    legacyIds();
    Wire.Answer legacy = postWithContentType("multipart/form-data; boundary=xyz", "not multipart at all");

    assertThat(wrapped.status).isEqualTo(400);
    assertThat(wrapped.errorId()).isEqualTo("web.incoming_webhook.parse_multipart.app_error");
    assertThat(legacy.status).isEqualTo(400);
    assertThat(legacy.errorId()).isEqualTo("web.incoming_webhook.text.app_error");
  }
}
