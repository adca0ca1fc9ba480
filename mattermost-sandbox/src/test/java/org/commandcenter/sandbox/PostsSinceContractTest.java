package org.commandcenter.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.commandcenter.sandbox.MattermostSandbox.JENKINS_BOT_TOKEN;
import static org.commandcenter.sandbox.MattermostSandbox.TEAM;

import com.google.gson.JsonObject;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code GET /api/v4/channels/{channel_id}/posts?since=} as api4/post.go getPostsForChannel and
 * SqlPostStore.GetPostsSince answer it, and the server memory a restart loses.
 */
class PostsSinceContractTest {
  private static final Instant START = Instant.parse("2026-12-01T10:00:00Z");

  private final SimulatedClock clock = new SimulatedClock(START);
  private MattermostSandbox mm;

  @BeforeEach
  void start() throws Exception {
    mm = MattermostSandbox.builder().withSampleData().clock(clock).build().start();
  }

  @AfterEach
  void stop() {
    mm.close();
  }

  private String create(String channel, String message, String pendingPostId) throws Exception {
    Wire.Answer answer = Wire.post(mm.url() + "/api/v4/posts", "{\"channel_id\":\"" + mm.channelId(TEAM, channel)
        + "\",\"message\":\"" + message + "\",\"pending_post_id\":\"" + pendingPostId + "\"}", JENKINS_BOT_TOKEN);
    assertThat(answer.status).isEqualTo(201);
    clock.advance(Duration.ofMillis(10));
    return answer.json().get("id").getAsString();
  }

  private Wire.Answer since(String channel, long since) throws Exception {
    return Wire.get(mm.url() + "/api/v4/channels/" + mm.channelId(TEAM, channel) + "/posts?since=" + since,
        JENKINS_BOT_TOKEN);
  }

  @Test
  void returnsThePostsChangedAfterSinceNewestFirstDeletedOnesIncluded() throws Exception {
    String old = create("builds", "old", "");
    // The server's clock stamps posts; one second on, everything made so far is older than since.
    clock.advance(Duration.ofSeconds(1));
    long since = clock.millis();
    String first = create("builds", "first", "");
    String second = create("builds", "second", "");
    create("alerts", "elsewhere", "");
    mm.deletePost(first);

    JsonObject list = since("builds", since).json();

    List<String> order = new ArrayList<>();
    list.getAsJsonArray("order").forEach(id -> order.add(id.getAsString()));
    assertThat(order).containsExactly(second, first);
    assertThat(list.getAsJsonObject("posts").keySet()).containsExactlyInAnyOrder(first, second).doesNotContain(old);
    assertThat(list.getAsJsonObject("posts").getAsJsonObject(first).get("delete_at").getAsLong()).isPositive();
    assertThat(list.get("has_next").getAsBoolean()).isFalse();
  }

  @Test
  void aReplyBringsItsRootAlongOutsideTheOrder() throws Exception {
    String root = create("builds", "root", "");
    clock.advance(Duration.ofSeconds(1));
    long since = clock.millis();
    clock.advance(Duration.ofMillis(10));
    Wire.Answer reply = Wire.post(mm.url() + "/api/v4/posts", "{\"channel_id\":\"" + mm.channelId(TEAM, "builds")
        + "\",\"message\":\"reply\",\"root_id\":\"" + root + "\"}", JENKINS_BOT_TOKEN);
    String replyId = reply.json().get("id").getAsString();

    JsonObject list = since("builds", since).json();

    assertThat(list.getAsJsonArray("order")).hasSize(1);
    assertThat(list.getAsJsonArray("order").get(0).getAsString()).isEqualTo(replyId);
    assertThat(list.getAsJsonObject("posts").keySet()).containsExactlyInAnyOrder(root, replyId);
  }

  @Test
  void atMostAThousandChangedPostsAtATime() throws Exception {
    long since = clock.millis() - 1;
    for (int i = 0; i < 1001; i++) {
      create("builds", "n" + i, "");
    }
    assertThat(since("builds", since).json().getAsJsonArray("order")).hasSize(1000);
  }

  @Test
  void aBadSinceIs400AndAChannelTheBotCannotReadIs403() throws Exception {
    Wire.Answer bad = Wire.get(mm.url() + "/api/v4/channels/" + mm.channelId(TEAM, "builds") + "/posts?since=abc",
        JENKINS_BOT_TOKEN);
    assertThat(bad.status).isEqualTo(400);
    assertThat(bad.errorId()).isEqualTo("api.context.invalid_param.app_error");

    Wire.Answer forbidden = since("ops-private", 1);
    assertThat(forbidden.status).isEqualTo(403);
    assertThat(forbidden.errorId()).isEqualTo("api.context.permissions.app_error");

    Wire.Answer unknown = Wire.get(mm.url() + "/api/v4/channels/abcdefghijklmnopqrstuvwxyz/posts?since=1",
        JENKINS_BOT_TOKEN);
    assertThat(unknown.status).isEqualTo(404);
  }

  @Test
  void thePendingPostIdWindowIsThirtySecondsOfTheServersClock() throws Exception {
    String pending = "pendingpostid0000000000001";
    String first = create("builds", "once", pending);
    clock.advance(Duration.ofSeconds(29));
    assertThat(create("builds", "once", pending)).isEqualTo(first);
    clock.advance(Duration.ofSeconds(2));
    assertThat(create("builds", "once", pending)).isNotEqualTo(first);
    assertThat(mm.posts(TEAM, "builds")).hasSize(2);
  }

  @Test
  void aRestartForgetsPendingPostIdsButKeepsThePosts() throws Exception {
    String pending = "pendingpostid0000000000002";
    String first = create("builds", "once", pending);
    mm.restart();
    Wire.CLIENT.connectionPool().evictAll(); // the restart closed them
    assertThat(create("builds", "once", pending)).isNotEqualTo(first);
    assertThat(mm.posts(TEAM, "builds")).hasSize(2);
  }
}
