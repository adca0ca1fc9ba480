package org.commandcenter.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.commandcenter.sandbox.MattermostSandbox.ALICE_TOKEN;
import static org.commandcenter.sandbox.MattermostSandbox.JENKINS_BOT_TOKEN;
import static org.commandcenter.sandbox.MattermostSandbox.TEAM;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.util.List;
import okhttp3.MediaType;
import okhttp3.MultipartBody;
import okhttp3.Request;
import okhttp3.RequestBody;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** REST API v4 answers as server/channels/api4 and app/post.go do. */
class RestApiContractTest extends SandboxPerClass {



  @BeforeEach
  void reset() {
    mm.clearPosts();
    mm.settings(SandboxSettings.defaults());
  }

  private static String posts() {
    return mm.url() + "/api/v4/posts";
  }

  private static String post(String channel, String message) {
    return "{\"channel_id\":\"" + mm.channelId(TEAM, channel) + "\",\"message\":\"" + message + "\"}";
  }

  @Test
  void missingOrWrongTokenIs401SessionExpired() throws Exception {
    Wire.Answer none = Wire.post(posts(), post("builds", "x"));
    Wire.Answer wrong = Wire.post(posts(), post("builds", "x"), "not-a-token");

    assertThat(none.status).isEqualTo(401);
    assertThat(none.errorId()).isEqualTo("api.context.session_expired.app_error");
    assertThat(wrong.status).isEqualTo(401);
    assertThat(wrong.errorId()).isEqualTo("api.context.session_expired.app_error");
    assertThat(mm.allPosts()).isEmpty();
  }

  @Test
  void createsPostWith201AndReturnsIt() throws Exception {
    Wire.Answer answer = Wire.post(posts(), post("builds", "Build **green**"), JENKINS_BOT_TOKEN);

    assertThat(answer.status).isEqualTo(201);
    JsonObject created = answer.json();
    assertThat(created.get("id").getAsString()).hasSize(26);
    assertThat(created.get("message").getAsString()).isEqualTo("Build **green**");
    assertThat(created.getAsJsonObject("props").get("from_bot").getAsString()).isEqualTo("true");
    assertThat(mm.posts(TEAM, "builds")).singleElement().satisfies(p -> {
      assertThat(p.id()).isEqualTo(created.get("id").getAsString());
      assertThat(p.username()).isEqualTo("jenkins-bot");
    });
  }

  @Test
  void textOver16383CharactersIsRejectedWithTheServersId() throws Exception {
    String body = post("builds", "x".repeat(16384));

    Wire.Answer current = Wire.post(posts(), body, JENKINS_BOT_TOKEN);
    mm.settings(SandboxSettings.builder().legacyMessageLengthErrorId(true).build());
    Wire.Answer older = Wire.post(posts(), body, JENKINS_BOT_TOKEN);

    assertThat(current.status).isEqualTo(400);
    assertThat(current.errorId()).isEqualTo("model.post.is_valid.message_length.app_error");
    assertThat(older.status).isEqualTo(400);
    assertThat(older.errorId()).isEqualTo("model.post.is_valid.msg.app_error");
    assertThat(Wire.post(posts(), post("builds", "x".repeat(16383)), JENKINS_BOT_TOKEN).status).isEqualTo(201);
  }

  @Test
  void unknownOrForbiddenChannelIs403NotFound() throws Exception {
    Wire.Answer unknown = Wire.post(posts(), "{\"channel_id\":\"aaaaaaaaaaaaaaaaaaaaaaaaaa\",\"message\":\"x\"}",
        JENKINS_BOT_TOKEN);
    Wire.Answer forbidden = Wire.post(posts(), post("ops-private", "x"), JENKINS_BOT_TOKEN);

    assertThat(unknown.status).isEqualTo(403);
    assertThat(unknown.errorId()).isEqualTo("api.context.permissions.app_error");
    assertThat(forbidden.status).isEqualTo(403);
    assertThat(forbidden.errorId()).isEqualTo("api.context.permissions.app_error");
  }

