package org.commandcenter.notifier.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.gson.JsonObject;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.commandcenter.mattermost.MattermostClient;
import org.commandcenter.mattermost.RetryPolicy;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code mattermostSend}: the old plugin's parameters keep their meaning; the new ones go over REST. */
class SendStepTest {
  private static final PostOwner JOB = PostOwner.of("instance-1", "team-a/deploy");
  /** The old plugin let every step choose the sender's name and avatar; an administrator can allow it again. */
  private static final StepPolicy OLD_PLUGIN_POLICY = StepPolicy.builder().senderOverridesAllowed(true)
      .imageHosts(List.of("ci.example.com")).build();
  private FakeMattermost mattermost;
  private final List<String> log = new CopyOnWriteArrayList<>();

  @BeforeEach
  void start() throws Exception {
    mattermost = new FakeMattermost();
  }

  @AfterEach
  void stop() throws Exception {
    mattermost.close();
  }

  private NotificationEngine rest() {
    return NotificationEngine.builder().log(log::add).client(MattermostClient.builder()
        .siteUrl(mattermost.siteUrl()).token(FakeMattermost.TOKEN).team(FakeMattermost.TEAM)
        .retryPolicy(RetryPolicy.noRetries(Duration.ofSeconds(5))).build()).build();
  }

  private NotificationEngine webhook() {
    return NotificationEngine.builder().log(log::add).client(MattermostClient.builder()
        .webhookUrl(mattermost.webhookUrl()).retryPolicy(RetryPolicy.noRetries(Duration.ofSeconds(5))).build())
        .build();
  }

  @Test
  void oldPluginParametersPostTheSameWebhookPayload() throws Exception {
    SendResponse response = webhook().send(SendRequest.builder()
        .message("Build *42* failed").text("Heads up").color("danger").channel("builds")
        .icon("https://ci.example.com/icon.png").policy(OLD_PLUGIN_POLICY).build());

    assertThat(response.sent()).isTrue();
    assertThat(response.postId()).isNull();
    JsonObject payload = mattermost.calls().get(0).json();
    assertThat(payload.get("text").getAsString()).isEqualTo("Heads up");
    assertThat(payload.get("channel").getAsString()).isEqualTo("builds");
    assertThat(payload.get("icon_url").getAsString()).isEqualTo("https://ci.example.com/icon.png");
    JsonObject attachment = payload.getAsJsonArray("attachments").get(0).getAsJsonObject();
    assertThat(attachment.get("fallback").getAsString()).isEqualTo("Build *42* failed");
    assertThat(attachment.get("color").getAsString()).isEqualTo("danger");
    JsonObject field = attachment.getAsJsonArray("fields").get(0).getAsJsonObject();
    assertThat(field.get("value").getAsString()).isEqualTo("Build *42* failed");
    assertThat(field.get("short").getAsBoolean()).isFalse();
  }

  @Test
  void channelListAndUsernameOverridesFollowTheOldSyntax() throws Exception {
    webhook().send(SendRequest.builder().message("m").channel("builds, alerts;deployer@ops;bot@@carol")
        .policy(OLD_PLUGIN_POLICY).build());

    // Each channel is its own delivery, in parallel with the others: one post each, in no particular order.
    Map<String, JsonObject> byChannel = new java.util.HashMap<>();
    for (FakeMattermost.Call call : mattermost.calls()) {
      byChannel.put(call.json().get("channel").getAsString(), call.json());
    }
    assertThat(mattermost.calls()).hasSize(4);
    assertThat(byChannel).containsOnlyKeys("builds", "alerts", "ops", "@carol");
    assertThat(byChannel.get("ops").get("username").getAsString()).isEqualTo("deployer");
    assertThat(byChannel.get("@carol").get("username").getAsString()).isEqualTo("bot");
    assertThat(byChannel.get("builds").has("username")).isFalse();
    assertThat(byChannel.get("alerts").has("username")).isFalse();
  }

  @Test
  void emojiIconIsSentAsIconEmoji() throws Exception {
    webhook().send(SendRequest.builder().message("m").icon(":jenkins:").policy(OLD_PLUGIN_POLICY)
        .build());
    assertThat(mattermost.calls().get(0).json().get("icon_emoji").getAsString()).isEqualTo(":jenkins:");
  }

  @Test
  void restSendReturnsPostChannelAndThreadIds() throws Exception {
    SendResponse response = rest().send(SendRequest.builder().message("hello").channel("builds").build());

    assertThat(response.sent()).isTrue();
    assertThat(response.postId()).hasSize(26);
    assertThat(response.threadId()).isEqualTo(response.postId());
    assertThat(response.channelId()).isEqualTo(mattermost.channel("builds"));
    assertThat(response.postIds()).containsExactly(response.postId());
    assertThat(log).containsExactly("[Mattermost] Message sent to channel builds");
  }

