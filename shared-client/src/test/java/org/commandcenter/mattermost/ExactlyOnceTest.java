package org.commandcenter.mattermost;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import java.time.Duration;
import java.time.Instant;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.SocketEffect;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A create whose answer was lost is first looked for in the channel before it is repeated, and sent again only when
 * it is not there: after 30 s Mattermost has forgotten its pending_post_id, and a restarted server (or another node
 * of a cluster) never knew it.
 */
class ExactlyOnceTest {
  private static final Instant START = Instant.parse("2026-12-01T10:00:00Z");

  private final MockWebServer server = new MockWebServer();
  private final TestClock clock = new TestClock(START);
  private MattermostClient client;

  @BeforeEach
  void start() throws Exception {
    server.start();
    client = Wire.rest(server, new RecordingSleeper())
        .retryPolicy(RetryPolicy.noRetries(Duration.ofSeconds(5))).build();
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private static final Post ALERT = Post.builder().channel(Wire.CHANNEL_ID).text("Build 42 failed").build();

  /** The first attempt reaches the server, which stores the post; its answer never arrives. */
  private SendProgress lostFirstAttempt() throws Exception {
    SendProgress progress = new SendProgress("dlv00000000000000000000001", 0, clock);
    server.enqueue(new MockResponse.Builder().onResponseStart(SocketEffect.ShutdownConnection.INSTANCE).build());
    assertThatThrownBy(() -> client.send(ALERT, progress)).isInstanceOf(MattermostException.class);
    assertThat(progress.unknownSince(0)).isEqualTo(START.toEpochMilli());
    return progress;
  }

  private static MockResponse postList(JsonObject... posts) {
    JsonObject list = new JsonObject();
    JsonArray order = new JsonArray();
    JsonObject byId = new JsonObject();
    for (JsonObject post : posts) {
      order.add(post.get("id").getAsString());
      byId.add(post.get("id").getAsString(), post);
    }
    list.add("order", order);
    list.add("posts", byId);
    list.addProperty("next_post_id", "");
    list.addProperty("prev_post_id", "");
    list.addProperty("has_next", false);
    return Wire.json(200, list.toString());
  }

  private static JsonObject post(String id, String marker, long updateAt, long deleteAt) {
    JsonObject post = new JsonObject();
    post.addProperty("id", id);
    post.addProperty("channel_id", Wire.CHANNEL_ID);
    post.addProperty("root_id", "");
    post.addProperty("update_at", updateAt);
    post.addProperty("delete_at", deleteAt);
    JsonObject props = new JsonObject();
    if (marker != null) {
      props.addProperty("command_center_delivery", marker);
    }
    post.add("props", props);
    return post;
  }

  @Test
  void aRepeatAfterTheWindowFindsThePostInsteadOfPostingItAgain() throws Exception {
    SendProgress progress = lostFirstAttempt();
    String firstPending = Wire.body(Wire.take(server)).get("pending_post_id").getAsString();
    clock.advance(Duration.ofSeconds(31));
    server.enqueue(postList(post(Wire.postId(7), "dlv00000000000000000000001:0:0", START.toEpochMilli() + 5, 0),
        post(Wire.postId(8), "someone-else:0:0", START.toEpochMilli() + 6, 0)));

    PostResult result = client.send(ALERT, progress);

    assertThat(result.postId()).isEqualTo(Wire.postId(7));
    RecordedRequest readBack = Wire.take(server);
    assertThat(readBack.getMethod()).isEqualTo("GET");
    assertThat(readBack.getUrl().encodedPath()).isEqualTo("/api/v4/channels/" + Wire.CHANNEL_ID + "/posts");
    // From before the first attempt, with room for the server's clock being behind ours.
    assertThat(Long.parseLong(readBack.getUrl().queryParameter("since")))
        .isEqualTo(START.toEpochMilli() - RestApi.CLOCK_SKEW_MILLIS);
    assertThat(server.getRequestCount()).isEqualTo(2);
    assertThat(firstPending).isEqualTo(progress.pendingPostId(0));
  }

  @Test
  void aPostThatIsNotThereIsSentAgainWithTheSamePendingPostId() throws Exception {
    SendProgress progress = lostFirstAttempt();
    JsonObject first = Wire.body(Wire.take(server));
    clock.advance(Duration.ofSeconds(31));
    server.enqueue(postList(post(Wire.postId(8), "someone-else:0:0", START.toEpochMilli() + 6, 0)));
    server.enqueue(Wire.created(Wire.postId(9)));

    PostResult result = client.send(ALERT, progress);

    assertThat(result.postId()).isEqualTo(Wire.postId(9));
    assertThat(Wire.take(server).getMethod()).isEqualTo("GET");
    JsonObject again = Wire.body(Wire.take(server));
    assertThat(again.get("pending_post_id")).isEqualTo(first.get("pending_post_id"));
    assertThat(again.getAsJsonObject("props").get("command_center_delivery").getAsString())
        .isEqualTo("dlv00000000000000000000001:0:0");
  }

  @Test
  void evenWithinTheWindowARepeatLooksFirstForAServerThatRestartedMeanwhile() throws Exception {
    SendProgress progress = lostFirstAttempt();
    Wire.take(server);
    clock.advance(Duration.ofSeconds(5));
    server.enqueue(postList(post(Wire.postId(7), "dlv00000000000000000000001:0:0", START.toEpochMilli() + 5, 0)));

    assertThat(client.send(ALERT, progress).postId()).isEqualTo(Wire.postId(7));
    assertThat(Wire.take(server).getMethod()).isEqualTo("GET");
    assertThat(server.getRequestCount()).isEqualTo(2);
  }

  @Test
  void aPostThatTheAnswerReportedIsNotLookedForAgain() throws Exception {
    SendProgress progress = new SendProgress("dlv00000000000000000000009", 0, clock);
    server.enqueue(Wire.created(Wire.postId(1)));
    client.send(ALERT, progress);
    assertThat(progress.unknownSince(0)).isZero();
    assertThat(Wire.take(server).getMethod()).isEqualTo("POST");
    assertThat(server.getRequestCount()).isEqualTo(1);
  }

  @Test
  void aRefusedConnectionLeavesNothingToLookFor() throws Exception {
    SendProgress progress = new SendProgress("dlv00000000000000000000002", 0, clock);
    MattermostClient unreachable;
    try (java.net.Socket holder = new java.net.Socket()) {
      holder.bind(new java.net.InetSocketAddress("127.0.0.1", 0));
      unreachable = MattermostClient.builder().siteUrl("http://127.0.0.1:" + holder.getLocalPort())
          .token(Wire.TOKEN).retryPolicy(RetryPolicy.noRetries(Duration.ofSeconds(2))).build();
      assertThatThrownBy(() -> unreachable.send(ALERT, progress)).isInstanceOf(MattermostException.class);
    }
    assertThat(progress.unknownSince(0)).isZero();
  }

  @Test
  void aDeletedPostCountsAsDelivered() throws Exception {
    SendProgress progress = lostFirstAttempt();
    Wire.take(server);
    clock.advance(Duration.ofMinutes(5));
    server.enqueue(postList(post(Wire.postId(7), "dlv00000000000000000000001:0:0", START.toEpochMilli() + 9,
        START.toEpochMilli() + 9)));

    assertThat(client.send(ALERT, progress).postId()).isEqualTo(Wire.postId(7));
    assertThat(server.getRequestCount()).isEqualTo(2);
  }

  @Test
  void aBusyChannelIsReadPageByPage() throws Exception {
    SendProgress progress = lostFirstAttempt();
    Wire.take(server);
    clock.advance(Duration.ofSeconds(40));
    JsonObject[] page = new JsonObject[RestApi.POSTS_SINCE_LIMIT];
    long base = START.toEpochMilli();
    for (int i = 0; i < page.length; i++) {
      page[i] = post(String.format("busy%022d", i), null, base + i, 0);
    }
    server.enqueue(postList(page));
    server.enqueue(postList(post(Wire.postId(7), "dlv00000000000000000000001:0:0", base + 2000, 0)));

    assertThat(client.send(ALERT, progress).postId()).isEqualTo(Wire.postId(7));
    Wire.take(server);
    RecordedRequest second = Wire.take(server);
    // The next page starts a millisecond before the newest change seen: posts sharing it are not skipped.
    assertThat(second.getUrl().queryParameter("since")).isEqualTo(Long.toString(base + 999 - 1));
  }

  @Test
  void aResetAfterTheHeadersLeavesTheOutcomeUnknown() throws Exception {
    SendProgress progress = new SendProgress("dlv00000000000000000000003", 0, clock);
    server.enqueue(Wire.created(Wire.postId(1)).newBuilder()
        .onResponseBody(SocketEffect.ShutdownConnection.INSTANCE).build());
    assertThatThrownBy(() -> client.send(ALERT, progress)).isInstanceOf(MattermostException.class);
    assertThat(progress.unknownSince(0)).isEqualTo(START.toEpochMilli());
  }

  @Test
  void aRateLimitedAttemptIsKnownNotToHavePosted() throws Exception {
    SendProgress progress = new SendProgress("dlv00000000000000000000004", 0, clock);
    server.enqueue(new MockResponse.Builder().code(429).setHeader("X-RateLimit-Limit", "101")
        .setHeader("X-RateLimit-Remaining", "0").setHeader("X-RateLimit-Reset", "1").setHeader("Retry-After", "1")
        .body("limit exceeded\n").build());
    assertThatThrownBy(() -> client.send(ALERT, progress)).isInstanceOf(MattermostException.class);
    assertThat(progress.unknownSince(0)).isZero();
    assertThat(client.rateLimit()).isEqualTo(new RateLimitStatus(101, 0, 1, 1));
  }
}
