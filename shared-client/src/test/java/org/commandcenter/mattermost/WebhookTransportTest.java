package org.commandcenter.mattermost;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class WebhookTransportTest {
  private final MockWebServer server = new MockWebServer();
  private final RecordingSleeper sleeper = new RecordingSleeper();
  private MattermostClient client;

  @BeforeEach
  void start() throws Exception {
    server.start();
    client = Wire.webhook(server, sleeper).build();
  }

  @AfterEach
  void stop() {
    server.close();
  }

  @Test
  void postsFailureAttachmentAsWebhookJson() throws Exception {
    server.enqueue(Wire.ok());
    Post post = Post.builder()
        .text("Build **failed** @alice")
        .channel("builds")
        .username("jenkins")
        .iconUrl("https://ci.example/icon.png")
        .iconEmoji(":rotating_light:")
        .priority(Priority.builder(Priority.Level.URGENT).requestedAck(true).persistentNotifications(true).build())
        .prop("card", "More <details>")
        .addAttachment(Attachment.builder()
            .fallback("Build #42 failed")
            .color("danger")
            .pretext("pre")
            .text("Tests failed")
            .authorName("alice").authorLink("https://git.example/alice").authorIcon("https://git.example/a.png")
            .title("api #42").titleLink("https://ci.example/job/api/42/")
            .addField(Field.of("Branch", "main", true))
            .imageUrl("https://ci.example/i.png").thumbUrl("https://ci.example/t.png")
            .footer("Jenkins").footerIcon("https://ci.example/f.png")
            .build())
        .build();

    PostResult result = client.send(post);

    assertThat(result.postId()).isNull();
    assertThat(result.postIds()).isEmpty();
    RecordedRequest request = Wire.take(server);
    assertThat(request.getMethod()).isEqualTo("POST");
    assertThat(request.getUrl().encodedPath()).isEqualTo("/hooks/" + Wire.HOOK_KEY);
    assertThat(request.getHeaders().get("Content-Type")).isEqualTo("application/json; charset=utf-8");
    assertThat(request.getHeaders().get("Authorization")).isNull();
    JsonObject expected = JsonParser.parseString("{"
        + "\"text\":\"Build **failed** @alice\",\"channel\":\"builds\",\"username\":\"jenkins\","
        + "\"icon_url\":\"https://ci.example/icon.png\",\"icon_emoji\":\":rotating_light:\","
        + "\"attachments\":[{\"fallback\":\"Build #42 failed\",\"color\":\"danger\",\"pretext\":\"pre\","
        + "\"text\":\"Tests failed\",\"author_name\":\"alice\",\"author_link\":\"https://git.example/alice\","
        + "\"author_icon\":\"https://git.example/a.png\",\"title\":\"api #42\","
        + "\"title_link\":\"https://ci.example/job/api/42/\","
        + "\"fields\":[{\"title\":\"Branch\",\"value\":\"main\",\"short\":true}],"
        + "\"image_url\":\"https://ci.example/i.png\",\"thumb_url\":\"https://ci.example/t.png\","
        + "\"footer\":\"Jenkins\",\"footer_icon\":\"https://ci.example/f.png\"}],"
        + "\"props\":{\"card\":\"More <details>\"},"
        + "\"priority\":{\"priority\":\"urgent\",\"requested_ack\":true,\"persistent_notifications\":true}"
        + "}").getAsJsonObject();
    assertThat(Wire.body(request)).isEqualTo(expected);
    assertThat(request.getBody().utf8()).contains("<details>"); // no HTML escaping
  }

  @Test
  void sendsTildeChannelNamesAsPlainNamesTheServerUnderstands() throws Exception {
    server.enqueue(Wire.ok());
    server.enqueue(Wire.ok());

    client.send(Post.builder().text("x").channel("~builds").build());
    client.send(Post.builder().text("y").channel("@alice").build());

    assertThat(Wire.body(Wire.take(server)).get("channel").getAsString()).isEqualTo("builds");
    assertThat(Wire.body(Wire.take(server)).get("channel").getAsString()).isEqualTo("@alice");
  }

  @Test
  void splitsLongTextIntoSequentialPostsWithAttachmentsOnTheFirst() throws Exception {
    MattermostClient small = client.newBuilder().maxMessageLength(100).build();
    StringBuilder text = new StringBuilder();
    for (int i = 0; i < 12; i++) {
      text.append("line ").append(i).append(" of the build log\n");
    }
    server.enqueue(Wire.ok());
    server.enqueue(Wire.ok());
    server.enqueue(Wire.ok());
    small.send(Post.builder().text(text.toString()).channel("builds")
        .addAttachment(Attachment.builder().text("summary").build()).build());

    assertThat(server.getRequestCount()).isEqualTo(3);
    StringBuilder joined = new StringBuilder();
    for (int i = 0; i < 3; i++) {
      JsonObject body = Wire.body(Wire.take(server));
      assertThat(body.get("text").getAsString().codePointCount(0, body.get("text").getAsString().length()))
          .isLessThanOrEqualTo(100);
      assertThat(body.get("channel").getAsString()).isEqualTo("builds");
      assertThat(body.has("attachments")).isEqualTo(i == 0);
      joined.append(body.get("text").getAsString()).append('\n');
    }
    assertThat(joined.toString()).isEqualTo(text.toString());
  }

  @Test
  void reportsServerErrorWithIdMessageAndRequestId() {
    server.enqueue(Wire.appError(400, "web.incoming_webhook.text.app_error", "No text specified"));
    assertThatThrownBy(() -> client.send(Post.builder().text("x").build()))
        .isInstanceOfSatisfying(MattermostException.class, e -> {
          assertThat(e.statusCode()).isEqualTo(400);
          assertThat(e.errorId()).isEqualTo("web.incoming_webhook.text.app_error");
          assertThat(e.serverMessage()).isEqualTo("No text specified");
          assertThat(e.requestId()).isEqualTo("req400");
          assertThat(e.isRetryable()).isFalse();
          assertThat(e.getMessage()).doesNotContain(Wire.HOOK_KEY);
        });
    assertThat(server.getRequestCount()).isEqualTo(1);
  }

  @Test
  void answerOtherThanOkIsNotMistakenForDelivery() {
    server.enqueue(new mockwebserver3.MockResponse.Builder().code(200)
        .setHeader("Content-Type", "text/html").body("<html>Proxy login</html>").build());
    assertThatThrownBy(() -> client.send(Post.builder().text("x").build()))
        .isInstanceOfSatisfying(MattermostException.class, e -> {
          assertThat(e.statusCode()).isEqualTo(200);
          assertThat(e.isRetryable()).isFalse();
        });
  }

  @Test
  void disabledWebhooksAreNotRetried() {
    server.enqueue(Wire.appError(501, "web.incoming_webhook.disabled.app_error", "Incoming webhooks have been disabled"));
    assertThatThrownBy(() -> client.send(Post.builder().text("x").build()))
        .isInstanceOfSatisfying(MattermostException.class, e -> assertThat(e.isRetryable()).isFalse());
    assertThat(server.getRequestCount()).isEqualTo(1);
  }

  @Test
  void unknownWebhookIsNotRetried() {
    server.enqueue(Wire.appError(400, "web.incoming_webhook.invalid.app_error", "Invalid webhook."));
    assertThatThrownBy(() -> client.send(Post.builder().text("x").build()))
        .isInstanceOf(MattermostException.class);
    assertThat(server.getRequestCount()).isEqualTo(1);
    assertThat(sleeper.waits).isEmpty();
  }

  @Test
  void refusesThreadsAndFilesOverWebhooks() {
    assertThatThrownBy(() -> client.send(Post.builder().text("x").rootId("abcdefghijklmnopqrstuvwxyz").build()))
        .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("rootId: ");
    assertThatThrownBy(() -> client.reply("abcdefghijklmnopqrstuvwxyz", Post.builder().text("x").build()))
        .isInstanceOf(IllegalStateException.class);
    assertThat(server.getRequestCount()).isZero();
  }

  @Test
  void redirectIsReportedNotFollowed() {
    server.enqueue(new mockwebserver3.MockResponse.Builder().code(301)
        .setHeader("Location", "https://elsewhere.example/hooks/" + Wire.HOOK_KEY).build());
    assertThatThrownBy(() -> client.send(Post.builder().text("x").build()))
        .isInstanceOfSatisfying(MattermostException.class, e -> {
          assertThat(e.statusCode()).isEqualTo(301);
          assertThat(e.isRetryable()).isFalse();
        });
    assertThat(server.getRequestCount()).isEqualTo(1);
  }

  @Test
  void doesNotRepostWhenTheOkIsCutOffAfterTheStatusLine() throws Exception {
    // The server stored the post before it wrote "ok": a retry would post it twice.
    server.enqueue(new mockwebserver3.MockResponse.Builder().code(200)
        .setHeader("Content-Type", "text/plain").body("ok, and more than the client will get")
        .onResponseBody(mockwebserver3.SocketEffect.ShutdownConnection.INSTANCE).build());
    server.enqueue(Wire.ok());

    PostResult result = client.send(Post.builder().text("Build failed").build());

    assertThat(result.postId()).isNull();
    assertThat(server.getRequestCount()).isEqualTo(1);
    assertThat(sleeper.waits).isEmpty();
  }
}
