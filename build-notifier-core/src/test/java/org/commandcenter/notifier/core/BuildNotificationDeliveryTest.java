package org.commandcenter.notifier.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.commandcenter.notifier.core.BuildResult.FAILURE;
import static org.commandcenter.notifier.core.BuildResult.SUCCESS;
import static org.commandcenter.notifier.core.Fixtures.build;

import com.google.gson.JsonObject;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.commandcenter.mattermost.MattermostClient;
import org.commandcenter.mattermost.RetryPolicy;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The freestyle/post-step path against a Mattermost stand-in: what went over the wire, and what did not. */
class BuildNotificationDeliveryTest {
  private FakeMattermost mattermost;
  private final List<String> log = new CopyOnWriteArrayList<>();
  /** The job's thread state; {@code store} is build #42's, later builds get their own from {@code job}. */
  private final InMemoryJobThreads job = new InMemoryJobThreads();
  private final ThreadStore store = job.forBuild(42);

  @BeforeEach
  void start() throws Exception {
    mattermost = new FakeMattermost();
  }

  @AfterEach
  void stop() throws Exception {
    mattermost.close();
  }

  private MattermostClient restClient() {
    return MattermostClient.builder()
        .siteUrl(mattermost.siteUrl())
        .token(FakeMattermost.TOKEN)
        .team(FakeMattermost.TEAM)
        .retryPolicy(RetryPolicy.noRetries(Duration.ofSeconds(5)))
        .build();
  }

  private NotificationEngine engine(MattermostClient client) {
    return NotificationEngine.builder().client(client).threadStore(store).log(log::add).build();
  }

  private static NotifyConfig.Builder config() {
    return NotifyConfig.builder()
        .events(EnumSet.allOf(BuildEvent.class))
        .channel("builds")
        .warRoom(WarRoomConfig.builder().team("dev").channel("war-room").build());
  }

  @Test
  void startedRootIsUpdatedInPlaceToTheResultWithDetailsInItsThread() throws Exception {
    NotificationEngine engine = engine(restClient());
    NotifyConfig config = config().urgentOnMainLineFailure(false).build();

    engine.notify(build(null, SUCCESS).build(), config);
    NotifyOutcome outcome = engine.notify(build(FAILURE, SUCCESS).logTail(List.of("BUILD FAILED"))
        .changes(List.of(Change.builder().commitId("abc1234").authorName("Alice").message("Oops").build()))
        .build(), config);

    assertThat(outcome.event()).contains(BuildEvent.FAILURE);
    assertThat(outcome.sent()).containsExactly("builds");
    List<JsonObject> created = mattermost.createdPosts();
    assertThat(created).hasSize(3);
    JsonObject root = created.get(0);
    assertThat(root.get("channel_id").getAsString()).isEqualTo(mattermost.channel("builds"));
    assertThat(root.has("root_id")).isFalse();
    assertThat(attachment(root).get("color").getAsString()).isEqualTo("#439FE0");

    String rootId = store.buildThread("builds").orElseThrow().postId();
    List<FakeMattermost.Call> patches = mattermost.calls("PUT", "/api/v4/posts/" + rootId + "/patch");
    assertThat(patches).hasSize(1);
    JsonObject patched = attachment(patches.get(0).json());
    assertThat(patched.get("color").getAsString()).isEqualTo("#A30200");
    assertThat(patched.get("title").getAsString()).isEqualTo("app » main #42");
    assertThat(patched.get("title_link").getAsString()).isEqualTo(Fixtures.BUILD_URL);

    assertThat(created.get(1).get("root_id").getAsString()).isEqualTo(rootId);
    assertThat(created.get(1).get("message").getAsString()).isEqualTo("**Changes**\n- `abc1234` Oops — Alice");
    assertThat(created.get(2).get("root_id").getAsString()).isEqualTo(rootId);
    assertThat(created.get(2).get("message").getAsString())
        .isEqualTo("**Last 1 line of the log**\n```\nBUILD FAILED\n```");
    assertThat(store.openIncident("builds")).contains(store.buildThread("builds").orElseThrow());
    assertThat(log).contains("[Mattermost] Failure notification sent to channel builds");
  }

  @Test
  void mainLineFailureIsUrgentWithRequestedAckAndWarRoomLink() throws Exception {
    engine(restClient()).notify(build(FAILURE, SUCCESS).build(), config().build());

    JsonObject root = mattermost.createdPosts().get(0);
    JsonObject priority = root.getAsJsonObject("metadata").getAsJsonObject("priority");
    assertThat(priority.get("priority").getAsString()).isEqualTo("urgent");
    assertThat(priority.get("requested_ack").getAsBoolean()).isTrue();
    String link = mattermost.siteUrl() + "/dev/channels/war-room?join_call=true";
    assertThat(attachment(root).toString()).contains("[Join the War Room](" + link + ")");
  }

