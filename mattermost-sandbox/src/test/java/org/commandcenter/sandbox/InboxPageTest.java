package org.commandcenter.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.commandcenter.sandbox.MattermostSandbox.JENKINS_BOT_TOKEN;

import com.google.gson.JsonObject;
import org.junit.jupiter.api.Test;

/** The inbox page renders posts as Mattermost does (checked on the HTML; ChromiumScreenshotTest checks a browser). */
class InboxPageTest extends SandboxPerTest {



  private String page(String path) throws Exception {
    Wire.Answer answer = Wire.get(mm.url() + path);
    assertThat(answer.status).isEqualTo(200);
    assertThat(answer.header("Content-Type")).startsWith("text/html");
    return answer.body;
  }

  @Test
  void listsChannelsWithUnreadCounts() throws Exception {
    Wire.post(mm.hookUrl(MattermostSandbox.JENKINS_HOOK), "{\"text\":\"hello\"}");

    String html = page("/");

    assertThat(html).contains("Software Factory", ">builds<", ">alerts<", ">war-room<", "class=\"badge\">1<");
  }

  @Test
  void rendersAttachmentWithColourBarFieldsTitleLinkAndPriority() throws Exception {
    Wire.post(mm.url() + "/api/v4/posts", FailedBuildAlert.restBody(mm), JENKINS_BOT_TOKEN);

    String html = page("/factory/channels/builds");

    assertThat(html).contains("style=\"border-left-color:#e40303\"");
    assertThat(html).contains("attachment-field attachment-field--short", "attachment-field attachment-field--long");
    assertThat(html).contains("<a href=\"https://jenkins.factory.example/job/payments-service/142/\"");
    assertThat(html).contains("priority-label priority-urgent", "Acknowledge");
    assertThat(html).contains("<table>", "<code>4f9c2e1</code>");
    assertThat(html).contains("href=\"" + FailedBuildAlert.warRoomLink(mm) + "\"");
  }

  @Test
  void showsRepliesUnderTheirRootAndEditedContent() throws Exception {
    JsonObject root = Wire.post(mm.url() + "/api/v4/posts",
        "{\"channel_id\":\"" + mm.channelId("factory", "builds") + "\",\"message\":\"Build #7 running\"}",
        JENKINS_BOT_TOKEN).json();
    String rootId = root.get("id").getAsString();
    Wire.post(mm.url() + "/api/v4/posts", "{\"channel_id\":\"" + mm.channelId("factory", "builds")
        + "\",\"message\":\"Back to normal\",\"root_id\":\"" + rootId + "\"}", JENKINS_BOT_TOKEN);
    Wire.put(mm.url() + "/api/v4/posts/" + rootId + "/patch", "{\"message\":\"Build #7 passed\"}", JENKINS_BOT_TOKEN);

    String html = page("/factory/channels/builds");

    assertThat(html).contains("Build #7 passed", "(edited)", "data-root-id=\"" + rootId + "\"", "1 reply", "Back to normal");
    assertThat(html).doesNotContain("Build #7 running");
  }

  @Test
  void highlightsMentionsAndDrawsCommonEmojiButNotInsideCode() throws Exception {
    Wire.post(mm.hookUrl(MattermostSandbox.JENKINS_HOOK), "{\"text\":\":rotating_light: @here see @alice, `:x: @bob`\"}");

    String html = page("/factory/channels/builds");

    assertThat(html).contains("<span class=\"emoji emoji--alert\" title=\":rotating_light:\">",
        "<span class=\"mention mention--broadcast\">@here</span>", "<span class=\"mention\">@alice</span>",
        "<code>:x: @bob</code>");
  }

  @Test
  void drawsCommonShortcodesAndLeavesUnknownOnesAsText() throws Exception {
    Wire.post(mm.hookUrl(MattermostSandbox.JENKINS_HOOK),
        "{\"text\":\":bust_in_silhouette: Changes by alice :arrow_forward: :chart_with_downwards_trend: :jenkins: :no_such_emoji:\"}");

    String html = page("/factory/channels/builds");

    assertThat(html).contains("<span class=\"emoji emoji--person\" title=\":bust_in_silhouette:\"></span> Changes by alice",
        "<span class=\"emoji emoji--info\" title=\":arrow_forward:\">\u25B6</span>",
        "<span class=\"emoji emoji--fail\" title=\":chart_with_downwards_trend:\">",
        ":jenkins: :no_such_emoji:");
  }

  @Test
  void escapesHtmlAndUnsafeLinks() throws Exception {
    Wire.post(mm.hookUrl(MattermostSandbox.JENKINS_HOOK),
        "{\"text\":\"<script>alert(1)</script> [x](javascript:alert(1))\"}");

    String html = page("/factory/channels/builds");

    assertThat(html).doesNotContain("<script>alert").doesNotContain("href=\"javascript:");
  }

  @Test
  void warRoomLinkOpensTheChannelWithTheCallBanner() throws Exception {
    String html = page("/factory/channels/war-room?join_call=true");

    assertThat(html).contains("war-room-banner", "War Room");
  }

  @Test
  void drawsButtonsTheCommandBoxAndEphemeralAnswersOnlyForTheirUser() throws Exception {
    mm.settings(mm.settings().newBuilder().allowedUntrustedInternalConnections("127.0.0.1").build());
    try (FakeIntegration integration = new FakeIntegration()) {
      integration.answer(FakeIntegration.Reply.json("{\"ephemeral_text\":\"only for you\"}"));
      String postId = Wire.post(mm.url() + "/api/v4/posts", "{\"channel_id\":\"" + mm.channelId("factory", "builds")
          + "\",\"props\":{\"attachments\":[{\"title\":\"app #142\",\"actions\":[{\"id\":\"rebuild\","
          + "\"name\":\"Rebuild\",\"style\":\"primary\",\"integration\":{\"url\":\"" + integration.url("/a")
          + "\"}},{\"id\":\"abort\",\"name\":\"Abort\",\"disabled\":true,\"integration\":{\"url\":\""
          + integration.url("/a") + "\"}}]}]}}", JENKINS_BOT_TOKEN).json().get("id").getAsString();
      Wire.Answer clicked = Wire.post(mm.url() + "/_sandbox/as/alice/actions/" + postId + "/rebuild", "{}");
      assertThat(clicked.status).as(clicked.body).isEqualTo(200);

      String alice = page("/factory/channels/builds?as=alice");
      String bob = page("/factory/channels/builds?as=bob");

      assertThat(alice).contains("<button type=\"button\" class=\"action-button btn-primary\" data-post-id=\""
          + postId + "\" data-action-id=\"rebuild\" data-action-name=\"Rebuild\">Rebuild</button>");
      assertThat(alice).contains("data-action-id=\"abort\" data-action-name=\"Abort\" disabled>");
      assertThat(alice).contains("only for you", "(Only visible to you)", "<form class=\"command-box\"",
          "<script src=\"/_sandbox/inbox.js\"></script>", "data-viewer=\"alice\"");
      assertThat(alice).doesNotContain(integration.url("/a"));
      assertThat(bob).doesNotContain("only for you").contains("data-viewer=\"bob\"");
      assertThat(Wire.get(mm.url() + "/_sandbox/inbox.js").body).contains("/_sandbox/as/");
      assertThat(Wire.post(mm.url() + "/_sandbox/as/alice/actions/" + postId + "/show-log", "{}").status)
          .isEqualTo(404);
    }
  }
}
