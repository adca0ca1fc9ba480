package org.commandcenter.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.commandcenter.sandbox.MattermostSandbox.JENKINS_BOT_TOKEN;
import static org.commandcenter.sandbox.MattermostSandbox.JENKINS_HOOK;
import static org.commandcenter.sandbox.MattermostSandbox.TEAM;

import java.util.List;
import org.commandcenter.mattermost.Attachment;
import org.commandcenter.mattermost.MattermostClient;
import org.commandcenter.mattermost.Post;
import org.commandcenter.mattermost.PostResult;
import org.commandcenter.mattermost.text.SafeText;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A build log far over Mattermost's 16383 runes (server/public/model/post.go) with multi-byte characters and a
 * fence that straddles the limit: REST (which rejects long text) gets a root and replies, a webhook sequential posts,
 * every post within the server's limit, nothing lost, every code block balanced.
 */
class ClientLongTextTest extends SandboxPerClass {
  private static final int MAX_RUNES = 16383;



  @BeforeEach
  void reset() {
    mm.clearPosts();
  }

  /** Prose up to just below the limit, then a log in a fence that crosses it, then more prose. */
  private static String longReport() {
    StringBuilder text = new StringBuilder("**Build #7 failed** — résumé des tests 🚨\n");
    while (text.codePointCount(0, text.length()) < MAX_RUNES - 40) {
      text.append("Étape terminée ✅ 中文 \uD83D\uDC68\u200D\uD83D\uDC69\u200D\uD83D\uDC67 ligne\n");
    }
    StringBuilder log = new StringBuilder();
    for (int i = 0; i < 2500; i++) {
      log.append("[INFO] test ").append(i).append(" ✓ ok\n");
    }
    text.append(SafeText.codeBlock(log.toString())).append("\nFin du rapport.");
    return text.toString();
  }

  private static int runes(String text) {
    return text.codePointCount(0, text.length());
  }

  private static void assertEveryPostFitsAndNothingIsLost(List<ReceivedPost> posts, String original) {
    assertThat(posts.size()).isGreaterThanOrEqualTo(3);
    StringBuilder joined = new StringBuilder();
    for (ReceivedPost post : posts) {
      assertThat(runes(post.message())).isLessThanOrEqualTo(MAX_RUNES);
      long fences = post.message().lines().filter(line -> line.startsWith("```")).count();
      assertThat(fences % 2).as("balanced code block in a post of %d runes", runes(post.message())).isZero();
      joined.append(post.message()).append('\n');
    }
    String fenceLines = "(?m)^```$";
    assertThat(joined.toString().replaceAll(fenceLines, "").replaceAll("\\s", ""))
        .isEqualTo(original.replaceAll(fenceLines, "").replaceAll("\\s", ""));
  }

  @Test
  void restSplitsIntoARootPostAndRepliesInItsThread() throws Exception {
    MattermostClient client = MattermostClient.builder().siteUrl(mm.url()).token(JENKINS_BOT_TOKEN).team(TEAM).build();
    String report = longReport();

    PostResult result = client.send(Post.builder().channel("builds").text(report)
        .addAttachment(Attachment.builder().color("danger").title("api #7").build()).build());

    List<ReceivedPost> posts = mm.posts(TEAM, "builds");
    assertEveryPostFitsAndNothingIsLost(posts, report);
    ReceivedPost root = posts.get(0);
    assertThat(root.rootId()).isEmpty();
    assertThat(root.attachments()).hasSize(1);
    assertThat(posts.subList(1, posts.size())).allSatisfy(reply -> {
      assertThat(reply.rootId()).isEqualTo(root.id());
      assertThat(reply.attachments()).isEmpty();
    });
    assertThat(result.postId()).isEqualTo(root.id());
    assertThat(result.rootId()).isEqualTo(root.id());
    assertThat(result.postIds()).containsExactlyElementsOf(posts.stream().map(ReceivedPost::id).toList());
  }

  @Test
  void webhookSplitsIntoSequentialPosts() throws Exception {
    MattermostClient client = MattermostClient.builder().webhookUrl(mm.hookUrl(JENKINS_HOOK)).build();
    String report = longReport();

    client.send(Post.builder().text(report).build());

    List<ReceivedPost> posts = mm.posts(TEAM, "builds");
    assertEveryPostFitsAndNothingIsLost(posts, report);
    assertThat(posts).allSatisfy(post -> assertThat(post.rootId()).isEmpty());
  }
}