  @Test
  void withoutALicenceTheFailureIsStillUrgentButWithoutAcknowledgement() throws Exception {
    mattermost.unlicensed();
    NotifyOutcome outcome = engine(restClient()).notify(build(FAILURE, SUCCESS).build(), config().build());

    assertThat(outcome.isSuccessful()).isTrue();
    List<FakeMattermost.Call> creates = mattermost.calls("POST", "/api/v4/posts");
    assertThat(creates).hasSize(2);
    JsonObject priority = creates.get(1).json().getAsJsonObject("metadata").getAsJsonObject("priority");
    assertThat(priority.get("priority").getAsString()).isEqualTo("urgent");
    assertThat(priority.get("requested_ack").getAsBoolean()).isFalse();
    assertThat(log).anySatisfy(line -> assertThat(line).contains("no licence for acknowledgements"));
  }

  @Test
  void withPriorityTurnedOffTheFailureIsSentWithoutPriority() throws Exception {
    mattermost.priorityDisabled();
    NotifyOutcome outcome = engine(restClient()).notify(build(FAILURE, SUCCESS).build(), config().build());

    assertThat(outcome.isSuccessful()).isTrue();
    List<FakeMattermost.Call> creates = mattermost.calls("POST", "/api/v4/posts");
    assertThat(creates).hasSize(2);
    assertThat(creates.get(1).json().has("metadata")).isFalse();
    assertThat(store.buildThread("builds")).isPresent();
  }

  @Test
  void failureOffTheMainLineIsNeitherUrgentNorAWarRoom() throws Exception {
    engine(restClient()).notify(build(FAILURE, SUCCESS).branch("feature/x").build(), config().build());

    JsonObject root = mattermost.createdPosts().get(0);
    assertThat(root.has("metadata")).isFalse();
    assertThat(attachment(root).toString()).doesNotContain("War Room");
  }

  @Test
  void failureAfterStartedPostsASeparateUrgentAlertThatBecomesTheIncident() throws Exception {
    NotificationEngine engine = engine(restClient());
    engine.notify(build(null, SUCCESS).build(), config().build());
    engine.notify(build(FAILURE, SUCCESS).build(), config().build());

    List<JsonObject> created = mattermost.createdPosts();
    assertThat(created).hasSize(2);
    JsonObject alert = created.get(1);
    assertThat(alert.has("root_id")).isFalse();
    assertThat(alert.getAsJsonObject("metadata").getAsJsonObject("priority").get("priority").getAsString())
        .isEqualTo("urgent");
    assertThat(alert.get("message").getAsString()).startsWith(":rotating_light: **Main line broken**");
    assertThat(store.openIncident("builds")).isPresent().isNotEqualTo(store.buildThread("builds"));
  }

  @Test
  void culpritsAreMentionedByTheUsernameTheHostVouchesForWithoutAnyLookup() throws Exception {
    mattermost.user("mallory@example.com", "mallory");
    BuildFacts facts = build(FAILURE, SUCCESS).changes(List.of(
        Change.builder().authorName("Alice").authorEmail("ceo@example.com").authorUsername("Alice").message("a").build(),
        Change.builder().authorName("Mallory").authorEmail("mallory@example.com").message("b").build(),
        Change.builder().authorName("Bob").authorUsername("channel").message("c").build()))
        .build();

    engine(restClient()).notify(facts, config().urgentOnMainLineFailure(false).build());

    assertThat(mattermost.calls("GET", "/api/v4/users/")).isEmpty();
    JsonObject last = mattermost.createdPosts().get(mattermost.createdPosts().size() - 1);
    assertThat(last.get("message").getAsString()).isEqualTo(":bust_in_silhouette: Changes in this build by @alice");
  }

  @Test
  void culpritsAreFoundByTheirCommitEmailOnlyWhenTheAdministratorAllowsIt() throws Exception {
    mattermost.user("alice@example.com", "alice");
    BuildFacts facts = build(FAILURE, SUCCESS).changes(List.of(
        Change.builder().authorName("Alice").authorEmail("Alice@Example.com").message("a").build(),
        Change.builder().authorName("Ghost").authorEmail("ghost@example.com").message("b").build()))
        .build();

    engine(restClient()).notify(facts, config().urgentOnMainLineFailure(false).build());
    assertThat(mattermost.calls("GET", "/api/v4/users/email/")).isEmpty();

    engine(restClient()).notify(facts, config().urgentOnMainLineFailure(false).culpritsByEmail(true).build());

    assertThat(mattermost.calls("GET", "/api/v4/users/email/")).hasSize(2);
    JsonObject last = mattermost.createdPosts().get(mattermost.createdPosts().size() - 1);
    assertThat(last.get("message").getAsString()).isEqualTo(":bust_in_silhouette: Changes in this build by @alice");
    assertThat(last.get("root_id").getAsString()).isEqualTo(store.buildThread("builds").orElseThrow().postId());
  }

