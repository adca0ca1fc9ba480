package org.commandcenter.notifier.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.commandcenter.notifier.core.BuildResult.FAILURE;
import static org.commandcenter.notifier.core.BuildResult.SUCCESS;
import static org.commandcenter.notifier.core.Fixtures.build;

import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.commandcenter.mattermost.DeliveryEngine;
import org.commandcenter.mattermost.MattermostClient;
import org.commandcenter.mattermost.Outbox;
import org.commandcenter.mattermost.RetryPolicy;
import org.commandcenter.sandbox.MattermostSandbox;
import org.commandcenter.sandbox.ReceivedPost;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The core on a host's durable delivery engine, as the Jenkins adapter wires it: notifications outlive an outage
 * and a restart, record their threads on the build when they are finally delivered, collapse a build's states,
 * and come as a digest when many wait.
 */
class DurableDeliveryTest {
  private static final String TEAM = MattermostSandbox.TEAM;

  private MattermostSandbox mattermost;
  private MattermostClient client;
  private DeliveryEngine engine;
  private final List<String> log = new CopyOnWriteArrayList<>();
  private final InMemoryJobThreads job = new InMemoryJobThreads();

  @TempDir
  Path dir;

  @BeforeEach
  void start() throws Exception {
    mattermost = MattermostSandbox.builder().withSampleData().build().start();
    client = MattermostClient.builder().siteUrl(mattermost.url()).token(MattermostSandbox.JENKINS_BOT_TOKEN)
        .team(TEAM).retryPolicy(RetryPolicy.noRetries(Duration.ofSeconds(5))).build();
    client.channel(TEAM, "builds");
  }

  @AfterEach
  void stop() {
    if (engine != null) {
      engine.close();
    }
    mattermost.close();
  }

  /** The host's engine: a file outbox, its resolver, the core's listener with a locator of builds. */
  private DeliveryEngine hostEngine() throws Exception {
    return hostEngine(Duration.ofMillis(50));
  }

  private DeliveryEngine hostEngine(Duration retryDelay) throws Exception {
    DeliveryEngine engine = DeliveryEngine.builder(connection -> connection.equals("global") ? client : null)
        .outbox(Outbox.directory(dir.resolve("outbox")))
        .initialRetryDelay(retryDelay).maxRetryDelay(retryDelay.multipliedBy(2))
        .addListener(NotificationEngine.deliveryListener((jobName, number) ->
            jobName.equals("app/main") ? Optional.of(job.forBuild(number)) : Optional.empty()))
        .build();
    engine.start();
    return engine;
  }

  private NotificationEngine notifier(ThreadStore store) {
    return NotificationEngine.builder().client(client).threadStore(store).log(log::add)
        .delivery(engine, "global").build();
  }

  private static NotifyConfig.Builder config() {
    return NotifyConfig.builder().events(EnumSet.allOf(BuildEvent.class)).channel("builds")
        .urgentOnMainLineFailure(false).deadline(Duration.ofSeconds(5));
  }

  private void await(BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    while (!condition.getAsBoolean() && System.nanoTime() < deadline) {
      Thread.sleep(20);
    }
    assertThat(condition.getAsBoolean()).as("in time; log: %s", log).isTrue();
  }

  @Test
  void aNotificationQueuedDuringAnOutageIsDeliveredAfterARestartAndRecordsItsThreadOnTheBuild() throws Exception {
    engine = hostEngine();
    mattermost.faults().down();
    NotifyOutcome outcome = notifier(job.forBuild(42)).notify(build(FAILURE, SUCCESS).build(), config().build());

    assertThat(outcome.failures()).containsOnlyKeys("builds");
    assertThat(log).anySatisfy(line -> assertThat(line).startsWith("[Mattermost] Could not notify channel builds: ")
        .endsWith("; it stays queued and is retried in the background"));
    engine.close(); // the host stops (or dies) with the notification in its outbox

    InMemoryJobThreads afterRestart = job;
    mattermost.faults().up();
    engine = hostEngine();
    await(() -> engine.health().waiting() == 0);

    List<ReceivedPost> posts = mattermost.posts(TEAM, "builds");
    assertThat(posts).hasSize(1);
    assertThat(posts.get(0).attachments().get(0).get("title").getAsString()).isEqualTo("app » main #42");
    // Recorded through the locator: the next notification of the build updates this post.
    await(() -> afterRestart.forBuild(42).buildThread("builds").isPresent());
    assertThat(afterRestart.forBuild(42).buildThread("builds").get().postId()).isEqualTo(posts.get(0).id());
    assertThat(afterRestart.forBuild(42).openIncident("builds")).isPresent();
  }

