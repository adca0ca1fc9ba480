package org.commandcenter.notifier.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.commandcenter.notifier.core.BuildResult.FAILURE;
import static org.commandcenter.notifier.core.BuildResult.SUCCESS;
import static org.commandcenter.notifier.core.Fixtures.build;

import com.google.gson.JsonObject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.commandcenter.mattermost.MattermostClient;
import org.commandcenter.mattermost.RetryPolicy;
import org.commandcenter.sandbox.MattermostSandbox;
import org.commandcenter.sandbox.ReceivedPost;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Every kind of send verified against the Mattermost stand-in: thread, update, failOnError, outage. */
class SandboxDeliveryTest {
  private static final String TEAM = MattermostSandbox.TEAM;

  private MattermostSandbox mattermost;
  private final List<String> log = new CopyOnWriteArrayList<>();
  /** The job's thread state; {@code store} is build #42's, later builds get their own from {@code job}. */
  private final InMemoryJobThreads job = new InMemoryJobThreads();
  private final ThreadStore store = job.forBuild(42);

  @BeforeEach
  void start() throws Exception {
    mattermost = MattermostSandbox.builder().withSampleData().build();
    mattermost.start();
  }

  @AfterEach
  void stop() {
    mattermost.close();
  }

  private MattermostClient rest(RetryPolicy retries) {
    return MattermostClient.builder().siteUrl(mattermost.url()).token(MattermostSandbox.JENKINS_BOT_TOKEN)
        .team(TEAM).retryPolicy(retries).build();
  }

  private NotificationEngine engine(MattermostClient client) {
    return NotificationEngine.builder().client(client).threadStore(store).log(log::add).build();
  }

  private NotificationEngine engine() {
    return engine(rest(RetryPolicy.noRetries(Duration.ofSeconds(5))));
  }

  private static NotifyConfig.Builder config() {
    return NotifyConfig.builder().events(EnumSet.allOf(BuildEvent.class)).channel("builds")
        .warRoom(WarRoomConfig.builder().team(TEAM).channel("war-room").build());
  }

  private List<ReceivedPost> builds() {
    return mattermost.posts(TEAM, "builds");
  }

  @Test
  void buildThreadIsStartedUpdatedAndDetailedInReplies() throws Exception {
    NotificationEngine engine = engine();
    engine.notify(build(null, SUCCESS).build(), config().build());
    engine.notify(build(FAILURE, SUCCESS).logTail(List.of("[ERROR] compilation failed"))
        .changes(List.of(Change.builder().commitId("deadbeef").authorName("Alice").authorEmail("alice@example.com")
            .authorUsername("alice").message("@channel refactor").build()))
        .build(), config().build());

    List<ReceivedPost> posts = builds();
    ReceivedPost root = posts.get(0);
    assertThat(root.rootId()).isEmpty();
    assertThat(root.isEdited()).isTrue();
    JsonObject status = root.attachments().get(0);
    assertThat(status.get("color").getAsString()).isEqualTo("#A30200");
    assertThat(status.get("title").getAsString()).isEqualTo("app » main #42");

    ReceivedPost alert = posts.get(1);
    assertThat(alert.rootId()).isEmpty();
    assertThat(alert.priority()).hasValueSatisfying(priority -> {
      assertThat(priority.get("priority").getAsString()).isEqualTo("urgent");
      assertThat(priority.get("requested_ack").getAsBoolean()).isTrue();
    });
    assertThat(alert.message()).contains("[Join the War Room](" + mattermost.url() + "/factory/channels/war-room"
        + "?join_call=true)");

    List<ReceivedPost> replies = posts.subList(2, posts.size());
    assertThat(replies).extracting(ReceivedPost::rootId).containsOnly(root.id());
    assertThat(replies).extracting(ReceivedPost::message).containsExactly(
        "**Changes**\n- `deadbeef` @\u2060channel refactor — Alice",
        "**Last 1 line of the log**\n```\n[ERROR] compilation failed\n```",
        ":bust_in_silhouette: Changes in this build by @alice");
    assertThat(log).contains("[Mattermost] Failure notification sent to channel builds");
  }

  @Test
  void backToNormalRepliesInTheFailureThread() throws Exception {
    engine().notify(build(FAILURE, SUCCESS).build(), config().build());
    String incident = builds().get(0).id();

    ThreadStore nextBuild = job.forBuild(43);
    engine().newBuilder().threadStore(nextBuild).build()
        .notify(build(SUCCESS, FAILURE).buildNumber(43).build(), config().build());

    ReceivedPost closing = builds().get(builds().size() - 1);
    assertThat(closing.rootId()).isEqualTo(incident);
    assertThat(closing.message()).startsWith(":white_check_mark: Back to normal in [app » main #43]");
    assertThat(store.openIncident("builds")).isEmpty();
  }