  @Test
  void noCulpritLookupWhenMentionsAreOffOrTheBuildIsFine() throws Exception {
    BuildFacts facts = build(SUCCESS).changes(List.of(
        Change.builder().authorName("Alice").authorEmail("alice@example.com").message("a").build())).build();
    engine(restClient()).notify(facts, config().build());
    engine(restClient()).notify(build(FAILURE).changes(facts.changes()).build(),
        config().mentionCulprits(false).build());
    assertThat(mattermost.calls("GET", "/api/v4/users/email/")).isEmpty();
  }

  @Test
  void backToNormalClosesTheIncidentWithAReplyInItsThread() throws Exception {
    NotificationEngine engine = engine(restClient());
    engine.notify(build(FAILURE, SUCCESS).build(), config().build());
    PostRef incident = store.openIncident("builds").orElseThrow();

    ThreadStore nextBuild = job.forBuild(43);
    NotificationEngine next = engine.newBuilder().threadStore(nextBuild).build();
    next.notify(build(SUCCESS, FAILURE).buildNumber(43).build(), config().build());

    JsonObject closing = mattermost.createdPosts().get(mattermost.createdPosts().size() - 1);
    assertThat(closing.get("root_id").getAsString()).isEqualTo(incident.postId());
    assertThat(closing.get("message").getAsString()).startsWith(":white_check_mark: Back to normal in [app » main #43]");
    assertThat(store.openIncident("builds")).isEmpty();
  }

  @Test
  void repeatedFailureRepliesInTheOpenIncidentAndIsNotUrgentAgain() throws Exception {
    NotificationEngine engine = engine(restClient());
    engine.notify(build(FAILURE, SUCCESS).build(), config().build());
    PostRef incident = store.openIncident("builds").orElseThrow();

    engine.newBuilder().threadStore(job.forBuild(43)).build()
        .notify(build(FAILURE, FAILURE).buildNumber(43).build(), config().build());

    List<JsonObject> created = mattermost.createdPosts();
    JsonObject secondRoot = created.get(1);
    assertThat(secondRoot.has("metadata")).isFalse();
    JsonObject stillFailing = created.get(created.size() - 1);
    assertThat(stillFailing.get("root_id").getAsString()).isEqualTo(incident.postId());
    assertThat(stillFailing.get("message").getAsString()).startsWith(":x: Still failing in [app » main #43]");
  }

  @Test
  void aDisabledResultStillFinishesTheStartedPost() throws Exception {
    NotifyConfig config = NotifyConfig.builder().events(EnumSet.of(BuildEvent.STARTED)).channel("builds").build();
    NotificationEngine engine = engine(restClient());
    engine.notify(build(null, SUCCESS).build(), config);
    NotifyOutcome outcome = engine.notify(build(SUCCESS, SUCCESS).build(), config);

    assertThat(outcome.event()).isEmpty();
    assertThat(mattermost.createdPosts()).hasSize(1);
    List<FakeMattermost.Call> patches = mattermost.calls("PUT", "/api/v4/posts/");
    assertThat(patches).hasSize(1);
    assertThat(attachment(patches.get(0).json()).get("color").getAsString()).isEqualTo("#2EB886");
  }

  @Test
  void nothingIsSentWhenNoEventApplies() throws Exception {
    NotifyOutcome outcome = engine(restClient()).notify(build(SUCCESS, SUCCESS).build(),
        NotifyConfig.builder().channel("builds").build());
    assertThat(outcome.event()).isEmpty();
    assertThat(mattermost.calls()).isEmpty();
  }

  @Test
  void everyChannelGetsItsOwnRoot() throws Exception {
    engine(restClient()).notify(build(FAILURE).build(),
        config().channels(List.of("#builds", "alerts")).urgentOnMainLineFailure(false).build());
    // Each channel is its own delivery, in parallel with the others: one root each, in no particular order.
    assertThat(mattermost.createdPosts()).extracting(post -> post.get("channel_id").getAsString())
        .containsExactlyInAnyOrder(mattermost.channel("builds"), mattermost.channel("alerts"));
    assertThat(store.buildThread("builds")).isPresent();
    assertThat(store.buildThread("alerts")).isPresent();
  }