  @Test
  void threadIdRepliesInThatThread() throws Exception {
    SendResponse root = rest().send(SendRequest.builder().message("root").channel("builds").owner(JOB).build());
    SendResponse reply = rest().send(SendRequest.builder().text("reply").channel("builds")
        .threadId(root.threadId()).owner(JOB).build());

    JsonObject created = mattermost.createdPosts().get(1);
    assertThat(created.get("root_id").getAsString()).isEqualTo(root.postId());
    assertThat(reply.threadId()).isEqualTo(root.postId());
    assertThat(reply.postId()).isNotEqualTo(root.postId());
  }

  @Test
  void updatePostIdUpdatesInPlace() throws Exception {
    SendResponse root = rest().send(SendRequest.builder().message("Deploying…").channel("builds").owner(JOB)
        .build());
    SendResponse updated = rest().send(SendRequest.builder().message("Deployed").color("good")
        .updatePostId(root.postId()).owner(JOB).build());

    assertThat(updated.postId()).isEqualTo(root.postId());
    List<FakeMattermost.Call> patches = mattermost.calls("PUT", "/api/v4/posts/" + root.postId() + "/patch");
    assertThat(patches).hasSize(1);
    assertThat(patches.get(0).json().getAsJsonObject("props").getAsJsonArray("attachments").get(0)
        .getAsJsonObject().get("color").getAsString()).isEqualTo("good");
    assertThat(mattermost.createdPosts()).hasSize(1);
  }

  @Test
  void filesAreUploadedToTheChannelAndAttached() throws Exception {
    rest().send(SendRequest.builder().text("report").channel("builds")
        .file("target/report.txt", "hello".getBytes(StandardCharsets.UTF_8)).build());

    List<FakeMattermost.Call> uploads = mattermost.calls("POST", "/api/v4/files");
    assertThat(uploads).hasSize(1);
    assertThat(uploads.get(0).body).contains("filename=\"report.txt\"").contains(mattermost.channel("builds"));
    JsonObject post = mattermost.createdPosts().get(0);
    assertThat(post.getAsJsonArray("file_ids")).hasSize(1);
  }

  @Test
  void priorityAndPropsGoWithTheRootPost() throws Exception {
    rest().send(SendRequest.builder().message("m").channel("builds").priority("Urgent").requestedAck(true)
        .props(Map.of("card", "details")).build());

    JsonObject post = mattermost.createdPosts().get(0);
    JsonObject priority = post.getAsJsonObject("metadata").getAsJsonObject("priority");
    assertThat(priority.get("priority").getAsString()).isEqualTo("urgent");
    assertThat(priority.get("requested_ack").getAsBoolean()).isTrue();
    assertThat(post.getAsJsonObject("props").get("card").getAsString()).isEqualTo("details");
  }

  @Test
  void warRoomAppendsTheJoinLink() throws Exception {
    rest().send(SendRequest.builder().text("Prod is down").channel("builds").warRoom(true)
        .warRoomConfig(WarRoomConfig.builder().team("dev").channel("war-room").build()).build());

    assertThat(mattermost.createdPosts().get(0).get("message").getAsString()).isEqualTo("Prod is down\n\n"
        + ":rotating_light: [Join the War Room](" + mattermost.siteUrl() + "/dev/channels/war-room?join_call=true)");
  }

  @Test
  void attachmentsFromMapsAndJsonUseSlackKeys() throws Exception {
    rest().send(SendRequest.builder().channel("builds").attachments(List.of(Map.of(
        "title", "Report", "title_link", "https://ci.example.com/r", "color", "#00FF00", "mrkdwn_in", List.of("text"),
        "fields", List.of(Map.of("title", "Coverage", "value", 87, "short", true))))).build());
    rest().send(SendRequest.builder().channel("builds")
        .attachmentsJson("[{\"text\":\"from json\",\"author_name\":\"ci\",\"fields\":[{\"title\":\"n\",\"value\":3}]}]")
        .build());

    JsonObject first = mattermost.createdPosts().get(0).getAsJsonObject("props").getAsJsonArray("attachments")
        .get(0).getAsJsonObject();
    assertThat(first.get("title_link").getAsString()).isEqualTo("https://ci.example.com/r");
    JsonObject field = first.getAsJsonArray("fields").get(0).getAsJsonObject();
    assertThat(field.get("value").getAsString()).isEqualTo("87");
    assertThat(field.get("short").getAsBoolean()).isTrue();
    JsonObject second = mattermost.createdPosts().get(1).getAsJsonObject("props").getAsJsonArray("attachments")
        .get(0).getAsJsonObject();
    assertThat(second.get("author_name").getAsString()).isEqualTo("ci");
    assertThat(second.getAsJsonArray("fields").get(0).getAsJsonObject().get("value").getAsString()).isEqualTo("3");
  }