  @Test
  void unknownNonSystemTypeIs400AndSystemTypeIsInvalidParam() throws Exception {
    String channel = mm.channelId(TEAM, "builds");
    Wire.Answer unknown = Wire.post(posts(), "{\"channel_id\":\"" + channel + "\",\"message\":\"x\",\"type\":\"fancy\"}",
        JENKINS_BOT_TOKEN);
    Wire.Answer system = Wire.post(posts(),
        "{\"channel_id\":\"" + channel + "\",\"message\":\"x\",\"type\":\"system_join_channel\"}", JENKINS_BOT_TOKEN);

    assertThat(unknown.status).isEqualTo(400);
    assertThat(unknown.errorId()).isEqualTo("model.post.is_valid.type.app_error");
    assertThat(system.status).isEqualTo(400);
    assertThat(system.errorId()).isEqualTo("api.context.invalid_param.app_error");
  }

  @Test
  void repliesHangUnderTheirRoot() throws Exception {
    String rootId = Wire.post(posts(), post("builds", "root"), JENKINS_BOT_TOKEN).json().get("id").getAsString();
    String channel = mm.channelId(TEAM, "builds");

    Wire.Answer reply = Wire.post(posts(),
        "{\"channel_id\":\"" + channel + "\",\"message\":\"reply\",\"root_id\":\"" + rootId + "\"}", JENKINS_BOT_TOKEN);
    Wire.Answer badRoot = Wire.post(posts(),
        "{\"channel_id\":\"" + channel + "\",\"message\":\"x\",\"root_id\":\"aaaaaaaaaaaaaaaaaaaaaaaaaa\"}", JENKINS_BOT_TOKEN);

    assertThat(reply.status).isEqualTo(201);
    assertThat(mm.posts(TEAM, "builds")).extracting(ReceivedPost::rootId).containsExactly("", rootId);
    assertThat(badRoot.status).isEqualTo(400);
    assertThat(badRoot.errorId()).isEqualTo("api.post.create_post.root_id.app_error");
    assertThat(Wire.get(posts() + "/" + rootId, JENKINS_BOT_TOKEN).json().get("reply_count").getAsInt()).isEqualTo(1);
  }

  @Test
  void patchReplacesPropsWholesaleAndMovesEditAtOnlyForVisibleChanges() throws Exception {
    String channel = mm.channelId(TEAM, "builds");
    JsonObject created = Wire.post(posts(), "{\"channel_id\":\"" + channel + "\",\"message\":\"building\","
        + "\"props\":{\"attachments\":[{\"color\":\"warning\",\"text\":\"running\"}],\"build\":\"42\"}}",
        JENKINS_BOT_TOKEN).json();
    String url = posts() + "/" + created.get("id").getAsString() + "/patch";

    JsonObject samePin = Wire.put(url, "{\"is_pinned\":true}", JENKINS_BOT_TOKEN).json();
    JsonObject newProps = Wire.put(url, "{\"props\":{\"attachments\":[{\"color\":\"good\",\"text\":\"passed\"}]}}",
        JENKINS_BOT_TOKEN).json();

    assertThat(samePin.get("edit_at").getAsLong()).isZero();
    assertThat(newProps.get("edit_at").getAsLong()).isPositive();
    assertThat(newProps.getAsJsonObject("props").has("build")).isFalse();
    ReceivedPost stored = mm.posts(TEAM, "builds").get(0);
    assertThat(stored.attachments().get(0).get("text").getAsString()).isEqualTo("passed");
    assertThat(stored.isEdited()).isTrue();
  }

  @Test
  void patchOfSomeoneElsesPostIs403() throws Exception {
    String id = Wire.post(posts(), post("builds", "mine"), JENKINS_BOT_TOKEN).json().get("id").getAsString();

    Wire.Answer answer = Wire.put(posts() + "/" + id + "/patch", "{\"message\":\"yours\"}", ALICE_TOKEN);

    assertThat(answer.status).isEqualTo(403);
    assertThat(answer.errorId()).isEqualTo("api.context.permissions.app_error");
  }

