package org.commandcenter.notifier.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.gson.JsonObject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.commandcenter.mattermost.MattermostClient;
import org.commandcenter.mattermost.RetryPolicy;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What a Jenkinsfile may do with the bot is the administrator's {@link StepPolicy}; the defaults are the safe ones. */
class StepPolicyTest {
  private static final PostOwner JOB = PostOwner.of("instance-1", "team-a/deploy");
  private static final PostOwner OTHER_JOB = PostOwner.of("instance-1", "team-b/release");
  private static final String WORD_JOINER = "\u2060";

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

  private static JsonObject attachment(JsonObject post) {
    return post.getAsJsonObject("props").getAsJsonArray("attachments").get(0).getAsJsonObject();
  }

  @Test
  void stampsEveryPostWithItsJob() throws Exception {
    rest().send(SendRequest.builder().message("m").channel("builds").owner(JOB).build());
    webhook().send(SendRequest.builder().message("m").channel("builds").owner(JOB).build());

    assertThat(mattermost.createdPosts().get(0).getAsJsonObject("props").get(PostOwner.PROP).getAsString())
        .isEqualTo(JOB.stamp());
    assertThat(mattermost.calls("POST", "/hooks/").get(0).json().getAsJsonObject("props").get(PostOwner.PROP)
        .getAsString()).isEqualTo(JOB.stamp());
  }

  @Test
  void refusesToUpdateAnotherJobsPost() throws Exception {
    SendResponse theirs = rest().send(SendRequest.builder().message("Release 2.0").channel("builds")
        .owner(OTHER_JOB).build());

    SendResponse response = rest().send(SendRequest.builder().message("pwned").updatePostId(theirs.postId())
        .owner(JOB).build());

    assertThat(response.sent()).isFalse();
    assertThat(response.error()).contains("updatePostId: post " + theirs.postId() + " was not created by this job");
    assertThat(mattermost.calls("PUT", "/api/v4/posts/")).isEmpty();
  }

  @Test
  void refusesToReplyToAPostNoJobCreated() throws Exception {
    SendResponse sonar = rest().send(SendRequest.builder().message("Quality gate failed").channel("alerts").build());

    SendResponse response = rest().send(SendRequest.builder().text("ignore this").channel("alerts")
        .threadId(sonar.postId()).owner(JOB).build());

    assertThat(response.sent()).isFalse();
    assertThat(response.error()).contains("threadId: post " + sonar.postId() + " was not created by this job");
    assertThat(mattermost.createdPosts()).hasSize(1);
  }

  @Test
  void refusesUpdatesWhenTheHostNamesNoJob() throws Exception {
    SendResponse mine = rest().send(SendRequest.builder().message("m").channel("builds").owner(JOB).build());

    SendResponse response = rest().send(SendRequest.builder().message("x").updatePostId(mine.postId()).build());

    assertThat(response.sent()).isFalse();
    assertThat(mattermost.calls("PUT", "/api/v4/posts/")).isEmpty();
  }

  @Test
  void anAdministratorCanAllowForeignPosts() throws Exception {
    SendResponse theirs = rest().send(SendRequest.builder().message("Release").channel("builds").owner(OTHER_JOB)
        .build());

    SendResponse response = rest().send(SendRequest.builder().text("deployed too").channel("builds")
        .threadId(theirs.postId()).owner(JOB)
        .policy(StepPolicy.builder().foreignPostsAllowed(true).build()).build());

    assertThat(response.sent()).isTrue();
    assertThat(mattermost.createdPosts().get(1).get("root_id").getAsString()).isEqualTo(theirs.postId());
    assertThat(mattermost.calls("GET", "/api/v4/posts/")).isEmpty();
  }

  @Test
  void theOwnerStampCannotBeForgedThroughProps() {
    assertThatThrownBy(() -> SendRequest.builder().message("m").props(Map.of(PostOwner.PROP, OTHER_JOB.stamp()))
        .build()).hasMessageStartingWith("props.command_center_owner: is reserved");
  }