  @Test
  void failureIsLoggedAndReturnedWithoutFailOnError() throws Exception {
    mattermost.outage(503);
    SendResponse response = rest().send(SendRequest.builder().message("m").channel("builds").build());

    assertThat(response.sent()).isFalse();
    assertThat(response.error()).startsWith("Mattermost notification failed: could not send to channel builds: ");
    assertThat(log).anySatisfy(line -> assertThat(line).startsWith("[Mattermost] Mattermost notification failed"));
  }

  @Test
  void failOnErrorFailsTheStepWithAClearError() {
    mattermost.outage(503);
    NotificationEngine engine = rest();
    assertThatThrownBy(() -> engine.send(SendRequest.builder().message("m").channel("builds").failOnError(true)
        .build()))
        .isInstanceOf(NotificationException.class)
        .hasMessageStartingWith("Mattermost notification failed: could not send to channel builds: ")
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain(FakeMattermost.TOKEN));
  }

  @Test
  void webhookRefusesRestOnlyParametersNamingThem() throws Exception {
    SendResponse response = webhook().send(SendRequest.builder().message("m")
        .threadId("abcdefghijklmnopqrstuvwxyz").build());
    assertThat(response.sent()).isFalse();
    assertThat(response.error()).startsWith("threadId: needs a bot token");
    assertThat(mattermost.calls()).isEmpty();

    NotificationEngine engine = webhook();
    assertThatThrownBy(() -> engine.send(SendRequest.builder().text("m").file("a.txt", new byte[1])
        .failOnError(true).build()))
        .isInstanceOf(NotificationException.class).hasMessageStartingWith("files: needs a bot token");
  }

  @Test
  void webhookErrorsNeverShowTheHookKey() throws Exception {
    NotificationEngine wrongHook = NotificationEngine.builder().log(log::add).client(MattermostClient.builder()
        .webhookUrl(mattermost.siteUrl() + "/hooks/wrongkey000000000000000000")
        .retryPolicy(RetryPolicy.noRetries(Duration.ofSeconds(5))).build()).build();
    SendResponse response = wrongHook.send(SendRequest.builder().message("m").build());
    assertThat(response.sent()).isFalse();
    assertThat(response.error()).doesNotContain("wrongkey000000000000000000");
    assertThat(String.join("\n", log)).doesNotContain("wrongkey000000000000000000");
  }

  @Test
  void responseSurvivesJavaSerialization() throws Exception {
    SendResponse response = rest().send(SendRequest.builder().message("m").channel("builds").build());
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
      out.writeObject(response);
    }
    try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
      assertThat(in.readObject()).isEqualTo(response);
    }
  }

  @Test
  void refusesATextLongerThanTenPosts() {
    String text = "x".repeat(SendRequest.MAX_TEXT_CHARACTERS + 1);
    assertThatThrownBy(() -> SendRequest.builder().text(text).build())
        .hasMessage("text: 163831 characters; a step sends at most 163830 (10 posts); attach a long report as a file"
            + " instead");
    assertThatThrownBy(() -> SendRequest.builder().message(text).build()).hasMessageStartingWith("message: 163831");
    assertThat(SendRequest.builder().text("\uD83D\uDE80".repeat(SendRequest.MAX_TEXT_CHARACTERS)).build().text())
        .as("characters are code points, as the server counts runes").hasSize(2 * SendRequest.MAX_TEXT_CHARACTERS);
  }

  @Test
  void refusesATextThatWouldBeSplitIntoMoreThanTenPostsBeforeSendingAny() throws Exception {
    // 18 lines of 9000 characters: under the character cap, but no two lines fit in one post.
    String text = ("a".repeat(9000) + "\n").repeat(18);

    SendResponse response = rest().send(SendRequest.builder().text(text).channel("builds").build());

    assertThat(response.sent()).isFalse();
    assertThat(response.error()).contains("text: would be split into 18 posts; a step sends at most 10");
    assertThat(mattermost.createdPosts()).isEmpty();
  }

  @Test
  void aTextOfTenPostsIsSentAsAThread() throws Exception {
    String text = ("b".repeat(9000) + "\n").repeat(10);

    SendResponse response = rest().send(SendRequest.builder().text(text).channel("builds").build());

    assertThat(response.sent()).isTrue();
    assertThat(response.postIds()).hasSize(10);
    assertThat(mattermost.createdPosts()).hasSize(10);
  }
}
