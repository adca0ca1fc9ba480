package org.commandcenter.mattermost;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.SocketEffect;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class RetryTest {
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

  private static Post post() {
    return Post.builder().text("Build failed").channel(Wire.CHANNEL_ID).build();
  }

  private List<RecordedRequest> takeAll(int count) throws InterruptedException {
    List<RecordedRequest> requests = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      requests.add(Wire.take(server));
    }
    return requests;
  }

  /** What the channel read back shows: nothing of ours, so the repeat goes out. */
  private static MockResponse noPostsYet() {
    return Wire.json(200, "{\"order\":[],\"posts\":{},\"next_post_id\":\"\",\"prev_post_id\":\"\"}");
  }

  private static void assertReadBack(RecordedRequest request) {
    assertThat(request.getMethod()).isEqualTo("GET");
    assertThat(request.getUrl().encodedPath()).isEqualTo("/api/v4/channels/" + Wire.CHANNEL_ID + "/posts");
    assertThat(request.getUrl().queryParameter("since")).isNotNull();
  }

  @Test
  void retries5xxWithSamePendingPostIdAndBody() throws Exception {
    // A 5xx may come after the post was stored: each repeat first reads the channel back.
    server.enqueue(Wire.appError(500, "api.post.deduplicate_create_post.pending", "pending"));
    server.enqueue(noPostsYet());
    server.enqueue(Wire.appError(503, "app.some.error", "unavailable"));
    server.enqueue(noPostsYet());
    server.enqueue(Wire.created(Wire.postId(1)));

    PostResult result = client.send(post());

    assertThat(result.postId()).isEqualTo(Wire.postId(1));
    List<RecordedRequest> requests = takeAll(5);
    assertReadBack(requests.get(1));
    assertReadBack(requests.get(3));
    List<RecordedRequest> creates = List.of(requests.get(0), requests.get(2), requests.get(4));
    String firstBody = creates.get(0).getBody().utf8();
    for (RecordedRequest request : creates) {
      assertThat(request.getMethod()).isEqualTo("POST");
      assertThat(request.getUrl().encodedPath()).isEqualTo("/api/v4/posts");
      assertThat(request.getHeaders().get("Authorization")).isEqualTo("Bearer " + Wire.TOKEN);
      assertThat(request.getBody().utf8()).isEqualTo(firstBody);
    }
    assertThat(Wire.body(creates.get(0)).get("pending_post_id").getAsString())
        .isEqualTo(Wire.body(creates.get(2)).get("pending_post_id").getAsString());
    // Exponential backoff (random fixed at 0: no jitter reduction): 10 ms, then 20 ms.
    assertThat(sleeper.waits).containsExactly(10L, 20L);
  }

  @Test
  void aRateLimitedOrBusyAttemptIsRepeatedWithoutReadingBack() throws Exception {
    // The limiter's 429 and the server's own "busy" 503 come before any handler: nothing was stored.
    server.enqueue(new MockResponse.Builder().code(429).setHeader("Retry-After", "0").body("limit exceeded\n")
        .build());
    server.enqueue(Wire.appError(503, "api.context.server_busy.app_error", "The server is busy"));
    server.enqueue(Wire.created(Wire.postId(1)));

    client.send(post());

    assertThat(takeAll(3)).extracting(RecordedRequest::getMethod).containsOnly("POST");
  }

  @Test
  void retriesAfterLostResponseWithSamePendingPostId() throws Exception {
    server.enqueue(new MockResponse.Builder().onResponseStart(SocketEffect.ShutdownConnection.INSTANCE).build());
    server.enqueue(noPostsYet());
    server.enqueue(Wire.created(Wire.postId(1)));

    PostResult result = client.send(post());

    assertThat(result.postId()).isEqualTo(Wire.postId(1));
    List<RecordedRequest> requests = takeAll(3);
    assertReadBack(requests.get(1));
    assertThat(Wire.body(requests.get(0)).get("pending_post_id"))
        .isEqualTo(Wire.body(requests.get(2)).get("pending_post_id"));
    assertThat(sleeper.waits).hasSize(1);
  }

  @Test
  void retriesCreateWhoseAnswerIsCutOffAfterTheStatusLine() throws Exception {
    // A 201 without its body has no post id; the same pending_post_id makes the retry return the same post.
    server.enqueue(new MockResponse.Builder().code(201).setHeader("Content-Type", "application/json")
        .body("{\"id\":\"" + Wire.postId(1) + "\",\"channel_id\":\"" + Wire.CHANNEL_ID + "\"}")
        .onResponseBody(SocketEffect.ShutdownConnection.INSTANCE).build());
    server.enqueue(noPostsYet());
    server.enqueue(Wire.created(Wire.postId(1)));

    PostResult result = client.send(post());

    assertThat(result.postId()).isEqualTo(Wire.postId(1));
    List<RecordedRequest> requests = takeAll(3);
    assertReadBack(requests.get(1));
    assertThat(Wire.body(requests.get(0)).get("pending_post_id"))
        .isEqualTo(Wire.body(requests.get(2)).get("pending_post_id"));
  }

  @Test
  void honoursRetryAfterOn429() throws Exception {
    server.enqueue(new MockResponse.Builder().code(429).setHeader("Retry-After", "2")
        .setHeader("X-RateLimit-Reset", "7").setHeader("Content-Type", "text/plain; charset=utf-8")
        .body("limit exceeded\n").build());
    server.enqueue(Wire.created(Wire.postId(1)));

    client.send(post());

    assertThat(sleeper.waits).containsExactly(2000L);
    assertThat(server.getRequestCount()).isEqualTo(2);
  }

  @Test
  void acceptsRetryAfterAsHttpDate() throws Exception {
    String inTwoSeconds = java.time.format.DateTimeFormatter.RFC_1123_DATE_TIME
        .format(java.time.ZonedDateTime.now(java.time.ZoneOffset.UTC).plusSeconds(2));
    server.enqueue(new MockResponse.Builder().code(503).setHeader("Retry-After", inTwoSeconds).build());
    server.enqueue(noPostsYet());
    server.enqueue(Wire.created(Wire.postId(1)));

    client.send(post());

    assertThat(sleeper.waits).hasSize(1);
    assertThat(sleeper.waits.get(0)).isBetween(0L, 2000L);
  }

  @Test
  void usesRateLimitResetSecondsWhenNoRetryAfter() throws Exception {
    server.enqueue(new MockResponse.Builder().code(429).setHeader("X-RateLimit-Reset", "3")
        .body("limit exceeded\n").build());
    server.enqueue(Wire.created(Wire.postId(1)));

    client.send(post());

    assertThat(sleeper.waits).containsExactly(3000L);
  }

  @Test
  void rateLimitErrorCarriesPlainTextBody() {
    MattermostClient once = client.newBuilder().retryPolicy(RetryPolicy.noRetries(Duration.ofSeconds(5))).build();
    server.enqueue(new MockResponse.Builder().code(429).setHeader("Retry-After", "1")
        .setHeader("Content-Type", "text/plain; charset=utf-8").body("limit exceeded\n").build());

    assertThatThrownBy(() -> once.send(post())).isInstanceOfSatisfying(MattermostException.class, e -> {
      assertThat(e.statusCode()).isEqualTo(429);
      assertThat(e.serverMessage()).isEqualTo("limit exceeded");
      assertThat(e.errorId()).isNull();
      assertThat(e.isRetryable()).isTrue();
    });
  }

  @Test
  void givesUpAtOnceWhenServerAsksToWaitPastTheDeadline() {
    server.enqueue(new MockResponse.Builder().code(429).setHeader("Retry-After", "120").body("limit exceeded").build());

    assertThatThrownBy(() -> client.send(post())).isInstanceOfSatisfying(MattermostException.class, e -> {
      assertThat(e.statusCode()).isEqualTo(429);
      assertThat(e.getMessage()).contains("deadline");
    });
    assertThat(server.getRequestCount()).isEqualTo(1);
    assertThat(sleeper.waits).isEmpty();
  }

  @Test
  void neverRetriesOther4xx() {
    for (int code : new int[] {400, 403, 404, 413}) {
      server.enqueue(Wire.appError(code, "api.some.error", "no"));
    }
    for (int code : new int[] {400, 403, 404, 413}) {
      assertThatThrownBy(() -> client.send(post()))
          .isInstanceOfSatisfying(MattermostException.class, e -> {
            assertThat(e.statusCode()).isEqualTo(code);
            assertThat(e.isRetryable()).isFalse();
          });
    }
    assertThat(server.getRequestCount()).isEqualTo(4);
    assertThat(sleeper.waits).isEmpty();
  }

  @Test
  void neverRetriesServerErrorsThatCannotSucceed() {
    server.enqueue(Wire.appError(501, "", "license is neither professional nor enterprise"));
    server.enqueue(Wire.appError(500, "api.post.create_post.channel_root_id.app_error", "Invalid ChannelId for RootId parameter."));
    assertThatThrownBy(() -> client.send(post()))
        .isInstanceOfSatisfying(MattermostException.class, e -> assertThat(e.isRetryable()).isFalse());
    assertThatThrownBy(() -> client.send(post()))
        .isInstanceOfSatisfying(MattermostException.class, e -> assertThat(e.isRetryable()).isFalse());
    assertThat(server.getRequestCount()).isEqualTo(2);
    assertThat(sleeper.waits).isEmpty();
  }

  @Test
  void stopsAfterMaxAttemptsWithLastError() {
    for (int i = 0; i < 4; i++) {
      server.enqueue(Wire.appError(502, "bad.gateway", "upstream down"));
    }
    assertThatThrownBy(() -> client.send(post())).isInstanceOfSatisfying(MattermostException.class, e -> {
      assertThat(e.statusCode()).isEqualTo(502);
      assertThat(e.errorId()).isEqualTo("bad.gateway");
      assertThat(e.requestId()).isEqualTo("req502");
      assertThat(e.isRetryable()).isTrue();
    });
    assertThat(server.getRequestCount()).isEqualTo(4);
    assertThat(sleeper.waits).containsExactly(10L, 20L, 40L);
  }

  @Test
  void backoffIsCappedAndJittered() {
    MattermostClient jittery = client.newBuilder().random(() -> 0.5).retryPolicy(
        Wire.fastRetries().newBuilder().maxAttempts(6).build()).build();
    for (int i = 0; i < 6; i++) {
      server.enqueue(Wire.appError(503, "x", "y"));
    }
    assertThatThrownBy(() -> jittery.send(post())).isInstanceOf(MattermostException.class);
    // base 10, 20, 40, 80, 80 (capped) each reduced by jitter 0.5 * random 0.5 = 25 %.
    assertThat(sleeper.waits).containsExactly(8L, 15L, 30L, 60L, 60L);
  }

  @Test
  void retriesReadTimeoutThenSucceeds() throws Exception {
    // 1 s is far longer than an immediate answer takes on a loaded machine, and far shorter than the 10 s stall.
    MattermostClient impatient = client.newBuilder().readTimeout(Duration.ofSeconds(1)).build();
    server.enqueue(new MockResponse.Builder().headersDelay(10, java.util.concurrent.TimeUnit.SECONDS)
        .code(201).body("{}").build());
    server.enqueue(noPostsYet());
    server.enqueue(Wire.created(Wire.postId(1)));

    PostResult result = impatient.send(post());

    assertThat(result.postId()).isEqualTo(Wire.postId(1));
    assertThat(server.getRequestCount()).isEqualTo(3);
  }

  @Test
  void overallDeadlineBoundsTheWholeSend() throws Exception {
    MattermostClient hurried = client.newBuilder().readTimeout(Duration.ofSeconds(10))
        .retryPolicy(Wire.fastRetries().newBuilder().deadline(Duration.ofMillis(300)).build()).build();
    warmUp(hurried);
    server.enqueue(new MockResponse.Builder().onResponseStart(SocketEffect.Stall.INSTANCE).build());

    long start = System.nanoTime();
    assertThatThrownBy(() -> hurried.send(post())).isInstanceOfSatisfying(MattermostException.class, e -> {
      assertThat(e.statusCode()).isZero();
      assertThat(e.isRetryable()).isTrue();
    });
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(3));
  }

  @Test
  void oneDeadlineCoversAllPartsOfASend() throws Exception {
    MattermostClient hurried = Wire.webhook(server, sleeper).maxMessageLength(20)
        .retryPolicy(Wire.fastRetries().newBuilder().deadline(Duration.ofMillis(2500)).build()).build();
    warmUp(hurried);
    // Each part alone (1 s) fits the 2.5 s deadline, all four (4 s) do not: the send fails in part 3 (part 2 if the
    // machine is slow), and long before all parts could have been answered.
    for (int i = 0; i < 4; i++) {
      server.enqueue(new MockResponse.Builder().headersDelay(1, java.util.concurrent.TimeUnit.SECONDS)
          .code(200).body("ok").build());
    }

    long start = System.nanoTime();
    assertThatThrownBy(() -> hurried.send(Post.builder()
        .text("part one is here\npart two is here\npart three is here\npart four is here").build()))
        .isInstanceOfSatisfying(MattermostException.class,
            e -> assertThat(e.getMessage()).containsPattern("^webhook post \\(part [23] of 4\\)"));
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(3_900));
  }

  /** One answered send first, so class loading and the first connection do not count against a deadline. */
  private void warmUp(MattermostClient client) throws Exception {
    int before = server.getRequestCount();
    boolean webhook = client.isWebhook();
    server.enqueue(webhook ? new MockResponse.Builder().code(200).body("ok").build() : Wire.created(Wire.postId(9)));
    client.send(post());
    server.takeRequest();
    assertThat(server.getRequestCount()).isEqualTo(before + 1);
    sleeper.waits.clear();
  }

  @Test
  void connectionRefusedIsRetriedThenReported() throws Exception {
    server.close();
    // A bound but not listening socket holds the port, so nobody else can start listening there meanwhile.
    try (java.net.Socket holder = new java.net.Socket()) {
      holder.bind(new java.net.InetSocketAddress("127.0.0.1", 0));
      connectionRefusedIsRetriedThenReported(holder.getLocalPort());
    }
  }

  private void connectionRefusedIsRetriedThenReported(int port) {
    MattermostClient refused = MattermostClient.builder().siteUrl("http://127.0.0.1:" + port)
        .token(Wire.TOKEN).retryPolicy(Wire.fastRetries()).sleeper(sleeper).random(() -> 0.0).build();

    assertThatThrownBy(() -> refused.send(post())).isInstanceOfSatisfying(MattermostException.class, e -> {
      assertThat(e.statusCode()).isZero();
      assertThat(e.isRetryable()).isTrue();
      assertThat(e.getMessage()).contains("I/O error");
    });
    assertThat(sleeper.waits).hasSize(3);
  }
}