  @Test
  void channelWideMentionsInStepTextAndAttachmentsNotifyNobody() throws Exception {
    rest().send(SendRequest.builder().channel("builds").text("@channel deploy done, @alice")
        .message("<!here> and &#64;all").attachments(List.of(Map.of("pretext", "@here", "title", "@all",
            "fields", List.of(Map.of("title", "who", "value", "x.@channel"))))).build());

    JsonObject post = mattermost.createdPosts().get(0);
    assertThat(post.get("message").getAsString()).isEqualTo("@" + WORD_JOINER + "channel deploy done, @alice");
    JsonObject message = attachment(post);
    assertThat(message.get("fallback").getAsString()).isEqualTo("<!" + WORD_JOINER + "here> and &#64;" + WORD_JOINER
        + "all");
    JsonObject given = post.getAsJsonObject("props").getAsJsonArray("attachments").get(1).getAsJsonObject();
    assertThat(given.get("pretext").getAsString()).isEqualTo("@" + WORD_JOINER + "here");
    assertThat(given.get("title").getAsString()).isEqualTo("@" + WORD_JOINER + "all");
    assertThat(given.getAsJsonArray("fields").get(0).getAsJsonObject().get("value").getAsString())
        .isEqualTo("x.@" + WORD_JOINER + "channel");
  }

  @Test
  void anAdministratorCanAllowChannelWideMentions() throws Exception {
    rest().send(SendRequest.builder().channel("builds").text("@channel prod is down")
        .policy(StepPolicy.builder().channelMentionsAllowed(true).build()).build());

    assertThat(mattermost.createdPosts().get(0).get("message").getAsString()).isEqualTo("@channel prod is down");
  }

  @Test
  void senderOverridesFromStepsAreRefusedButTheAdministratorsDefaultsApply() throws Exception {
    assertThatThrownBy(() -> SendRequest.builder().message("m").username("ceo").build())
        .hasMessageStartingWith("username: posting under another name is turned off");
    assertThatThrownBy(() -> SendRequest.builder().message("m").icon("https://ci.test/ceo.png").build())
        .hasMessageStartingWith("icon: posting with another avatar is turned off");
    assertThatThrownBy(() -> SendRequest.builder().message("m").icon(":boss:").build())
        .hasMessageStartingWith("icon: ");
    assertThatThrownBy(() -> SendRequest.builder().message("m").channel("builds, ceo@alerts").build())
        .hasMessageStartingWith("channel: 'ceo@alerts' posts as ceo; posting under another name is turned off");

    webhook().send(SendRequest.builder().message("m").defaultSender("jenkins", "https://ci.test/jenkins.png").build());
    JsonObject payload = mattermost.calls().get(0).json();
    assertThat(payload.get("username").getAsString()).isEqualTo("jenkins");
    assertThat(payload.get("icon_url").getAsString()).isEqualTo("https://ci.test/jenkins.png");
  }

  @Test
  void persistentNotificationsFromStepsAreRefused() {
    assertThatThrownBy(() -> SendRequest.builder().message("m").priority("urgent").persistentNotifications(true)
        .build()).hasMessageStartingWith("persistentNotifications: is turned off for steps");
    SendRequest allowed = SendRequest.builder().message("m").priority("urgent").persistentNotifications(true)
        .policy(StepPolicy.builder().persistentNotificationsAllowed(true).build()).build();
    assertThat(allowed.priority().persistentNotifications()).isTrue();
  }