  @Test
  void aBuildsCompletedStateReplacesItsStartedStateWhileBothWait() throws Exception {
    engine = hostEngine();
    mattermost.faults().down();
    NotificationEngine notifier = notifier(job.forBuild(42));
    notifier.notify(build(null, SUCCESS).build(), config().build());
    notifier.notify(build(FAILURE, SUCCESS).logTail(List.of("BUILD FAILED")).build(), config().build());
    mattermost.faults().up();
    engine.retryNow();
    await(() -> engine.health().waiting() == 0);

    List<ReceivedPost> posts = mattermost.posts(TEAM, "builds");
    // One root in its final state (not a "started" root left behind) and the log tail in its thread.
    assertThat(posts).hasSize(2);
    assertThat(posts.get(0).attachments().get(0).get("color").getAsString()).isEqualTo("#A30200");
    assertThat(posts.get(1).rootId()).isEqualTo(posts.get(0).id());
    assertThat(engine.health().coalesced()).isEqualTo(1);
    assertThat(job.forBuild(42).buildThread("builds").get().postId()).isEqualTo(posts.get(0).id());
  }

  @Test
  void manyFailuresWaitingForOneChannelGoOutAsOneDigest() throws Exception {
    engine = hostEngine();
    mattermost.faults().down();
    for (int number = 1; number <= 8; number++) {
      BuildFacts facts = build(FAILURE, SUCCESS).buildNumber(number)
          .buildUrl("https://ci.example.com/job/app/job/main/" + number + "/").build();
      notifier(job.forBuild(number)).notify(facts, config().deadline(Duration.ofSeconds(2)).build());
    }
    mattermost.faults().up();
    engine.retryNow();
    await(() -> engine.health().waiting() == 0);

    List<ReceivedPost> posts = mattermost.posts(TEAM, "builds");
    assertThat(posts).hasSize(1);
    assertThat(posts.get(0).message()).startsWith(":bell: **8 notifications at once**")
        .contains("[app » main #3: failure](https://ci.example.com/job/app/job/main/3/)");
    assertThat(engine.health().digested()).isEqualTo(8);
  }

