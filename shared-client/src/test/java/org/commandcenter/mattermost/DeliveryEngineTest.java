package org.commandcenter.mattermost;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The delivery engine against a scripted Mattermost: what went over the wire, in which order, and what it told. */
class DeliveryEngineTest {
  private static final Instant START = Instant.parse("2026-12-01T10:00:00Z");

  private final MockWebServer server = new MockWebServer();
  private final ScriptedMattermost mattermost = new ScriptedMattermost();
  private final TestClock clock = new TestClock(START);
  private final List<String> events = new CopyOnWriteArrayList<>();
  private MattermostClient client;
  private DeliveryEngine engine;

  @TempDir
  Path dir;

  @BeforeEach
  void start() throws Exception {
    server.setDispatcher(mattermost);
    server.start();
    client = Wire.rest(server, new RecordingSleeper()).retryPolicy(RetryPolicy.noRetries(Duration.ofSeconds(5)))
        .build();
  }

  @AfterEach
  void stop() {
    if (engine != null) {
      engine.close();
    }
    server.close();
  }

  private DeliveryEngine.Builder engine() {
    return DeliveryEngine.builder(connection -> {
      if (!connection.equals("bot")) {
        throw new IllegalArgumentException("connection: no such connection " + connection);
      }
      return client;
    }).clock(clock).addListener(new DeliveryListener() {
      @Override
      public void delivered(Delivery delivery, DeliveryResult result) {
        events.add("delivered " + delivery.attributes().get("n") + " " + result.status());
      }

      @Override
      public void failed(Delivery delivery, DeliveryResult result) {
        events.add("failed " + delivery.attributes().get("n"));
      }

      @Override
      public void dropped(Delivery delivery) {
        events.add("dropped " + delivery.attributes().get("n"));
      }

      @Override
      public void withdrawn(Delivery delivery) {
        events.add("withdrawn " + delivery.attributes().get("n"));
      }

      @Override
      public void stoppedWorking(String connection, DeliveryHealth health) {
        events.add("stopped " + connection);
      }

      @Override
      public void recovered(String connection, DeliveryHealth health) {
        events.add("recovered " + connection);
      }
    });
  }

  private DeliveryEngine started(DeliveryEngine.Builder builder) throws Exception {
    engine = builder.build();
    engine.start();
    return engine;
  }

  private static Delivery alert(int n, String channel) {
    return Delivery.builder().connection("bot").channel(channel)
        .post(Post.builder().text("alert " + n).build())
        .summary(Delivery.Summary.of(n % 3 == 0 ? Delivery.Severity.ERROR : Delivery.Severity.WARNING,
            "job-" + n + " #1 failed", "https://ci.example.com/job/job-" + n + "/1/"))
        .attribute("n", Integer.toString(n))
        .build();
  }

  private static Delivery plain(int n, String channel) {
    return Delivery.builder().connection("bot").channel(channel).post(Post.builder().text("message " + n).build())
        .attribute("n", Integer.toString(n)).build();
  }

