package org.commandcenter.mattermost;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class AsyncSenderTest {
  private final MockWebServer server = new MockWebServer();
  private MattermostClient client;

  @BeforeEach
  void start() throws Exception {
    server.start();
    client = Wire.webhook(server, new RecordingSleeper())
        .retryPolicy(RetryPolicy.noRetries(Duration.ofSeconds(3))).build();
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private static Post post(int n) {
    return Post.builder().text("alert " + n).build();
  }

  @Test
  void deliversInOrderAndCounts() throws Exception {
    for (int i = 0; i < 3; i++) {
      server.enqueue(Wire.ok());
    }
    try (AsyncSender sender = AsyncSender.builder(client).build()) {
      List<CompletableFuture<PostResult>> futures = new ArrayList<>();
      for (int i = 0; i < 3; i++) {
        futures.add(sender.submit(post(i)));
      }
      for (CompletableFuture<PostResult> future : futures) {
        assertThat(future.get(5, TimeUnit.SECONDS)).isEqualTo(PostResult.webhook());
      }
      for (int i = 0; i < 3; i++) {
        assertThat(Wire.body(Wire.take(server)).get("text").getAsString()).isEqualTo("alert " + i);
      }
      DeliveryStats stats = sender.stats();
      assertThat(stats.submitted()).isEqualTo(3);
      assertThat(stats.delivered()).isEqualTo(3);
      assertThat(stats.failed()).isZero();
      assertThat(stats.dropped()).isZero();
      assertThat(stats.pending()).isZero();
    }
  }

  @Test
  void fullQueueDropsWithinHandOffTime() throws Exception {
    // The only slot stays taken for 3 s: waiting for it instead of giving up after the 50 ms hand-off would show.
    server.enqueue(new MockResponse.Builder().headersDelay(3, TimeUnit.SECONDS).code(200).body("ok").build());
    MattermostClient patient = client.newBuilder().retryPolicy(RetryPolicy.noRetries(Duration.ofSeconds(15))).build();
    try (AsyncSender sender = AsyncSender.builder(patient).capacity(1).handOffTimeout(Duration.ofMillis(50)).build()) {
      CompletableFuture<PostResult> accepted = sender.submit(post(1));

      long start = System.nanoTime();
      CompletableFuture<PostResult> refused = sender.submit(post(2));
      long waitedMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);

      assertThat(waitedMillis).isLessThan(1_000);
      assertThat(refused).isCompletedExceptionally();
      assertThatThrownBy(refused::get).hasCauseInstanceOf(MattermostException.class);
      assertThat(sender.stats().dropped()).isEqualTo(1);
      assertThat(accepted.get(15, TimeUnit.SECONDS)).isNotNull();
      assertThat(sender.stats().submitted()).isEqualTo(1);
    }
  }

  @Test
  void redeliversRetryableFailuresLater() throws Exception {
    server.enqueue(Wire.appError(503, "down", "maintenance"));
    server.enqueue(new MockResponse.Builder().code(429).setHeader("Retry-After", "0").body("limit exceeded").build());
    server.enqueue(Wire.ok());
    try (AsyncSender sender = AsyncSender.builder(client).redeliveries(3)
        .redeliveryDelay(Duration.ofMillis(20)).build()) {
      PostResult result = sender.submit(post(1)).get(5, TimeUnit.SECONDS);

      assertThat(result).isEqualTo(PostResult.webhook());
      DeliveryStats stats = sender.stats();
      assertThat(stats.retried()).isEqualTo(2);
      assertThat(stats.delivered()).isEqualTo(1);
      assertThat(stats.failed()).isZero();
    }
    assertThat(server.getRequestCount()).isEqualTo(3);
  }

  @Test
  void postsBehindAHeldRedeliveryWaitSoOrderIsKept() throws Exception {
    server.enqueue(Wire.appError(503, "down", "maintenance"));
    server.enqueue(Wire.appError(503, "down", "maintenance"));
    for (int i = 0; i < 3; i++) {
      server.enqueue(Wire.ok());
    }
    try (AsyncSender sender = AsyncSender.builder(client).redeliveries(3)
        .redeliveryDelay(Duration.ofMillis(20)).build()) {
      List<CompletableFuture<PostResult>> futures = new ArrayList<>();
      for (int i = 1; i <= 3; i++) {
        futures.add(sender.submit(post(i)));
      }
      for (CompletableFuture<PostResult> future : futures) {
        assertThat(future.get(5, TimeUnit.SECONDS)).isEqualTo(PostResult.webhook());
      }
      assertThat(sender.stats().retried()).isEqualTo(2);
    }
    // Alert 1 three times (two failures, then delivered) before alerts 2 and 3 are even tried.
    List<String> sent = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      sent.add(Wire.body(Wire.take(server)).get("text").getAsString());
    }
    assertThat(sent).containsExactly("alert 1", "alert 1", "alert 1", "alert 2", "alert 3");
  }

  @Test
  void aPostThatRunsOutOfRedeliveriesFailsAndTheNextOneGoesOut() throws Exception {
    server.enqueue(Wire.appError(503, "down", "maintenance"));
    server.enqueue(Wire.appError(503, "down", "maintenance"));
    server.enqueue(Wire.ok());
    try (AsyncSender sender = AsyncSender.builder(client).redeliveries(1)
        .redeliveryDelay(Duration.ofMillis(10)).build()) {
      CompletableFuture<PostResult> first = sender.submit(post(1));
      CompletableFuture<PostResult> second = sender.submit(post(2));

      assertThat(second.get(5, TimeUnit.SECONDS)).isEqualTo(PostResult.webhook());
      assertThat(first).isCompletedExceptionally();
      assertThat(sender.stats().failed()).isEqualTo(1);
      assertThat(sender.stats().delivered()).isEqualTo(1);
    }
    assertThat(Wire.body(Wire.take(server)).get("text").getAsString()).isEqualTo("alert 1");
    assertThat(Wire.body(Wire.take(server)).get("text").getAsString()).isEqualTo("alert 1");
    assertThat(Wire.body(Wire.take(server)).get("text").getAsString()).isEqualTo("alert 2");
  }

  @Test
  void closeTriesAHeldPostAtOnceInsteadOfWaitingForItsDelay() throws Exception {
    server.enqueue(Wire.appError(503, "down", "maintenance"));
    server.enqueue(Wire.ok());
    server.enqueue(Wire.ok());
    // A redelivery delay of an hour: close() must not wait for it.
    AsyncSender sender = AsyncSender.builder(client).redeliveryDelay(Duration.ofHours(1))
        .closeTimeout(Duration.ofSeconds(10)).build();
    CompletableFuture<PostResult> first = sender.submit(post(1));
    CompletableFuture<PostResult> second = sender.submit(post(2));
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    while (sender.stats().retried() == 0 && System.nanoTime() < deadline) {
      Thread.sleep(5);
    }
    assertThat(sender.stats().retried()).isEqualTo(1);
    assertThat(second).isNotDone();

    long start = System.nanoTime();
    sender.close();

    assertThat(TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - start)).isLessThan(5);
    assertThat(first).isCompletedWithValue(PostResult.webhook());
    assertThat(second).isCompletedWithValue(PostResult.webhook());
    assertThat(server.getRequestCount()).isEqualTo(3);
  }

  @Test
  void redeliveryResumesAfterThePartsAlreadyPosted() throws Exception {
    MattermostClient rest = Wire.rest(server, new RecordingSleeper()).maxMessageLength(20)
        .retryPolicy(RetryPolicy.noRetries(Duration.ofSeconds(3))).build();
    server.enqueue(Wire.created(Wire.postId(1)));
    server.enqueue(Wire.appError(503, "down", "maintenance"));
    server.enqueue(Wire.created(Wire.postId(2)));
    try (AsyncSender sender = AsyncSender.builder(rest).redeliveryDelay(Duration.ofMillis(10)).build()) {
      PostResult result = sender.submit(Post.builder().channel(Wire.CHANNEL_ID)
          .text("first part line\nsecond part line").build()).get(5, TimeUnit.SECONDS);

      assertThat(result.postIds()).containsExactly(Wire.postId(1), Wire.postId(2));
      assertThat(result.rootId()).isEqualTo(Wire.postId(1));
    }
    assertThat(Wire.body(Wire.take(server)).get("message").getAsString()).isEqualTo("first part line");
    com.google.gson.JsonObject failed = Wire.body(Wire.take(server));
    com.google.gson.JsonObject resumed = Wire.body(Wire.take(server));
    assertThat(resumed.get("message").getAsString()).isEqualTo("second part line");
    assertThat(resumed.get("root_id").getAsString()).isEqualTo(Wire.postId(1));
    assertThat(resumed.get("pending_post_id")).isEqualTo(failed.get("pending_post_id"));
    assertThat(server.getRequestCount()).isEqualTo(3);
  }

  @Test
  void countsFailureAfterLastRedelivery() throws Exception {
    for (int i = 0; i < 3; i++) {
      server.enqueue(Wire.appError(503, "down", "maintenance"));
    }
    try (AsyncSender sender = AsyncSender.builder(client).redeliveries(2)
        .redeliveryDelay(Duration.ofMillis(10)).build()) {
      CompletableFuture<PostResult> future = sender.submit(post(1));

      assertThatThrownBy(() -> future.get(5, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class)
          .cause().isInstanceOfSatisfying(MattermostException.class, e -> assertThat(e.statusCode()).isEqualTo(503));
      DeliveryStats stats = sender.stats();
      assertThat(stats.retried()).isEqualTo(2);
      assertThat(stats.failed()).isEqualTo(1);
      assertThat(stats.delivered()).isZero();
    }
  }

  @Test
  void permanentFailureIsNotRedelivered() throws Exception {
    server.enqueue(Wire.appError(400, "web.incoming_webhook.invalid.app_error", "Invalid webhook"));
    try (AsyncSender sender = AsyncSender.builder(client).redeliveryDelay(Duration.ofMillis(10)).build()) {
      CompletableFuture<PostResult> future = sender.submit(post(1));
      assertThatThrownBy(() -> future.get(5, TimeUnit.SECONDS)).hasCauseInstanceOf(MattermostException.class);
      assertThat(sender.stats().retried()).isZero();
      assertThat(sender.stats().failed()).isEqualTo(1);
    }
  }

  @Test
  void closeDeliversQueuedPostsThenRefusesNewOnes() throws Exception {
    for (int i = 0; i < 3; i++) {
      server.enqueue(Wire.ok());
    }
    AsyncSender sender = AsyncSender.builder(client).build();
    List<CompletableFuture<PostResult>> futures = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      futures.add(sender.submit(post(i)));
    }
    sender.close();

    for (CompletableFuture<PostResult> future : futures) {
      assertThat(future).isCompletedWithValue(PostResult.webhook());
    }
    assertThat(sender.submit(post(9))).isCompletedExceptionally();
    assertThat(sender.stats().dropped()).isEqualTo(1);
  }

  @Test
  void idleSenderClosesAtOnce() {
    // A close timeout of a minute: an idle sender that waited for it (or for any timed poll) would show.
    AsyncSender sender = AsyncSender.builder(client).closeTimeout(Duration.ofMinutes(1)).build();
    long start = System.nanoTime();
    sender.close();
    assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start)).isLessThan(900);
  }

  @Test
  void closeFailsWhatItCannotDeliverInTime() throws Exception {
    try (MockWebServer slow = new MockWebServer()) {
      slow.start();
      for (int i = 0; i < 3; i++) {
        // Each post takes 1.5 s against a 100 ms close timeout: only a stall of the test thread longer than a whole
        // delivery could let a second post through.
        slow.enqueue(new MockResponse.Builder().headersDelay(1500, TimeUnit.MILLISECONDS).code(200).body("ok").build());
      }
      MattermostClient slowClient = Wire.webhook(slow, new RecordingSleeper())
          .retryPolicy(RetryPolicy.noRetries(Duration.ofSeconds(5))).build();
      AsyncSender sender = AsyncSender.builder(slowClient).closeTimeout(Duration.ofMillis(100)).build();
      List<CompletableFuture<PostResult>> futures = new ArrayList<>();
      for (int i = 0; i < 3; i++) {
        futures.add(sender.submit(post(i)));
      }
      sender.close();

      CompletableFuture.allOf(futures.toArray(new CompletableFuture<?>[0]))
          .handle((ok, failure) -> null).get(15, TimeUnit.SECONDS);
      long failed = futures.stream().filter(CompletableFuture::isCompletedExceptionally).count();
      assertThat(failed).isGreaterThanOrEqualTo(2);
      DeliveryStats stats = sender.stats();
      assertThat(stats.failed() + stats.delivered()).isEqualTo(3);
      assertThat(stats.pending()).isZero();
    }
  }
}