  @Test
  void uploadedFilesAttachThroughFileIds() throws Exception {
    String channel = mm.channelId(TEAM, "builds");
    RequestBody multipart = new MultipartBody.Builder().setType(MultipartBody.FORM)
        .addFormDataPart("channel_id", channel)
        .addFormDataPart("files", "console.log", RequestBody.create("BUILD FAILED\n", MediaType.get("text/plain")))
        .build();
    Wire.Answer upload = Wire.send(new Request.Builder().url(mm.url() + "/api/v4/files")
        .header("Authorization", "Bearer " + JENKINS_BOT_TOKEN).post(multipart).build());
    String fileId = upload.json().getAsJsonArray("file_infos").get(0).getAsJsonObject().get("id").getAsString();

    Wire.Answer created = Wire.post(posts(), "{\"channel_id\":\"" + channel + "\",\"message\":\"log\",\"file_ids\":[\""
        + fileId + "\"]}", JENKINS_BOT_TOKEN);

    assertThat(upload.status).isEqualTo(201);
    assertThat(created.status).isEqualTo(201);
    assertThat(mm.posts(TEAM, "builds").get(0).fileIds()).containsExactly(fileId);
    assertThat(Wire.get(mm.url() + "/_sandbox/files/" + fileId).body).isEqualTo("BUILD FAILED\n");
  }

  @Test
  void usersAndChannelsAreLookedUp() throws Exception {
    JsonObject me = Wire.get(mm.url() + "/api/v4/users/me", JENKINS_BOT_TOKEN).json();
    Wire.Answer alice = Wire.get(mm.url() + "/api/v4/users/email/alice@example.com", JENKINS_BOT_TOKEN);
    Wire.Answer nobody = Wire.get(mm.url() + "/api/v4/users/email/nobody@example.com", JENKINS_BOT_TOKEN);
    Wire.Answer channel = Wire.get(mm.url() + "/api/v4/teams/name/factory/channels/name/builds", JENKINS_BOT_TOKEN);
    Wire.Answer missing = Wire.get(mm.url() + "/api/v4/teams/name/factory/channels/name/nope", JENKINS_BOT_TOKEN);
    Wire.Answer hidden = Wire.get(mm.url() + "/api/v4/teams/name/factory/channels/name/ops-private", JENKINS_BOT_TOKEN);

    assertThat(me.get("username").getAsString()).isEqualTo("jenkins-bot");
    assertThat(me.get("is_bot").getAsBoolean()).isTrue();
    assertThat(alice.json().get("id").getAsString()).isEqualTo(mm.userId("alice"));
    assertThat(nobody.status).isEqualTo(404);
    assertThat(nobody.errorId()).isEqualTo("app.user.missing_account.const");
    assertThat(channel.json().get("id").getAsString()).isEqualTo(mm.channelId(TEAM, "builds"));
    assertThat(missing.status).isEqualTo(404);
    assertThat(missing.errorId()).isEqualTo("app.channel.get_by_name.missing.app_error");
    assertThat(hidden.status).isEqualTo(404);
  }

  @Test
  void oversizedBodyIs413() throws Exception {
    Wire.Answer answer = Wire.post(posts(), post("builds", "x".repeat(310_000)), JENKINS_BOT_TOKEN);

    assertThat(answer.status).isEqualTo(413);
    assertThat(answer.errorId()).isEqualTo("api.context.request_body_too_large.app_error");
  }