  @Test
  void webhookNotificationIsOneRichPost() throws Exception {
    MattermostClient webhook = MattermostClient.builder().webhookUrl(mattermost.hookUrl(MattermostSandbox.JENKINS_HOOK))
        .retryPolicy(RetryPolicy.noRetries(Duration.ofSeconds(5))).build();
    engine(webhook).notify(build(FAILURE, SUCCESS).logTail(List.of("boom")).build(),
        NotifyConfig.builder().build());

    List<ReceivedPost> posts = builds();
    assertThat(posts).hasSize(1);
    assertThat(posts.get(0).fromWebhook()).isTrue();
    assertThat(posts.get(0).attachments()).hasSize(2);
    assertThat(posts.get(0).attachments().get(1).get("text").getAsString()).isEqualTo("```\nboom\n```");
  }

  @Test
  void stepRepliesAndUpdatesInPlace() throws Exception {
    NotificationEngine engine = engine();
    PostOwner job = PostOwner.of("instance", "deploy");
    SendResponse root = engine.send(SendRequest.builder().message("Deploying").channel("builds").owner(job).build());
    SendResponse reply = engine.send(SendRequest.builder().text("step 1 done").channel("builds")
        .threadId(root.threadId()).owner(job).build());
    engine.send(SendRequest.builder().message("Deployed").color("good").updatePostId(root.postId()).owner(job)
        .build());

    List<ReceivedPost> posts = builds();
    assertThat(posts).hasSize(2);
    assertThat(posts.get(0).id()).isEqualTo(root.postId());
    assertThat(posts.get(0).isEdited()).isTrue();
    assertThat(posts.get(0).attachments().get(0).get("color").getAsString()).isEqualTo("good");
    assertThat(posts.get(1).id()).isEqualTo(reply.postId());
    assertThat(posts.get(1).rootId()).isEqualTo(root.postId());
    assertThat(root.channelId()).isEqualTo(mattermost.channelId(TEAM, "builds"));
  }

  @Test
  void stepUploadsFiles() throws Exception {
    engine().send(SendRequest.builder().text("report").channel("builds")
        .file("reports/summary.txt", "all good".getBytes(StandardCharsets.UTF_8)).build());
    assertThat(builds().get(0).fileIds()).hasSize(1);
  }

  @Test
  void failOnErrorFailsTheStepWhenMattermostIsDown() {
    mattermost.faults().down();
    NotificationEngine engine = engine();
    assertThatThrownBy(() -> engine.send(SendRequest.builder().message("m").channel("builds").failOnError(true)
        .build()))
        .isInstanceOf(NotificationException.class)
        .hasMessageStartingWith("Mattermost notification failed: could not send to channel builds: ")
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain(MattermostSandbox.JENKINS_BOT_TOKEN));
  }

  @Test
  void outageDuringABuildIsLoggedAndTheBuildGoesOn() throws Exception {
    mattermost.faults().down();
    NotifyOutcome outcome = engine().notify(build(FAILURE).build(), config().build());
    assertThat(outcome.failures()).containsOnlyKeys("builds");
    assertThat(log).anySatisfy(line -> assertThat(line).startsWith("[Mattermost] Could not notify channel builds"));
    assertThat(String.join("\n", log)).doesNotContain(MattermostSandbox.JENKINS_BOT_TOKEN);
  }

  @Test
  void briefServerErrorsAreRetriedWithoutDuplicates() throws Exception {
    mattermost.faults().serverErrors(2);
    RetryPolicy retries = RetryPolicy.builder().maxAttempts(4).initialBackoff(Duration.ofMillis(10))
        .maxBackoff(Duration.ofMillis(50)).deadline(Duration.ofSeconds(10)).build();
    NotifyOutcome outcome = engine(rest(retries)).notify(build(FAILURE).build(),
        config().urgentOnMainLineFailure(false).build());
    assertThat(outcome.isSuccessful()).isTrue();
    assertThat(builds()).hasSize(1);
  }

  @Test
  void slowServerIsBoundedByTheDeadlineAndTheNotificationStillArrives() throws Exception {
    // The answer takes 5 s (well within the client's own 20 s): the 300 ms deadline, plus the test's overhead, must
    // end the wait long before. A warmed-up client keeps class loading and connecting out of the measurement.
    MattermostClient client = rest(RetryPolicy.noRetries(Duration.ofSeconds(20)));
    client.me();
    mattermost.faults().slow(1, Duration.ofSeconds(5));
    NotificationEngine engine = engine(client);
    long start = System.nanoTime();
    NotifyOutcome outcome = engine.notify(build(FAILURE).build(),
        config().urgentOnMainLineFailure(false).deadline(Duration.ofMillis(300)).build());

    assertThat((System.nanoTime() - start) / 1_000_000).isLessThan(1_800);
    assertThat(outcome.timedOut()).isTrue();
    assertThat(mattermost.awaitPosts(TEAM, "builds", 1, Duration.ofSeconds(20))).hasSize(1);
  }

  @Test
  void channelTheBotCannotPostInFailsWithAClearError() throws Exception {
    NotifyOutcome outcome = engine().notify(build(FAILURE).build(), config().channel("ops-private").build());
    assertThat(outcome.failures().get("ops-private")).isNotBlank();
    assertThat(log).anySatisfy(line -> assertThat(line).startsWith("[Mattermost] Could not notify channel ops-private"));
  }
}