  private void await(BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("timed out; calls: " + mattermost.calls() + ", events: " + events);
      }
      Thread.sleep(5);
    }
  }

  /** Moves the test clock on until the condition holds (each step lets the engine see the new time). */
  private void advanceUntil(Duration step, BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("timed out; calls: " + mattermost.calls() + ", events: " + events);
      }
      clock.advance(step);
      Thread.sleep(10);
    }
  }

  @Test
  void deliversTheStepsOfADeliveryInOrderWithRepliesInTheThreadOfTheirRoot() throws Exception {
    started(engine());
    Delivery delivery = Delivery.builder().connection("bot").channel(Wire.CHANNEL_ID)
        .post(Post.builder().text("root").build())
        .reply(0, Post.builder().text("details").build())
        .update(Wire.postId(77), Post.builder().text("edited").build())
        .attribute("n", "1")
        .build();

    DeliveryResult result = engine.submit(delivery).outcome().get(5, TimeUnit.SECONDS);

    assertThat(result.status()).isEqualTo(DeliveryResult.Status.DELIVERED);
    List<ScriptedMattermost.Call> calls = mattermost.calls();
    assertThat(calls).extracting(ScriptedMattermost.Call::method).containsExactly("POST", "POST", "PUT");
    String rootId = result.posts().get(0).postId();
    assertThat(calls.get(0).body().get("channel_id").getAsString()).isEqualTo(Wire.CHANNEL_ID);
    assertThat(calls.get(1).body().get("root_id").getAsString()).isEqualTo(rootId);
    assertThat(calls.get(0).body().getAsJsonObject("props").get("command_center_delivery").getAsString())
        .isEqualTo(delivery.id() + ":0:0");
    assertThat(calls.get(1).body().getAsJsonObject("props").get("command_center_delivery").getAsString())
        .isEqualTo(delivery.id() + ":1:0");
    assertThat(calls.get(2).path()).isEqualTo("/api/v4/posts/" + Wire.postId(77) + "/patch");
    assertThat(result.posts()).hasSize(3);
    assertThat(events).containsExactly("delivered 1 DELIVERED");
    assertThat(engine.health().delivered()).isEqualTo(1);
    assertThat(engine.health().waiting()).isZero();
  }

  @Test
  void aFailureHoldsTheChannelBehindItButNotOtherChannels() throws Exception {
    started(engine().initialRetryDelay(Duration.ofSeconds(1)));
    mattermost.then(ScriptedMattermost.busy());
    Submission first = engine.submit(plain(1, "builds"));

    DeliveryResult attempt = first.firstAttempt().get(5, TimeUnit.SECONDS);
    assertThat(attempt.status()).isEqualTo(DeliveryResult.Status.WAITING);
    assertThat(attempt.error()).contains("HTTP 503");
    Submission second = engine.submit(plain(2, "builds"));
    Thread.sleep(100);
    assertThat(mattermost.creates()).hasSize(1);

    advanceUntil(Duration.ofMillis(200), () -> second.outcome().isDone());
    assertThat(mattermost.creates()).extracting(ScriptedMattermost.Call::message)
        .containsExactly("message 1", "message 1", "message 2");
    assertThat(first.outcome().join().status()).isEqualTo(DeliveryResult.Status.DELIVERED);
    assertThat(events).containsSubsequence("stopped bot", "recovered bot");
  }

  @Test
  void aRefusalFailsOnlyThatDeliveryForGood() throws Exception {
    started(engine());
    mattermost.then(Wire.appError(403, "api.context.permissions.app_error", "You do not have the permission"));
    Submission refused = engine.submit(plain(1, "builds"));
    Submission next = engine.submit(plain(2, "builds"));

    assertThat(refused.outcome().get(5, TimeUnit.SECONDS).status()).isEqualTo(DeliveryResult.Status.FAILED);
    assertThat(refused.outcome().join().error()).contains("403");
    assertThat(next.outcome().get(5, TimeUnit.SECONDS).status()).isEqualTo(DeliveryResult.Status.DELIVERED);
    assertThat(engine.health().failed()).isEqualTo(1);
    assertThat(engine.health().isReachable()).isTrue();
    assertThat(events).contains("failed 1", "delivered 2 DELIVERED").doesNotContain("stopped bot");
  }

  @Test
  void anUnknownConnectionFailsForGoodNamingIt() throws Exception {
    started(engine());
    DeliveryResult result = engine.submit(Delivery.builder().connection("gone").channel("builds")
        .post(Post.builder().text("x").build()).build()).outcome().get(5, TimeUnit.SECONDS);
    assertThat(result.status()).isEqualTo(DeliveryResult.Status.FAILED);
    assertThat(result.error()).contains("no such connection gone");
  }

  @Test
  void whenFullTheOldestWaitingDeliveryIsDroppedCountedAndLogged() throws Exception {
    List<String> log = new CopyOnWriteArrayList<>();
    java.util.logging.Handler handler = JournalStoreTest.capture(log);
    try {
      started(engine().capacity(3));
      mattermost.outage(ScriptedMattermost.busy());
      Submission first = engine.submit(plain(1, "builds"));
      first.firstAttempt().get(5, TimeUnit.SECONDS);
      Submission second = engine.submit(plain(2, "builds"));
      engine.submit(plain(3, "builds"));
      engine.submit(plain(4, "builds"));
      engine.submit(plain(5, "builds"));

      // The first waits for its next attempt: it is the oldest waiting, then the second.
      assertThat(first.outcome().get(5, TimeUnit.SECONDS).status()).isEqualTo(DeliveryResult.Status.DROPPED);
      assertThat(second.outcome().get(5, TimeUnit.SECONDS).status()).isEqualTo(DeliveryResult.Status.DROPPED);
      assertThat(engine.health().dropped()).isEqualTo(2);
      assertThat(engine.health().waiting()).isEqualTo(3);
      assertThat(events).contains("dropped 1", "dropped 2");
      assertThat(log).anySatisfy(line -> assertThat(line).contains("dropped the oldest waiting one")
          .contains("Dropped so far: 2"));
    } finally {
      java.util.logging.Logger.getLogger(DeliveryEngine.class.getName()).removeHandler(handler);
    }
  }

  @Test
  void aNewerStateReplacesAWaitingOneWithTheSameKey() throws Exception {
    started(engine());
    mattermost.outage(ScriptedMattermost.busy());
    engine.submit(plain(1, "builds")).firstAttempt().get(5, TimeUnit.SECONDS);
    Delivery started = Delivery.builder().connection("bot").channel("builds").coalesceKey("app#42")
        .post(Post.builder().text("app #42 started").build()).build();
    Delivery finished = Delivery.builder().connection("bot").channel("builds").coalesceKey("app#42")
        .post(Post.builder().text("app #42 failed").build()).build();
    Submission replaced = engine.submit(started);
    Submission latest = engine.submit(finished);

    DeliveryResult result = replaced.outcome().get(5, TimeUnit.SECONDS);
    assertThat(result.status()).isEqualTo(DeliveryResult.Status.COALESCED);
    assertThat(result.replacedBy()).isEqualTo(finished.id());
    mattermost.recover();
    engine.retryNow();
    latest.outcome().get(5, TimeUnit.SECONDS);
    assertThat(mattermost.stored()).extracting(post -> post.get("message").getAsString())
        .containsExactly("message 1", "app #42 failed");
    assertThat(engine.health().coalesced()).isEqualTo(1);
  }

  @Test
  void moreThanTheThresholdWaitingGoOutAsOneDigestWorstFirst() throws Exception {
    started(engine().digestThreshold(5));
    mattermost.outage(ScriptedMattermost.busy());
    List<Submission> submissions = new ArrayList<>();
    submissions.add(engine.submit(alert(1, "builds")));
    submissions.get(0).firstAttempt().get(5, TimeUnit.SECONDS);
    for (int n = 2; n <= 8; n++) {
      submissions.add(engine.submit(alert(n, "builds")));
    }
    mattermost.recover();
    engine.retryNow();
    for (Submission submission : submissions) {
      assertThat(submission.outcome().get(5, TimeUnit.SECONDS).status()).isEqualTo(DeliveryResult.Status.DIGESTED);
    }

    List<com.google.gson.JsonObject> stored = mattermost.stored();
    assertThat(stored).hasSize(1);
    String message = stored.get(0).get("message").getAsString();
    assertThat(message).startsWith(":bell: **8 notifications at once** (more than 5 were waiting");
    List<String> lines = message.lines().skip(1).toList();
    assertThat(lines).hasSize(8);
    // Errors (3, 6) first, then the warnings, each in arrival order.
    assertThat(lines.get(0)).isEqualTo(
        "- :red_circle: [job-3 #1 failed](https://ci.example.com/job/job-3/1/)");
    assertThat(lines.get(1)).contains("job-6");
    assertThat(lines.get(2)).startsWith("- :large_orange_diamond: [job-1 #1 failed]");
    assertThat(stored.get(0).getAsJsonObject("props").getAsJsonArray("command_center_digest")).hasSize(8);
    assertThat(engine.health().digested()).isEqualTo(8);
    assertThat(engine.health().delivered()).isEqualTo(8);
    assertThat(events).contains("delivered 3 DIGESTED");
  }

  @Test
  void afterThatManyInAMinuteTheNextAreGatheredIntoADigest() throws Exception {
    started(engine().digestThreshold(3).digestDelay(Duration.ofSeconds(10)));
    for (int n = 1; n <= 3; n++) {
      engine.submit(alert(n, "builds")).outcome().get(5, TimeUnit.SECONDS);
    }
    Submission fourth = engine.submit(alert(4, "builds"));
    // Whoever waits for its first attempt hears at once that it is held for a digest.
    assertThat(fourth.firstAttempt().get(5, TimeUnit.SECONDS).status()).isEqualTo(DeliveryResult.Status.QUEUED);
    assertThat(mattermost.stored()).hasSize(3);
    Submission fifth = engine.submit(alert(5, "builds"));
    Thread.sleep(50);
    assertThat(fourth.outcome()).isNotDone();

    clock.advance(Duration.ofSeconds(10));
    assertThat(fourth.outcome().get(5, TimeUnit.SECONDS).status()).isEqualTo(DeliveryResult.Status.DIGESTED);
    assertThat(fifth.outcome().get(5, TimeUnit.SECONDS).status()).isEqualTo(DeliveryResult.Status.DIGESTED);
    assertThat(mattermost.stored()).hasSize(4);
    assertThat(mattermost.stored().get(3).get("message").getAsString()).contains("**2 notifications at once**");
  }

  @Test
  void aDigestNeverJumpsOverAPostWithoutSummary() throws Exception {
    started(engine().digestThreshold(2));
    mattermost.outage(ScriptedMattermost.busy());
    engine.submit(alert(1, "builds")).firstAttempt().get(5, TimeUnit.SECONDS);
    engine.submit(alert(2, "builds"));
    engine.submit(plain(3, "builds"));
    engine.submit(alert(4, "builds"));
    engine.submit(alert(5, "builds"));
    Submission last = engine.submit(alert(6, "builds"));
    mattermost.recover();
    engine.retryNow();
    last.outcome().get(5, TimeUnit.SECONDS);

    assertThat(mattermost.stored()).extracting(post -> post.get("message").getAsString().lines().findFirst().get())
        .containsExactly(":bell: **2 notifications at once** (more than 2 were waiting for this channel), worst first:",
            "message 3",
            ":bell: **3 notifications at once** (more than 2 were waiting for this channel), worst first:");
  }

  @Test
  void requestsAreSpacedByWhatTheRateLimiterSays() throws Exception {
    started(engine());
    // One left of 101, 10 s to full: a request comes back every 10 s / 100 = 100 ms.
    mattermost.then(Wire.created(Wire.postId(500)).newBuilder().setHeader("X-RateLimit-Limit", "101")
        .setHeader("X-RateLimit-Remaining", "1").setHeader("X-RateLimit-Reset", "10").build());
    engine.submit(plain(1, "builds")).outcome().get(5, TimeUnit.SECONDS);
    Submission second = engine.submit(plain(2, "builds"));
    Thread.sleep(150);
    assertThat(second.outcome()).isNotDone();

    clock.advance(Duration.ofMillis(100));
    assertThat(second.outcome().get(5, TimeUnit.SECONDS).status()).isEqualTo(DeliveryResult.Status.DELIVERED);
  }

  @Test
  void aRateLimitedAttemptWaitsAsLongAsTheServerAsks() throws Exception {
    started(engine().initialRetryDelay(Duration.ofMillis(100)));
    mattermost.then(new MockResponse.Builder().code(429).setHeader("X-RateLimit-Limit", "101")
        .setHeader("X-RateLimit-Remaining", "0").setHeader("X-RateLimit-Reset", "11").setHeader("Retry-After", "3")
        .body("limit exceeded\n").build());
    Submission submission = engine.submit(plain(1, "builds"));
    submission.firstAttempt().get(5, TimeUnit.SECONDS);

    clock.advance(Duration.ofMillis(2_900));
    Thread.sleep(100);
    assertThat(submission.outcome()).isNotDone();
    clock.advance(Duration.ofMillis(200));
    assertThat(submission.outcome().get(5, TimeUnit.SECONDS).status()).isEqualTo(DeliveryResult.Status.DELIVERED);
  }

  @Test
  void healthShowsSinceWhenAndWhyAndRetryNowEndsTheWait() throws Exception {
    started(engine().initialRetryDelay(Duration.ofMinutes(1)).maxRetryDelay(Duration.ofMinutes(5)));
    mattermost.outage(ScriptedMattermost.busy());
    Submission submission = engine.submit(plain(1, "builds"));
    submission.firstAttempt().get(5, TimeUnit.SECONDS);

    DeliveryHealth health = engine.health();
    assertThat(health.unreachableSince()).contains(START);
    assertThat(health.lastError()).hasValueSatisfying(error -> assertThat(error).contains("503")
        .doesNotContain(Wire.TOKEN));
    assertThat(health.waiting()).isEqualTo(1);
    assertThat(health.oldestWaitingSince()).contains(START);
    assertThat(engine.isUnreachable("bot")).isTrue();

    mattermost.recover();
    engine.retryNow();
    submission.outcome().get(5, TimeUnit.SECONDS);
    assertThat(engine.health().isReachable()).isTrue();
    assertThat(engine.health().waiting()).isZero();
    assertThat(events).containsExactly("stopped bot", "recovered bot", "delivered 1 DELIVERED");
  }

  @Test
  void aWebhookDeliveryCannotReplyInAThread() throws Exception {
    MattermostClient webhook = Wire.webhook(server, new RecordingSleeper())
        .retryPolicy(RetryPolicy.noRetries(Duration.ofSeconds(5))).build();
    engine = DeliveryEngine.builder(key -> webhook).build();
    engine.start();
    mattermost.then(Wire.ok()).then(Wire.ok());
    DeliveryResult result = engine.submit(Delivery.builder().connection("hook")
        .post(Post.builder().text("root").build()).reply(0, Post.builder().text("reply").build()).build())
        .outcome().get(5, TimeUnit.SECONDS);

    assertThat(result.status()).isEqualTo(DeliveryResult.Status.FAILED);
    assertThat(result.error()).contains("steps[1].replyTo");
    assertThat(result.posts()).hasSize(1);
  }

  @Test
  void submitNeedsAStartedEngineAndAClosedOneRefuses() throws Exception {
    engine = engine().build();
    assertThatThrownBy(() -> engine.submit(plain(1, "builds"))).isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("start()");
    engine.start();
    engine.close();
    DeliveryResult refused = engine.submit(plain(2, "builds")).outcome().get(1, TimeUnit.SECONDS);
    assertThat(refused.status()).isEqualTo(DeliveryResult.Status.FAILED);
    assertThat(refused.error()).contains("closed");
  }

  @Test
  void closingAnInMemoryEngineFailsWhatWaitsButADurableOneKeepsItForTheNextStart() throws Exception {
    started(engine());
    mattermost.outage(ScriptedMattermost.busy());
    Submission lost = engine.submit(plain(1, "builds"));
    lost.firstAttempt().get(5, TimeUnit.SECONDS);
    engine.close();
    assertThat(lost.outcome().get(1, TimeUnit.SECONDS).status()).isEqualTo(DeliveryResult.Status.FAILED);

    engine = engine().outbox(Outbox.directory(dir)).build();
    engine.start();
    Submission kept = engine.submit(plain(2, "builds"));
    kept.firstAttempt().get(5, TimeUnit.SECONDS);
    engine.close();
    assertThat(kept.outcome().get(1, TimeUnit.SECONDS).status()).isEqualTo(DeliveryResult.Status.WAITING);

    mattermost.recover();
    events.clear();
    engine = engine().outbox(Outbox.directory(dir)).build();
    engine.start();
    await(() -> engine.health().waiting() == 0);
    assertThat(mattermost.stored()).extracting(post -> post.get("message").getAsString())
        .containsExactly("message 2");
    await(() -> events.contains("delivered 2 DELIVERED"));
  }

  @Test
  void afterARestartWhatAnInterruptedAttemptPostedIsFoundAndNotPostedAgain() throws Exception {
    engine = engine().outbox(Outbox.directory(dir)).build();
    engine.start();
    mattermost.outage(ScriptedMattermost.busy());
    Delivery root = Delivery.builder().connection("bot").channel("builds").attribute("n", "1")
        .post(Post.builder().text("root").build()).reply(0, Post.builder().text("reply").build()).build();
    Submission submission = engine.submit(root);
    engine.submit(plain(2, "builds"));
    submission.firstAttempt().get(5, TimeUnit.SECONDS);
    engine.close();
    // Meanwhile the root post made it (the process died before it heard the answer).
    mattermost.recover();
    MattermostClient direct = client;
    direct.send(Post.builder().channel("builds").text("root").build(), new SendProgress(root.id(), 0, clock));
    int before = mattermost.stored().size();

    events.clear();
    engine = engine().outbox(Outbox.directory(dir)).build();
    engine.start();
    await(() -> engine.health().waiting() == 0);

    List<com.google.gson.JsonObject> stored = mattermost.stored();
    assertThat(before).isEqualTo(1);
    assertThat(stored).extracting(post -> post.get("message").getAsString())
        .containsExactly("root", "reply", "message 2");
    assertThat(stored.get(1).get("root_id").getAsString()).isEqualTo(stored.get(0).get("id").getAsString());
    assertThat(mattermost.calls()).anySatisfy(call -> assertThat(call.path())
        .isEqualTo("/api/v4/channels/" + ScriptedMattermost.channelId("builds") + "/posts"));
    await(() -> events.contains("delivered 1 DELIVERED"));
  }

  @Test
  void anUnreadableOutboxEntryIsMovedAsideAndTheRestIsDelivered() throws Exception {
    engine = engine().outbox(Outbox.directory(dir)).build();
    engine.start();
    mattermost.outage(ScriptedMattermost.busy());
    Delivery doomed = plain(1, "builds");
    engine.submit(doomed).firstAttempt().get(5, TimeUnit.SECONDS);
    engine.submit(plain(2, "builds"));
    engine.close();
    // Damage the first delivery's JSON so that it no longer parses, keeping its journal checksum valid.
    try (JournalStore store = JournalStore.open(dir)) {
      JournalStore.Recovered first = store.takeRecovered().get(0);
      store.remove(first.id());
      store.put(first.id(), "{\"v\":1,\"broken".getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }
    mattermost.recover();
    engine = engine().outbox(Outbox.directory(dir)).build();
    engine.start();
    await(() -> engine.health().waiting() == 0);

    assertThat(mattermost.stored()).extracting(post -> post.get("message").getAsString())
        .containsExactly("message 2");
    assertThat(dir.resolve("corrupt").resolve(doomed.id() + ".json")).exists();
  }
  @Test
  void itsWorkersAreMadeByTheHostsThreadFactoryAndDeliver() throws Exception {
    List<String> made = new CopyOnWriteArrayList<>();
    java.util.concurrent.atomic.AtomicInteger count = new java.util.concurrent.atomic.AtomicInteger();
    started(engine().workers(3).threadFactory(task -> {
      Thread thread = new Thread(task, "host-pool-" + count.incrementAndGet());
      thread.setDaemon(true);
      made.add(thread.getName());
      return thread;
    }));

    DeliveryResult result = engine.submit(plain(1, "builds")).outcome().get(5, TimeUnit.SECONDS);

    assertThat(result.status()).isEqualTo(DeliveryResult.Status.DELIVERED);
    assertThat(made).containsExactly("host-pool-1", "host-pool-2", "host-pool-3");
    assertThat(Thread.getAllStackTraces().keySet()).extracting(Thread::getName)
        .contains("host-pool-1", "host-pool-2", "host-pool-3");
  }

  @Test
  void withoutAThreadFactoryItsWorkersAreDaemonsNamedForTheEngine() throws Exception {
    started(engine().workers(2));

    assertThat(Thread.getAllStackTraces().keySet()).filteredOn(t -> t.getName().startsWith("mattermost-delivery-"))
        .isNotEmpty().allSatisfy(thread -> assertThat(thread.isDaemon()).isTrue());
    assertThatThrownBy(() -> engine().threadFactory(null)).hasMessage("threadFactory == null");
  }

  private static Delivery conditional(int n, String channel, String condition) {
    return plain(n, channel).newBuilder().condition(condition).attribute("n", Integer.toString(n)).build();
  }

  @Test
  void aConditionIsCheckedOffTheSubmittersThreadAndWhatNoLongerHoldsIsWithdrawnUnsent() throws Exception {
    java.util.concurrent.CountDownLatch answer = new java.util.concurrent.CountDownLatch(1);
    List<String> asked = new CopyOnWriteArrayList<>();
    started(engine().condition(delivery -> {
      asked.add(delivery.condition() + " on " + Thread.currentThread().getName());
      try {
        answer.await(5, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      return delivery.condition().equals("send");
    }));

    long before = System.nanoTime();
    Submission withdrawn = engine.submit(conditional(1, "builds", "skip"));
    Submission unconditional = engine.submit(plain(2, "builds"));
    Submission sent = engine.submit(conditional(3, "builds", "send"));
    long submitMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - before);
    await(() -> !asked.isEmpty());
    Thread.sleep(50);
    // Nothing of the channel goes out while a condition is being checked.
    assertThat(mattermost.creates()).isEmpty();
    answer.countDown();

    assertThat(withdrawn.outcome().get(5, TimeUnit.SECONDS).status()).isEqualTo(DeliveryResult.Status.WITHDRAWN);
    assertThat(withdrawn.firstAttempt().get(1, TimeUnit.SECONDS).status()).isEqualTo(DeliveryResult.Status.WITHDRAWN);
    assertThat(unconditional.outcome().get(5, TimeUnit.SECONDS).status()).isEqualTo(DeliveryResult.Status.DELIVERED);
    assertThat(sent.outcome().get(5, TimeUnit.SECONDS).status()).isEqualTo(DeliveryResult.Status.DELIVERED);
    assertThat(submitMillis).as("submit waits for no check").isLessThan(2000);
    assertThat(asked).hasSize(2).allSatisfy(call -> assertThat(call).contains(" on mattermost-delivery-"));
    assertThat(mattermost.stored()).extracting(post -> post.get("message").getAsString())
        .containsExactly("message 2", "message 3");
    await(() -> events.contains("withdrawn 1"));
    assertThat(events).doesNotContain("failed 1", "delivered 1 DELIVERED");
    assertThat(engine.health().waiting()).isZero();
    assertThat(engine.health().delivered()).isEqualTo(2);
  }

  @Test
  void aCheckThatFailsNeverLosesTheDelivery() throws Exception {
    started(engine().condition(delivery -> {
      throw new IllegalStateException("web API down");
    }));

    DeliveryResult result = engine.submit(conditional(1, "builds", "previous:ERROR")).outcome()
        .get(5, TimeUnit.SECONDS);

    assertThat(result.status()).isEqualTo(DeliveryResult.Status.DELIVERED);
    assertThat(mattermost.stored()).extracting(post -> post.get("message").getAsString())
        .containsExactly("message 1");
  }

  @Test
  void aConditionIsKeptInTheOutboxAndCheckedAgainAfterARestart() throws Exception {
    List<String> asked = new CopyOnWriteArrayList<>();
    engine = engine().outbox(Outbox.directory(dir)).condition(delivery -> {
      asked.add("first run: " + delivery.condition());
      return true;
    }).build();
    engine.start();
    mattermost.outage(ScriptedMattermost.busy());
    engine.submit(conditional(1, "builds", "previous-gate:ERROR")).firstAttempt().get(5, TimeUnit.SECONDS);
    engine.submit(conditional(2, "builds", "previous-gate:!ERROR"));
    await(() -> asked.size() == 2);
    engine.close();

    mattermost.recover();
    engine = engine().outbox(Outbox.directory(dir)).condition(delivery -> {
      asked.add("second run: " + delivery.condition());
      return delivery.condition().endsWith("!ERROR");
    }).build();
    engine.start();
    await(() -> engine.health().waiting() == 0);

    assertThat(asked).containsExactly("first run: previous-gate:ERROR", "first run: previous-gate:!ERROR",
        "second run: previous-gate:ERROR", "second run: previous-gate:!ERROR");
    assertThat(mattermost.stored()).extracting(post -> post.get("message").getAsString())
        .containsExactly("message 2");
    await(() -> events.contains("withdrawn 1"));
  }
}