  @Test
  void committersAreNotLookedUpWhileMattermostIsUnreachable() throws Exception {
    engine = hostEngine();
    mattermost.faults().down();
    BuildFacts withChanges = build(FAILURE, SUCCESS).changes(List.of(Change.builder().commitId("abc1234")
        .authorName("Alice").authorEmail("alice@example.com").message("Oops").build())).build();
    NotifyConfig byEmail = config().culpritsByEmail(true).build();
    notifier(job.forBuild(1)).notify(withChanges, byEmail);
    long started = System.nanoTime();
    notifier(job.forBuild(2)).notify(withChanges.newBuilder().buildNumber(2).build(), byEmail);

    assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(2));
    assertThat(log).anySatisfy(line -> assertThat(line).contains("committers are not looked up"));
  }

  @Test
  void notificationsDuringAnOutageNeverAddThreads() throws Exception {
    // The default, shared engine: however many notifications wait, the threads are the engine's few.
    mattermost.faults().down();
    NotificationEngine notifier = NotificationEngine.builder().client(client).log(log::add).build();
    for (int number = 1; number <= 50; number++) {
      notifier.notify(build(FAILURE, SUCCESS).buildNumber(number).build(),
          config().deadline(Duration.ofMillis(200)).build());
    }
    long deliveryThreads = Thread.getAllStackTraces().keySet().stream()
        .filter(thread -> thread.getName().startsWith("mattermost-delivery-")).count();
    assertThat(deliveryThreads).isBetween(1L, 2L);
    assertThat(Thread.getAllStackTraces().keySet()).noneMatch(thread -> thread.getName().startsWith(
        "mattermost-notifier-"));
  }
  @Test
  void aStartNotificationThatDoesNotWaitReturnsAtOnceWhileMattermostIsSlow() throws Exception {
    engine = hostEngine();
    mattermost.faults().slow(Duration.ofSeconds(5));
    long started = System.nanoTime();

    NotifyOutcome outcome = notifier(job.forBuild(42)).notify(build(null, SUCCESS).build(),
        config().waitForDelivery(false).build());

    // Not the 5 s Mattermost takes (nor the 5 s deadline): the time to write the outbox, with room for a busy machine.
    assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(2));
    assertThat(outcome.isSuccessful()).isTrue();
    assertThat(log).contains("[Mattermost] Notification queued for channel builds; it is sent in the background");
    mattermost.faults().clear();
    await(() -> mattermost.posts(TEAM, "builds").size() == 1);
  }

  @Test
  void aCompletionRightAfterAStartStillBeingSentUpdatesTheStartedPostAndRepliesInItsThread() throws Exception {
    engine = hostEngine();
    // The start's post takes a while to be answered: the completion comes while it is under way.
    mattermost.faults().slow(1, Duration.ofMillis(1500));
    NotificationEngine notifier = notifier(job.forBuild(42));
    notifier.notify(build(null, SUCCESS).build(), config().waitForDelivery(false).build());
    NotifyOutcome completed = notifier.notify(build(FAILURE, SUCCESS).logTail(List.of("BUILD FAILED")).build(),
        config().build());

    assertThat(completed.sent()).containsExactly("builds");
    await(() -> engine.health().waiting() == 0);
    List<ReceivedPost> posts = mattermost.posts(TEAM, "builds");
    List<ReceivedPost> roots = posts.stream().filter(p -> p.rootId() == null || p.rootId().isEmpty()).toList();
    // One root: the "started" post, edited into the failure; the log tail replies in its thread.
    assertThat(roots).hasSize(1);
    assertThat(roots.get(0).isEdited()).isTrue();
    assertThat(roots.get(0).attachments().get(0).get("color").getAsString()).isEqualTo("#A30200");
    assertThat(posts).filteredOn(p -> roots.get(0).id().equals(p.rootId())).isNotEmpty();
    assertThat(job.forBuild(42).buildThread("builds").get().postId()).isEqualTo(roots.get(0).id());
  }

  @Test
  void aCompletionRightAfterAStartQueuedDuringAnOutageReplacesItWithOneRoot() throws Exception {
    // No retry comes between the two: the start waits, unsent, when the completion is queued.
    engine = hostEngine(Duration.ofMinutes(1));
    mattermost.faults().down();
    NotificationEngine notifier = notifier(job.forBuild(42));
    notifier.notify(build(null, SUCCESS).build(), config().waitForDelivery(false).build());
    notifier.notify(build(FAILURE, SUCCESS).logTail(List.of("BUILD FAILED")).build(),
        config().deadline(Duration.ofSeconds(2)).build());
    mattermost.faults().up();
    engine.retryNow();
    await(() -> engine.health().waiting() == 0);

    List<ReceivedPost> posts = mattermost.posts(TEAM, "builds");
    assertThat(posts.stream().filter(p -> p.rootId() == null || p.rootId().isEmpty()).toList()).hasSize(1);
    assertThat(posts.get(0).attachments().get(0).get("color").getAsString()).isEqualTo("#A30200");
    assertThat(engine.health().coalesced()).isEqualTo(1);
  }
}