  @Test
  void webhookGetsOneRichPostWithoutThreadsOrLookups() throws Exception {
    MattermostClient webhook = MattermostClient.builder().webhookUrl(mattermost.webhookUrl())
        .retryPolicy(RetryPolicy.noRetries(Duration.ofSeconds(5))).build();
    BuildFacts facts = build(FAILURE, SUCCESS).logTail(List.of("boom"))
        .changes(List.of(Change.builder().authorName("A").authorEmail("a@example.com").message("m").build())).build();

    NotifyOutcome outcome = engine(webhook).notify(facts, config().build());

    assertThat(outcome.sent()).containsExactly("builds");
    List<FakeMattermost.Call> calls = mattermost.calls();
    assertThat(calls).hasSize(1);
    JsonObject payload = calls.get(0).json();
    assertThat(payload.get("channel").getAsString()).isEqualTo("builds");
    assertThat(payload.getAsJsonArray("attachments")).hasSize(3);
    assertThat(payload.getAsJsonObject("priority").get("priority").getAsString()).isEqualTo("urgent");
  }

  @Test
  void webhookWithoutChannelsPostsToItsDefaultChannel() throws Exception {
    MattermostClient webhook = MattermostClient.builder().webhookUrl(mattermost.webhookUrl()).build();
    NotifyOutcome outcome = engine(webhook).notify(build(FAILURE).build(),
        NotifyConfig.builder().build());
    assertThat(outcome.sent()).containsExactly("");
    assertThat(mattermost.calls().get(0).json().has("channel")).isFalse();
  }

  @Test
  void outageIsLoggedAndNeverThrownIntoTheBuild() throws Exception {
    mattermost.outage(503);
    NotifyOutcome outcome = engine(restClient()).notify(build(FAILURE).build(), config().build());

    assertThat(outcome.isSuccessful()).isFalse();
    assertThat(outcome.failures()).containsKey("builds");
    assertThat(log).anySatisfy(line -> assertThat(line).startsWith("[Mattermost] Could not notify channel builds: "));
    assertThat(String.join("\n", log)).doesNotContain(FakeMattermost.TOKEN);
  }

  @Test
  void failOnErrorThrowsAnErrorNamingTheChannel() {
    mattermost.outage(503);
    NotificationEngine engine = engine(restClient());
    assertThatThrownBy(() -> engine.notify(build(FAILURE).build(), config().failOnError(true).build()))
        .isInstanceOf(NotificationException.class)
        .hasMessageStartingWith("Mattermost notification failed; channel builds: ")
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain(FakeMattermost.TOKEN));
  }

  @Test
  void restWithoutChannelsFailsNamingTheField() throws Exception {
    NotifyOutcome outcome = engine(restClient()).notify(build(FAILURE).build(), NotifyConfig.builder().build());
    assertThat(outcome.failures()).containsEntry("",
        "channels: at least one channel is required with a bot token (the REST API)");
    assertThat(mattermost.calls()).isEmpty();
  }

  @Test
  void unknownChannelFailsWithItsName() throws Exception {
    NotifyOutcome outcome = engine(restClient()).notify(build(FAILURE).build(),
        config().channel("nope").build());
    assertThat(outcome.failures().get("nope")).contains("nope");
  }

  @Test
  void aSlowServerHoldsTheBuildNoLongerThanTheDeadline() throws Exception {
    // Every answer takes 3 s, so waiting for the server would take at least 3 s; a warmed-up client keeps class
    // loading and connecting out of the measurement of the 300 ms deadline.
    MattermostClient client = restClient();
    client.userByEmail("warm-up@example.com");
    mattermost.delay(3_000);
    NotificationEngine engine = engine(client);
    long start = System.nanoTime();
    NotifyOutcome outcome = engine.notify(build(FAILURE).build(),
        config().deadline(Duration.ofMillis(300)).build());
    long millis = (System.nanoTime() - start) / 1_000_000;

    assertThat(millis).isLessThan(2_000);
    assertThat(outcome.timedOut()).isTrue();
    assertThat(log).anySatisfy(line -> assertThat(line).contains("still being sent in the background"));
  }

  @Test
  void aSlowServerWithFailOnErrorFailsAfterTheDeadline() {
    mattermost.delay(1_500);
    NotificationEngine engine = engine(restClient());
    assertThatThrownBy(() -> engine.notify(build(FAILURE).build(),
        config().deadline(Duration.ofMillis(300)).failOnError(true).build()))
        .isInstanceOf(NotificationException.class)
        .hasMessage("Mattermost notification did not complete within 300 ms");
  }

  @Test
  void aBrokenConsoleDoesNotStopDelivery() throws Exception {
    NotificationEngine engine = NotificationEngine.builder().client(restClient()).threadStore(store)
        .log(line -> {
          throw new IllegalStateException("closed");
        }).build();
    NotifyOutcome outcome = engine.notify(build(FAILURE).build(), config().build());
    assertThat(outcome.isSuccessful()).isTrue();
  }

  private static JsonObject attachment(JsonObject post) {
    return post.getAsJsonObject("props").getAsJsonArray("attachments").get(0).getAsJsonObject();
  }
}