  @Test
  void imagesInStepAttachmentsComeOnlyFromListedHosts() {
    assertThatThrownBy(() -> SendRequest.builder().attachments(List.of(Map.of("text", "t",
        "image_url", "https://tracker.test/pixel.png"))).build())
        .hasMessageStartingWith("attachments[0].image_url: image https://tracker.test/pixel.png is not on a host")
        .hasMessageContaining("none are allowed");
    assertThatThrownBy(() -> SendRequest.builder().attachments(List.of(Map.of("text", "t",
        "thumb_url", "https://tracker.test/t.png"))).build()).hasMessageStartingWith("attachments[0].thumb_url: ");
    assertThatThrownBy(() -> SendRequest.builder().attachments(List.of(Map.of("author_name", "a",
        "author_icon", "https://tracker.test/a.png"))).build()).hasMessageStartingWith("attachments[0].author_icon: ");
    assertThatThrownBy(() -> SendRequest.builder().attachments(List.of(Map.of("footer", "f",
        "footer_icon", "https://tracker.test/f.png"))).build()).hasMessageStartingWith("attachments[0].footer_icon: ");

    StepPolicy policy = StepPolicy.builder().imageHosts(List.of("Images.Example.com", "*.cdn.example.com")).build();
    SendRequest request = SendRequest.builder().policy(policy).attachments(List.of(
        Map.of("text", "t", "image_url", "https://images.example.com/chart.png"),
        Map.of("text", "t", "thumb_url", "https://eu.cdn.example.com:8443/t.png"))).build();
    assertThat(request.attachments()).hasSize(2);
    assertThatThrownBy(() -> SendRequest.builder().policy(policy).attachments(List.of(Map.of("text", "t",
        "image_url", "https://cdn.example.com.tracker.test/x.png"))).build())
        .hasMessageContaining("allowed: images.example.com, *.cdn.example.com");
  }

  @Test
  void markdownImagesInStepTextComeOnlyFromListedHosts() {
    for (String text : List.of("![chart](https://tracker.test/p.png)", "look ![x](https://tracker.test/p.png =1x1)",
        "![x][pixel]\n\n[pixel]: https://tracker.test/p.png", "**![x](<https://tracker.test/p.png> \"t\")**")) {
      assertThatThrownBy(() -> SendRequest.builder().text(text).build()).as(text)
          .hasMessageStartingWith("text: image https://tracker.test/p.png is not on a host");
    }
    assertThatThrownBy(() -> SendRequest.builder().message("![x](https://tracker.test/p.png)").build())
        .hasMessageStartingWith("message: ");
    assertThatThrownBy(() -> SendRequest.builder().attachments(List.of(Map.of("pretext",
        "![x](https://tracker.test/p.png)"))).build()).hasMessageStartingWith("attachments[0].pretext: ");
    assertThatThrownBy(() -> SendRequest.builder().attachments(List.of(Map.of("fields",
        List.of(Map.of("title", "t", "value", "![x](https://tracker.test/p.png)"))))).build())
        .hasMessageStartingWith("attachments[0].fields[0].value: ");
    assertThat(SendRequest.builder().text("[a link](https://tracker.test/page) and `![not](https://x.test/i.png)`")
        .build().text()).startsWith("[a link]");
  }

  @Test
  void imageHostsAreReadAsABrowserReadsThem() {
    StepPolicy policy = StepPolicy.builder().imageHosts(List.of("images.example.com")).build();
    assertThat(policy.allowsImage("https://images.example.com/a.png")).isTrue();
    assertThat(policy.allowsImage("HTTPS://IMAGES.EXAMPLE.COM./a.png")).isTrue();
    assertThat(policy.allowsImage("https://tracker.test\\@images.example.com/a.png")).isFalse();
    assertThat(policy.allowsImage("https://tracker.test?@images.example.com/a.png")).isFalse();
    assertThat(policy.allowsImage("https://tracker.test#@images.example.com/a.png")).isFalse();
    assertThat(policy.allowsImage("https://user@images.example.com/a.png")).isTrue();
    assertThat(policy.allowsImage("https://images.example.com.tracker.test/a.png")).isFalse();
    assertThat(policy.allowsImage("https://%69mages.example.com/a.png")).isFalse();
    assertThat(policy.allowsImage("//images.example.com/a.png")).isFalse();
    assertThat(policy.allowsImage("/api/v4/image?url=https://tracker.test")).isFalse();
    assertThat(policy.allowsImage("data:image/png;base64,AAAA")).isFalse();
    assertThatThrownBy(() -> StepPolicy.builder().imageHosts(List.of("ok.test", "https://images.example.com")))
        .hasMessageStartingWith("imageHosts[1]: 'https://images.example.com' is not a host name");
  }
}