  @Test
  void pendingPostIdDeduplicatesForThirtySeconds() throws Exception {
    String channel = mm.channelId(TEAM, "builds");
    String body = "{\"channel_id\":\"" + channel + "\",\"message\":\"once\",\"pending_post_id\":\"retry-key-1\"}";

    JsonObject first = Wire.post(posts(), body, JENKINS_BOT_TOKEN).json();
    Wire.Answer second = Wire.post(posts(), body, JENKINS_BOT_TOKEN);

    assertThat(second.status).isEqualTo(201);
    assertThat(second.json().get("id").getAsString()).isEqualTo(first.get("id").getAsString());
    assertThat(mm.posts(TEAM, "builds")).hasSize(1);
  }

  @Test
  void failedCreateFreesThePendingPostId() throws Exception {
    String channel = mm.channelId(TEAM, "builds");
    String tooLong = "{\"channel_id\":\"" + channel + "\",\"message\":\"" + "x".repeat(16384)
        + "\",\"pending_post_id\":\"retry-key-2\"}";
    String fine = "{\"channel_id\":\"" + channel + "\",\"message\":\"ok\",\"pending_post_id\":\"retry-key-2\"}";

    assertThat(Wire.post(posts(), tooLong, JENKINS_BOT_TOKEN).status).isEqualTo(400);
    assertThat(Wire.post(posts(), fine, JENKINS_BOT_TOKEN).status).isEqualTo(201);

    assertThat(mm.posts(TEAM, "builds")).extracting(ReceivedPost::message).containsExactly("ok");
  }

  @Test
  void priorityIsOnlyForRootPosts() throws Exception {
    String channel = mm.channelId(TEAM, "builds");
    String rootId = Wire.post(posts(), post("builds", "root"), JENKINS_BOT_TOKEN).json().get("id").getAsString();

    Wire.Answer root = Wire.post(posts(), "{\"channel_id\":\"" + channel + "\",\"message\":\"x\","
        + "\"metadata\":{\"priority\":{\"priority\":\"urgent\",\"requested_ack\":true}}}", JENKINS_BOT_TOKEN);
    Wire.Answer reply = Wire.post(posts(), "{\"channel_id\":\"" + channel + "\",\"message\":\"x\",\"root_id\":\"" + rootId
        + "\",\"metadata\":{\"priority\":{\"priority\":\"urgent\"}}}", JENKINS_BOT_TOKEN);

    assertThat(root.status).isEqualTo(201);
    assertThat(root.json().getAsJsonObject("metadata").getAsJsonObject("priority").get("priority").getAsString())
        .isEqualTo("urgent");
    assertThat(reply.status).isEqualTo(400);
  }

  @Test
  void unknownRouteIs404AppError() throws Exception {
    Wire.Answer answer = Wire.get(mm.url() + "/api/v4/nothing/here", JENKINS_BOT_TOKEN);

    assertThat(answer.status).isEqualTo(404);
    assertThat(answer.errorId()).isEqualTo("api.context.404.app_error");
  }

  @Test
  void pingAndClientConfigNeedNoSession() throws Exception {
    assertThat(Wire.get(mm.url() + "/api/v4/system/ping").json().get("status").getAsString()).isEqualTo("OK");
    assertThat(Wire.get(mm.url() + "/api/v4/config/client?format=old").json().get("Version").getAsString())
        .isEqualTo("10.11.0");
    assertThat(Wire.get(mm.url() + "/api/v4/config/client").status).isEqualTo(501);
  }

  @Test
  void jsonEndpointListsPostsPerChannelInOrder() throws Exception {
    Wire.post(posts(), post("builds", "one"), JENKINS_BOT_TOKEN);
    Wire.post(posts(), post("builds", "two"), JENKINS_BOT_TOKEN);

    JsonObject all = JsonParser.parseString(Wire.get(mm.url() + "/_sandbox/posts?team=factory&channel=builds").body)
        .getAsJsonObject();

    List<String> messages = new java.util.ArrayList<>();
    all.getAsJsonArray("channels").get(0).getAsJsonObject().getAsJsonArray("posts")
        .forEach(p -> messages.add(p.getAsJsonObject().get("message").getAsString()));
    assertThat(messages).containsExactly("one", "two");
  }

