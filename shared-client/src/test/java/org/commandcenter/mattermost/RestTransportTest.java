package org.commandcenter.mattermost;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class RestTransportTest {
  private static final String CHANNEL_JSON = "{\"id\":\"" + Wire.CHANNEL_ID + "\",\"name\":\"builds\","
      + "\"display_name\":\"Builds\",\"team_id\":\"" + Wire.TEAM_ID + "\",\"type\":\"O\"}";

  private final MockWebServer server = new MockWebServer();
  private final RecordingSleeper sleeper = new RecordingSleeper();
  private MattermostClient client;

  @BeforeEach
  void start() throws Exception {
    server.start();
    client = Wire.rest(server, sleeper).build();
  }

  @AfterEach
  void stop() {
    server.close();
  }

  @Test
  void createsPostInChannelResolvedByTeamAndName() throws Exception {
    server.enqueue(Wire.json(200, CHANNEL_JSON));
    server.enqueue(Wire.created(Wire.postId(1)));
    server.enqueue(Wire.created(Wire.postId(2)));

    PostResult first = client.send(Post.builder().text("Build failed").channel("builds").build());
    PostResult second = client.send(Post.builder().text("Build fixed").channel("builds").build());

    assertThat(first.postId()).isEqualTo(Wire.postId(1));
    assertThat(first.channelId()).isEqualTo(Wire.CHANNEL_ID);
    assertThat(first.postIds()).containsExactly(Wire.postId(1));
    assertThat(second.postId()).isEqualTo(Wire.postId(2));

    RecordedRequest lookup = Wire.take(server);
    assertThat(lookup.getMethod()).isEqualTo("GET");
    assertThat(lookup.getUrl().encodedPath()).isEqualTo("/api/v4/teams/name/dev/channels/name/builds");
    assertThat(lookup.getHeaders().get("Authorization")).isEqualTo("Bearer " + Wire.TOKEN);

    RecordedRequest create = Wire.take(server);
    assertThat(create.getMethod()).isEqualTo("POST");
    assertThat(create.getUrl().encodedPath()).isEqualTo("/api/v4/posts");
    assertThat(create.getUrl().queryParameter("set_online")).isEqualTo("false");
    assertThat(create.getHeaders().get("Authorization")).isEqualTo("Bearer " + Wire.TOKEN);
    assertThat(create.getHeaders().get("Content-Type")).isEqualTo("application/json; charset=utf-8");
    JsonObject body = Wire.body(create);
    assertThat(body.get("channel_id").getAsString()).isEqualTo(Wire.CHANNEL_ID);
    assertThat(body.get("message").getAsString()).isEqualTo("Build failed");
    assertThat(body.get("pending_post_id").getAsString()).matches("[a-z0-9]{26}");
    assertThat(body.has("root_id")).isFalse();

    // The channel id is cached: the second send went straight to /posts.
    assertThat(Wire.take(server).getUrl().encodedPath()).isEqualTo("/api/v4/posts");
    assertThat(server.getRequestCount()).isEqualTo(3);
  }

  @Test
  void sendsAttachmentsOverridesAndPriorityInRestShape() throws Exception {
    server.enqueue(Wire.created(Wire.postId(1)));
    client.send(Post.builder().text("alert").channel(Wire.CHANNEL_ID).username("sonar").iconEmoji(":x:")
        .priority(Priority.builder(Priority.Level.IMPORTANT).requestedAck(true).build())
        .addAttachment(Attachment.builder().color("#ff0000").title("Gate").build())
        .prop("card", "c").addFileId("file0000000000000000000001").build());

    JsonObject body = Wire.body(Wire.take(server));
    // The delivery marker: which send, step and part this post is, so a repeat can be recognised.
    assertThat(body.getAsJsonObject("props").remove("command_center_delivery").getAsString())
        .matches("[a-z0-9]{26}:0:0");
    JsonObject expectedProps = JsonParser.parseString("{\"card\":\"c\","
        + "\"attachments\":[{\"color\":\"#ff0000\",\"title\":\"Gate\"}],"
        + "\"from_webhook\":\"true\",\"override_username\":\"sonar\",\"override_icon_emoji\":\":x:\"}")
        .getAsJsonObject();
    assertThat(body.getAsJsonObject("props")).isEqualTo(expectedProps);
    assertThat(body.getAsJsonObject("metadata")).isEqualTo(JsonParser.parseString(
        "{\"priority\":{\"priority\":\"important\",\"requested_ack\":true,\"persistent_notifications\":false}}"));
    assertThat(body.getAsJsonArray("file_ids").get(0).getAsString()).isEqualTo("file0000000000000000000001");
  }

  @Test
  void repliesInThread() throws Exception {
    server.enqueue(Wire.created(Wire.postId(2)));
    PostResult result = client.reply(Wire.postId(1), Post.builder().text("details").channel(Wire.CHANNEL_ID).build());
    assertThat(Wire.body(Wire.take(server)).get("root_id").getAsString()).isEqualTo(Wire.postId(1));
    assertThat(result.rootId()).isEqualTo(Wire.postId(1));
  }

  @Test
  void splitsLongTextIntoRootPostAndContinuationReplies() throws Exception {
    int limit = TextSplitter.MAX_POST_RUNES;
    StringBuilder text = new StringBuilder();
    while (text.codePointCount(0, text.length()) < limit * 2 + 100) {
      text.append("A line of the console log with a smiley \uD83D\uDE00 in it.\n");
    }
    server.enqueue(Wire.created(Wire.postId(1)));
    server.enqueue(Wire.created(Wire.postId(2)));
    server.enqueue(Wire.created(Wire.postId(3)));

    PostResult result = client.send(Post.builder().text(text.toString()).channel(Wire.CHANNEL_ID)
        .addAttachment(Attachment.builder().text("summary").build()).priority(Priority.urgent()).build());

    assertThat(result.postIds()).containsExactly(Wire.postId(1), Wire.postId(2), Wire.postId(3));
    assertThat(result.rootId()).isEqualTo(Wire.postId(1));
    List<String> pendingIds = new ArrayList<>();
    StringBuilder joined = new StringBuilder();
    for (int i = 0; i < 3; i++) {
      JsonObject body = Wire.body(Wire.take(server));
      String message = body.get("message").getAsString();
      assertThat(message.codePointCount(0, message.length())).isLessThanOrEqualTo(limit);
      assertThat(Character.isHighSurrogate(message.charAt(message.length() - 1))).isFalse();
      assertThat(body.has("root_id")).isEqualTo(i > 0);
      if (i > 0) {
        assertThat(body.get("root_id").getAsString()).isEqualTo(Wire.postId(1));
      }
      assertThat(body.getAsJsonObject("props").has("attachments")).isEqualTo(i == 0);
      assertThat(body.has("metadata")).isEqualTo(i == 0);
      pendingIds.add(body.get("pending_post_id").getAsString());
      joined.append(message).append('\n');
    }
    assertThat(pendingIds).doesNotHaveDuplicates();
    assertThat(joined.toString()).isEqualTo(text.toString());
  }

  @Test
  void updatesPostInPlaceResendingAttachments() throws Exception {
    server.enqueue(Wire.json(200, "{\"id\":\"" + Wire.postId(1) + "\",\"channel_id\":\"" + Wire.CHANNEL_ID
        + "\",\"root_id\":\"\"}"));
    PostResult result = client.update(Wire.postId(1), Post.builder().text("Build fixed")
        .addAttachment(Attachment.builder().color("good").text("green again").build()).build());

    RecordedRequest request = Wire.take(server);
    assertThat(request.getMethod()).isEqualTo("PUT");
    assertThat(request.getUrl().encodedPath()).isEqualTo("/api/v4/posts/" + Wire.postId(1) + "/patch");
    assertThat(request.getHeaders().get("Authorization")).isEqualTo("Bearer " + Wire.TOKEN);
    assertThat(Wire.body(request)).isEqualTo(JsonParser.parseString("{\"message\":\"Build fixed\","
        + "\"props\":{\"attachments\":[{\"color\":\"good\",\"text\":\"green again\"}]}}"));
    assertThat(result.postId()).isEqualTo(Wire.postId(1));
    assertThat(result.rootId()).isNull();
  }

  @Test
  void uploadsFileAsMultipartWithChannelFirst() throws Exception {
    server.enqueue(Wire.json(201, "{\"file_infos\":[{\"id\":\"file0000000000000000000001\",\"name\":\"log.txt\"}],"
        + "\"client_ids\":[]}"));
    String fileId = client.uploadFile(Wire.CHANNEL_ID, "log.txt", "tail of log".getBytes(StandardCharsets.UTF_8));

    assertThat(fileId).isEqualTo("file0000000000000000000001");
    RecordedRequest request = Wire.take(server);
    assertThat(request.getMethod()).isEqualTo("POST");
    assertThat(request.getUrl().encodedPath()).isEqualTo("/api/v4/files");
    assertThat(request.getHeaders().get("Content-Type")).startsWith("multipart/form-data; boundary=");
    String body = request.getBody().utf8();
    assertThat(body).contains("Content-Disposition: form-data; name=\"channel_id\"\r\n");
    assertThat(body).contains("Content-Disposition: form-data; name=\"files\"; filename=\"log.txt\"");
    assertThat(body.indexOf("name=\"channel_id\"")).isLessThan(body.indexOf("name=\"files\""));
    assertThat(body).contains(Wire.CHANNEL_ID).contains("tail of log");
  }

  @Test
  void findsUserByEmailAndReportsMissingOnes() throws Exception {
    server.enqueue(Wire.json(200, "{\"id\":\"user0000000000000000000001\",\"username\":\"alice\","
        + "\"email\":\"alice@example.com\",\"is_bot\":false,\"roles\":\"system_user\"}"));
    server.enqueue(Wire.appError(404, "app.user.missing_account.const", "Unable to find the user."));

    Optional<User> alice = client.userByEmail("alice@example.com");
    Optional<User> nobody = client.userByEmail("nobody@example.com");

    assertThat(alice).get().extracting(User::username).isEqualTo("alice");
    assertThat(nobody).isEmpty();
    assertThat(Wire.take(server).getUrl().encodedPath()).isEqualTo("/api/v4/users/email/alice@example.com");
  }

  @Test
  void readsCurrentUser() throws Exception {
    server.enqueue(Wire.json(200, "{\"id\":\"user0000000000000000000002\",\"username\":\"jenkins-bot\","
        + "\"email\":\"\",\"is_bot\":true,\"roles\":\"system_user\"}"));
    User me = client.me();
    assertThat(me.isBot()).isTrue();
    assertThat(me.username()).isEqualTo("jenkins-bot");
    RecordedRequest request = Wire.take(server);
    assertThat(request.getMethod()).isEqualTo("GET");
    assertThat(request.getUrl().encodedPath()).isEqualTo("/api/v4/users/me");
  }

  @Test
  void invalidTokenIsNotRetried() {
    server.enqueue(Wire.appError(401, "api.context.session_expired.app_error", "Invalid or expired session"));
    assertThatThrownBy(client::me).isInstanceOfSatisfying(MattermostException.class, e -> {
      assertThat(e.statusCode()).isEqualTo(401);
      assertThat(e.errorId()).isEqualTo("api.context.session_expired.app_error");
      assertThat(e.isRetryable()).isFalse();
    });
    assertThat(server.getRequestCount()).isEqualTo(1);
  }

  @Test
  void directMessageOpensTheDmChannelOnce() throws Exception {
    String dmId = "dmch0000000000000000000001";
    server.enqueue(Wire.json(200, "{\"id\":\"user0000000000000000000001\",\"username\":\"alice\"}"));
    server.enqueue(Wire.json(200, "{\"id\":\"bot00000000000000000000001\",\"username\":\"ci-bot\",\"is_bot\":true}"));
    server.enqueue(Wire.json(201, "{\"id\":\"" + dmId + "\",\"name\":\"bot00000000000000000000001__user0000000000000000000001\",\"type\":\"D\"}"));
    server.enqueue(Wire.created(Wire.postId(1)));
    server.enqueue(Wire.created(Wire.postId(2)));

    client.send(Post.builder().text("your build broke").channel("@alice").build());
    client.send(Post.builder().text("and it is fixed").channel("@alice").build());

    assertThat(Wire.take(server).getUrl().encodedPath()).isEqualTo("/api/v4/users/username/alice");
    assertThat(Wire.take(server).getUrl().encodedPath()).isEqualTo("/api/v4/users/me");
    RecordedRequest direct = Wire.take(server);
    assertThat(direct.getMethod()).isEqualTo("POST");
    assertThat(direct.getUrl().encodedPath()).isEqualTo("/api/v4/channels/direct");
    assertThat(direct.getBody().utf8()).isEqualTo("[\"bot00000000000000000000001\",\"user0000000000000000000001\"]");
    assertThat(Wire.body(Wire.take(server)).get("channel_id").getAsString()).isEqualTo(dmId);
    assertThat(Wire.body(Wire.take(server)).get("channel_id").getAsString()).isEqualTo(dmId);
    assertThat(server.getRequestCount()).isEqualTo(5);
  }

  @Test
  void channelNameNeedsTeam() {
    MattermostClient noTeam = client.newBuilder().team(null).build();
    assertThatThrownBy(() -> noTeam.send(Post.builder().text("x").channel("builds").build()))
        .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("team: ");
    assertThatThrownBy(() -> client.send(Post.builder().text("x").build()))
        .hasMessageStartingWith("channel: ");
  }

  @Test
  void updateRefusesTextThatDoesNotFit() {
    String tooLong = "x".repeat(TextSplitter.MAX_POST_RUNES + 1);
    assertThatThrownBy(() -> client.update(Wire.postId(1), Post.builder().text(tooLong).build()))
        .hasMessageStartingWith("text: ");
  }
}