  @Test
  void acknowledgementAndPersistentNotificationsNeedAProfessionalLicence() throws Exception {
    mm.settings(SandboxSettings.builder().professionalLicense(false).build());
    String channelId = mm.channelId(TEAM, "builds");

    Wire.Answer ack = Wire.post(posts(), "{\"channel_id\":\"" + channelId + "\",\"message\":\"x\","
        + "\"metadata\":{\"priority\":{\"priority\":\"urgent\",\"requested_ack\":true}}}", JENKINS_BOT_TOKEN);
    Wire.Answer plain = Wire.post(posts(), "{\"channel_id\":\"" + channelId + "\",\"message\":\"y\","
        + "\"metadata\":{\"priority\":{\"priority\":\"urgent\"}}}", JENKINS_BOT_TOKEN);

    // post_permission_utils.go postPriorityCheck -> model.MinimumProfessionalProvidedLicense: 501.
    assertThat(ack.status).isEqualTo(501);
    assertThat(ack.errorId()).isEqualTo("NoTranslation");
    assertThat(plain.status).isEqualTo(201);
    assertThat(mm.posts(TEAM, "builds")).extracting(ReceivedPost::message).containsExactly("y");
  }

  @Test
  void teamByNameIsReadableWithATokenAndMissingTeamsAre404() throws Exception {
    // api4/team.go getTeamByName.
    Wire.Answer found = Wire.get(mm.url() + "/api/v4/teams/name/" + TEAM, JENKINS_BOT_TOKEN);
    Wire.Answer missing = Wire.get(mm.url() + "/api/v4/teams/name/no-such-team", JENKINS_BOT_TOKEN);
    Wire.Answer anonymous = Wire.get(mm.url() + "/api/v4/teams/name/" + TEAM);

    assertThat(found.status).isEqualTo(200);
    assertThat(found.json().get("id").getAsString()).isEqualTo(mm.teamId(TEAM));
    assertThat(found.json().get("name").getAsString()).isEqualTo(TEAM);
    assertThat(found.json().get("display_name").getAsString()).isEqualTo("Software Factory");
    assertThat(found.json().get("type").getAsString()).isEqualTo("O");
    assertThat(missing.status).isEqualTo(404);
    assertThat(missing.errorId()).isEqualTo("app.team.get_by_name.missing.app_error");
    assertThat(anonymous.status).isEqualTo(401);
  }

  private static Wire.Answer persistent(String channel, String message) throws Exception {
    return Wire.post(posts(), "{\"channel_id\":\"" + mm.channelId(TEAM, channel) + "\",\"message\":\"" + message + "\","
        + "\"metadata\":{\"priority\":{\"priority\":\"urgent\",\"persistent_notifications\":true}}}", JENKINS_BOT_TOKEN);
  }

  @Test
  void persistentNotificationsNeedAnAtMentionOfAHumanChannelMember() throws Exception {
    // app/post.go CreatePost + persistentNotificationsAuxiliaryData: keywords are "@username" of non-bot members.
    Wire.Answer member = persistent("builds", "Build broke, @alice please look.");
    Wire.Answer notMember = persistent("builds", "@bob please look");
    Wire.Answer bot = persistent("builds", "@jenkins-bot please look");
    Wire.Answer inCode = persistent("builds", "see `@alice`");
    Wire.Answer nobody = persistent("builds", "nobody to notify");

    assertThat(member.status).isEqualTo(201);
    for (Wire.Answer refused : List.of(notMember, bot, inCode, nobody)) {
      assertThat(refused.status).isEqualTo(500);
      assertThat(refused.errorId())
          .isEqualTo("api.post.post_priority.persistent_notification_validation_error.request_error");
    }
    assertThat(mm.posts(TEAM, "builds")).extracting(ReceivedPost::message).containsExactly("Build broke, @alice please look.");
  }
}
