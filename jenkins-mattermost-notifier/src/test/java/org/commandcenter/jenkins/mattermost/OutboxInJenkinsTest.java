package org.commandcenter.jenkins.mattermost;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.mockStatic;
import static org.mockito.Mockito.when;

import hudson.EnvVars;
import hudson.model.AbstractBuild;
import hudson.model.Result;
import hudson.model.Run;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;
import jenkins.model.Jenkins;
import org.commandcenter.mattermost.DeliveryEngine;
import org.commandcenter.mattermost.DeliveryHealth;
import org.commandcenter.mattermost.MattermostClient;
import org.commandcenter.mattermost.Outbox;
import org.commandcenter.sandbox.MattermostSandbox;
import org.commandcenter.sandbox.ReceivedPost;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mockito.MockedStatic;

/**
 * The plugin's delivery engines on a {@code $JENKINS_HOME} outbox against the Mattermost stand-in: what survives a
 * restart, what the outbox holds, the administrators' monitor and Retry now, and a start that never waits. (That
 * Retry now is refused without Administer, before the engine is touched: {@link FormPermissionsTest}.)
 */
class OutboxInJenkinsTest {
  private static final String TOKEN = MattermostSandbox.JENKINS_BOT_TOKEN;
  /** A job's own credential: the SonarQube bot's token, which may post to ~alerts. */
  private static final String JOB_TOKEN = MattermostSandbox.SONAR_BOT_TOKEN;

  /** Resolves connections like Jenkins, also on the engine's threads (where the static credential mocks are not). */
  private final ResolvingContext context = new ResolvingContext();
  private final BuildLog log = new BuildLog();
  private MattermostSandbox mm;

  @TempDir
  Path home;

  /** What the test's Jenkins resolves a connection to, counted: on the test's thread or the engine's. */
  static final class ResolvingContext extends FakeContext {
    final List<String> asked = new CopyOnWriteArrayList<>();
    /** The global credential's secret is this incoming webhook's URL instead of the bot token. */
    String globalWebhook;

    @Override
    MattermostConnection connection(ConnectionSettings s, MattermostConnection.Choice choice, Run<?, ?> run) {
      asked.add((choice.credentialsId() == null ? "global" : choice.credentialsId()) + " for "
          + (run == null ? "Jenkins" : "#" + run.getNumber()) + " on "
          + (Thread.currentThread().getName().startsWith("Mattermost delivery") ? "the engine" : "the build"));
      if (choice.credentialsId() == null && globalWebhook != null) {
        return new MattermostConnection(globalWebhook, null, null);
      }
      return new MattermostConnection(null, s.siteUrl(), choice.credentialsId() == null ? TOKEN : JOB_TOKEN);
    }
  }

  @BeforeEach
  void setUp() throws Exception {
    mm = MattermostSandbox.builder().withSampleData().build();
    mm.start();
    context.againstSandbox(mm.url(), Duration.ofSeconds(2));
    PluginContext.set(context);
  }

  @AfterEach
  void tearDown() {
    context.delivery.stop();
    PluginContext.set(null);
    mm.close();
  }

  /** What Jenkins does once its jobs are loaded, on this test's {@code $JENKINS_HOME}. */
  private void jenkinsLoaded() {
    context.jenkinsHome = home;
    new DeliveryLifecycle().onLoaded();
  }

  /** Jenkins stops (what waits stays in the outbox) and starts again on the same home. */
  private void restartJenkins() {
    new DeliveryLifecycle().onBeforeShutdown();
    context.delivery = new JenkinsDelivery();
    jenkinsLoaded();
  }

  private void await(BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    while (!condition.getAsBoolean() && System.nanoTime() < deadline) {
      Thread.sleep(20);
    }
    assertThat(condition.getAsBoolean()).as("in time; log: %s", log.text()).isTrue();
  }

  private static MattermostSendStep step(String text, String channel) {
    MattermostSendStep step = new MattermostSendStep("message of " + text);
    step.setText(text);
    step.setChannel(channel);
    return step;
  }

  private List<byte[]> outboxFiles() throws IOException {
    try (Stream<Path> files = Files.walk(home.resolve(JenkinsDelivery.OUTBOX))) {
      return files.filter(Files::isRegularFile).map(file -> {
        try {
          return Files.readAllBytes(file);
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      }).toList();
    }
  }

  @Test
  @SuppressWarnings("rawtypes")
  void notificationsQueuedWhileMattermostIsDownSurviveARestartAndArriveOnceInOrder() throws Exception {
    jenkinsLoaded();
    mm.faults().down();
    AbstractBuild success = SandboxEndToEndTest.build(8, Result.SUCCESS, null);
    AbstractBuild failed = SandboxEndToEndTest.build(9, Result.FAILURE, success);
    when(failed.getLog(50)).thenReturn(List.of("[ERROR] BUILD FAILURE"));
    context.buildsByName.put("app#9", failed);
    context.lastBuilds.put("app", failed);
    for (int n = 1; n <= 3; n++) {
      MattermostSendStep.Execution.send(context, step("alert " + n, "builds"), failed, log.listener, null);
    }
    MattermostSendStep own = step("alert from the job's bot", "alerts");
    own.setCredentialId("job-bot");
    MattermostSendStep.Execution.send(context, own, failed, log.listener, null);
    new MattermostNotifier().perform(failed, new EnvVars(), log.listener);
    assertThat(log.text()).contains("it stays queued and is retried in the background");
    assertThat(context.routes).extracting(JenkinsDelivery.Route::connection)
        .containsExactly("global", "global", "global", "job:app:job-bot", "global");

    restartJenkins(); // what waited is on disk only now
    assertThat(mm.allPosts()).isEmpty();
    mm.faults().up();
    context.delivery.retryNow();
    await(() -> context.delivery.health().waiting() == 0);

    List<String> texts = mm.posts("factory", "builds").stream().map(ReceivedPost::message)
        .filter(text -> text.startsWith("alert")).toList();
    assertThat(texts).containsExactly("alert 1", "alert 2", "alert 3");
    assertThat(mm.posts("factory", "alerts")).extracting(ReceivedPost::message)
        .containsExactly("alert from the job's bot");
    // The credentials were resolved again after the restart, the job's in the job's context (its last build).
    assertThat(context.asked).contains("global for Jenkins on the engine", "job-bot for #9 on the engine");
    // The freestyle failure: one root post, recorded on its build through the locator, as if sent at once.
    List<ReceivedPost> roots = mm.posts("factory", "builds").stream()
        .filter(p -> (p.rootId() == null || p.rootId().isEmpty()) && !p.message().startsWith("alert")).toList();
    assertThat(roots).hasSize(1);
    await(() -> new RunThreadStore(failed).buildThread("builds").isPresent());
    assertThat(new RunThreadStore(failed).buildThread("builds").get().postId()).isEqualTo(roots.get(0).id());
  }

  @Test
  void theOutboxNamesConnectionsButHoldsNoTokenAndAStepsWebhookStaysInMemory() throws Exception {
    jenkinsLoaded();
    mm.faults().down();
    Run<?, ?> run = SandboxEndToEndTest.build(5, null, null);
    MattermostSendStep.Execution.send(context, step("via the global bot", "builds"), run, log.listener, null);
    MattermostSendStep own = step("via the job's bot", "alerts");
    own.setCredentialId("job-bot");
    MattermostSendStep.Execution.send(context, own, run, log.listener, null);
    MattermostSendStep hook = step("via a webhook", null);
    hook.setEndpoint(mm.hookUrl(MattermostSandbox.JENKINS_HOOK));
    MattermostSendStep.Execution.send(context, hook, run, log.listener, null);

    assertThat(context.delivery.health().waiting()).isEqualTo(2);
    List<byte[]> files = outboxFiles();
    String all = files.stream().map(bytes -> new String(bytes, StandardCharsets.ISO_8859_1))
        .reduce("", String::concat);
    assertThat(all).contains("via the global bot", "via the job's bot", "job:app:job-bot")
        .doesNotContain(TOKEN, JOB_TOKEN, MattermostSandbox.JENKINS_HOOK, "via a webhook");
  }

  @Test
  void aSavedConfigurationOrRetryNowKeepsTheClientOfWhatWaitsInMemory() {
    jenkinsLoaded();
    Run<?, ?> run = SandboxEndToEndTest.build(5, null, null);
    MattermostConnection.Choice hook = new MattermostConnection.Choice(null, "endpoint",
        mm.hookUrl(MattermostSandbox.JENKINS_HOOK));
    MattermostClient client = mock(MattermostClient.class);
    when(client.fingerprint()).thenReturn("the-hooks-fingerprint");
    JenkinsDelivery.Route route = context.delivery.route(context.settings, hook, run, client);
    assertThat(route.connection()).isEqualTo("memory:the-hooks-fingerprint");

    // Its client is the only way to the step's webhook: nothing could resolve the key again.
    context.delivery.forgetClients();
    context.delivery.retryNow();

    assertThat(context.delivery.resolve(route.connection())).isSameAs(client);
  }

  @Test
  void retryNowAlsoEndsTheWaitOfAStepsWebhookWaitingInMemory() throws Exception {
    jenkinsLoaded();
    mm.faults().tooManyRequests(1, 600); // the in-memory engine would wait ten minutes
    Run<?, ?> run = SandboxEndToEndTest.build(5, null, null);
    MattermostSendStep hook = step("via a webhook after a 429", null);
    hook.setEndpoint(mm.hookUrl(MattermostSandbox.JENKINS_HOOK));
    MattermostSendStep.Execution.send(context, hook, run, log.listener, null);
    await(() -> !context.delivery.inMemoryHealth().isReachable());

    context.delivery.retryNow();

    await(() -> mm.allPosts().stream().anyMatch(post -> post.message().equals("via a webhook after a 429")));
  }

  @Test
  void theMonitorShowsSinceWhenHowManyAndTheLastErrorUntilRetryNowDeliversThem() throws Exception {
    DeliveryHealthMonitor monitor = new DeliveryHealthMonitor();
    assertThat(monitor.isActivated()).as("before the start").isFalse();
    jenkinsLoaded();
    mm.faults().serverErrors(Integer.MAX_VALUE, 503);
    Run<?, ?> run = SandboxEndToEndTest.build(5, null, null);
    MattermostSendStep.Execution.send(context, step("one", "builds"), run, log.listener, null);
    MattermostSendStep.Execution.send(context, step("two", "builds"), run, log.listener, null);

    await(() -> !context.delivery.health().isReachable());
    assertThat(monitor.isActivated()).isTrue();
    DeliveryHealth health = context.delivery.health();
    Instant since = health.unreachableSince().orElseThrow();
    String summary = DeliveryHealthMonitor.summary(health, Clock.fixed(since, ZoneOffset.UTC), ZoneOffset.UTC);
    assertThat(summary).startsWith("Mattermost unreachable since "
        + String.format("%02d:%02d", since.atZone(ZoneOffset.UTC).getHour(), since.atZone(ZoneOffset.UTC).getMinute())
        + " — 2 notifications waiting; last error: ").contains("503").doesNotContain(TOKEN);
    assertThat(DeliveryHealthMonitor.counts(health))
        .isEqualTo("Waiting 2 · delivered 0 (in digests 0) · failed 0 · dropped 0 · coalesced 0");

    mm.faults().clear();
    Jenkins jenkins = mock(Jenkins.class);
    try (MockedStatic<Jenkins> jenkinsStatic = mockStatic(Jenkins.class)) {
      jenkinsStatic.when(Jenkins::get).thenReturn(jenkins);
      assertThat(monitor.doRetryNow()).isNotNull();
    }
    await(() -> context.delivery.health().waiting() == 0);

    assertThat(monitor.isActivated()).isFalse();
    assertThat(mm.posts("factory", "builds")).extracting(ReceivedPost::message).containsExactly("one", "two");
    assertThat(DeliveryHealthMonitor.counts(context.delivery.health()))
        .isEqualTo("Waiting 0 · delivered 2 (in digests 0) · failed 0 · dropped 0 · coalesced 0");
  }

  @Test
  void withAWebhookAsTheGlobalCredentialNeitherTheOutboxNorTheMonitorShowsItsKey() throws Exception {
    context.globalWebhook = mm.hookUrl(MattermostSandbox.JENKINS_HOOK);
    jenkinsLoaded();
    mm.faults().serverErrors(Integer.MAX_VALUE, 503);
    Run<?, ?> run = SandboxEndToEndTest.build(5, null, null);
    MattermostSendStep.Execution.send(context, step("through the hook", null), run, log.listener, null);

    await(() -> !context.delivery.health().isReachable());
    String summary = DeliveryHealthMonitor.summary(context.delivery.health(), Clock.systemUTC(), ZoneOffset.UTC);
    assertThat(summary).contains("last error: ").contains("503").doesNotContain(MattermostSandbox.JENKINS_HOOK);
    assertThat(outboxFiles()).isNotEmpty().allSatisfy(bytes -> assertThat(new String(bytes,
        StandardCharsets.ISO_8859_1)).doesNotContain(MattermostSandbox.JENKINS_HOOK));
    assertThat(log.text()).doesNotContain(MattermostSandbox.JENKINS_HOOK);
  }

  @Test
  void theMonitorAlsoWarnsWhenNotificationsWaitForMoreThanAMinuteWhileMattermostAnswers() throws Exception {
    jenkinsLoaded();
    mm.faults().slow(Duration.ofSeconds(4));
    Run<?, ?> run = SandboxEndToEndTest.build(5, null, null);
    context.settings = context.settings.newBuilder().deadline(Duration.ofMillis(200)).build();
    MattermostSendStep.Execution.send(context, step("slow", "builds"), run, log.listener, null);

    DeliveryHealth health = context.delivery.health();
    Instant waitingSince = health.oldestWaitingSince().orElseThrow();
    assertThat(health.isReachable()).isTrue();
    assertThat(DeliveryHealthMonitor.isActivated(health, waitingSince.plusSeconds(30))).isFalse();
    assertThat(DeliveryHealthMonitor.isActivated(health, waitingSince.plusSeconds(61))).isTrue();
    assertThat(DeliveryHealthMonitor.summary(health, Clock.fixed(waitingSince, ZoneOffset.UTC), ZoneOffset.UTC))
        .startsWith("Mattermost notifications waiting since ").contains("— 1 notification waiting");
  }

  @Test
  @SuppressWarnings("rawtypes")
  void theStartNotificationIsQueuedAndTheBuildGoesOnWhileMattermostHangs() throws Exception {
    jenkinsLoaded();
    mm.faults().slow(Duration.ofSeconds(5));
    AbstractBuild build = SandboxEndToEndTest.build(3, null, null);
    when(build.getEnvironment(log.listener)).thenReturn(new EnvVars());
    MattermostNotifier notifier = new MattermostNotifier();
    notifier.setNotifyStart(true);
    context.settings = context.settings.newBuilder().deadline(Duration.ofSeconds(30)).build();

    long started = System.nanoTime();
    assertThat(notifier.prebuild(build, log.listener)).isTrue();

    assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(2));
    assertThat(log.text()).contains("[Mattermost] Notification queued for channel builds; it is sent in the"
        + " background");
    // Queued: on disk before the build steps run, and sent in the background.
    assertThat(outboxFiles().stream().map(bytes -> new String(bytes, StandardCharsets.UTF_8)))
        .anySatisfy(text -> assertThat(text).contains("https://jenkins.example.test/job/app/3/"));
    mm.faults().clear();
    await(() -> mm.posts("factory", "builds").size() == 1);
  }

  @Test
  @SuppressWarnings("rawtypes")
  void aCompletionRightAfterItsQueuedStartUpdatesTheStartedPostInsteadOfMakingASecondOne() throws Exception {
    jenkinsLoaded();
    AbstractBuild success = SandboxEndToEndTest.build(1, Result.SUCCESS, null);
    AbstractBuild failed = SandboxEndToEndTest.build(2, Result.FAILURE, success);
    when(failed.getLog(50)).thenReturn(List.of("[ERROR] BUILD FAILURE"));
    when(failed.getEnvironment(log.listener)).thenReturn(new EnvVars());
    MattermostNotifier notifier = new MattermostNotifier();
    notifier.setNotifyStart(true);
    notifier.setUrgent(false); // else an urgent alert gets a post of its own (priority is fixed at creation)
    context.settings = context.settings.newBuilder().deadline(Duration.ofSeconds(10)).build();
    // The start's post is answered slowly: the build is over before it is through.
    mm.faults().slow(1, Duration.ofMillis(1500));

    assertThat(notifier.prebuild(failed, log.listener)).isTrue();
    notifier.perform(failed, new EnvVars(), log.listener);

    await(() -> context.delivery.health().waiting() == 0);
    List<ReceivedPost> posts = mm.posts("factory", "builds");
    List<ReceivedPost> roots = posts.stream().filter(p -> p.rootId() == null || p.rootId().isEmpty()).toList();
    assertThat(roots).hasSize(1);
    assertThat(roots.get(0).isEdited()).isTrue();
    assertThat(posts).anySatisfy(p -> assertThat(p.rootId()).isEqualTo(roots.get(0).id()));
    assertThat(new RunThreadStore(failed).buildThread("builds").get().postId()).isEqualTo(roots.get(0).id());
  }

  @Test
  void theEnginesThreadsAreMadeByThePluginsThreadFactory() throws Exception {
    jenkinsLoaded();

    assertThat(context.threadNames).containsExactlyInAnyOrder("Mattermost delivery [#1]",
        "Mattermost delivery [#2]", "Mattermost delivery (in memory) [#1]", "Mattermost delivery (in memory) [#2]");
    assertThat(Thread.getAllStackTraces().keySet()).extracting(Thread::getName)
        .contains("Mattermost delivery [#1]", "Mattermost delivery (in memory) [#1]");
  }

  @Test
  void aStartThatFailsAfterOpeningTheOutboxReleasesItForTheNextStart() throws Exception {
    // The durable engine's first thread cannot be made: its start fails after the outbox (and its lock) was opened.
    FakeContext failing = new FakeContext() {
      private boolean failed;

      @Override
      ThreadFactory threadFactory(String name) {
        ThreadFactory real = super.threadFactory(name);
        return task -> {
          if (!failed && name.equals("Mattermost delivery")) {
            failed = true;
            return null;
          }
          return real.newThread(task);
        };
      }
    };
    failing.delivery.start(failing, home);
    assertThat(failing.delivery.health()).as("in memory instead").isNotNull();

    DeliveryEngine next = DeliveryEngine.builder(key -> null)
        .outbox(Outbox.directory(home.resolve(JenkinsDelivery.OUTBOX))).build();
    try {
      next.start(); // "outbox ... is in use by another delivery engine" while the failed start holds it
    } finally {
      next.close();
      failing.delivery.stop();
    }
  }

  @Test
  void beforeTheStartNotificationsGoThroughTheSharedInMemoryEngine() throws Exception {
    Run<?, ?> run = SandboxEndToEndTest.build(5, null, null);
    // The shared engine starts on first use: give its first post time on a busy machine.
    context.settings = context.settings.newBuilder().deadline(Duration.ofSeconds(15)).build();

    assertThat(MattermostSendStep.Execution.send(context, step("early", "builds"), run, log.listener, null)
        .isSent()).isTrue();

    assertThat(context.routes).containsExactly((JenkinsDelivery.Route) null);
    assertThat(mm.posts("factory", "builds")).extracting(ReceivedPost::message).containsExactly("early");
    assertThat(home.resolve(JenkinsDelivery.OUTBOX)).doesNotExist();
  }

  @Test
  void aCredentialChosenByABuildParameterOrALongNameIsKeptInMemory() {
    Run<?, ?> run = SandboxEndToEndTest.build(5, null, null);
    ConnectionSettings settings = context.settings;

    assertThat(JenkinsDelivery.connectionKey(settings, MattermostConnection.Choice.globalDefault(), run))
        .isEqualTo("global");
    assertThat(JenkinsDelivery.connectionKey(settings,
        new MattermostConnection.Choice("${BOT}", "credentialId", null), run)).isNull();
    assertThat(JenkinsDelivery.connectionKey(settings,
        new MattermostConnection.Choice("x".repeat(200), "credentialId", null), run)).isNull();
    assertThat(JenkinsDelivery.connectionKey(settings,
        new MattermostConnection.Choice("bot", "credentialId", "https://other.example.test/"), run))
        .isEqualTo("job:app:bot:https%3A%2F%2Fother.example.test%2F");
    assertThat(JenkinsDelivery.connectionKey(settings,
        new MattermostConnection.Choice(null, "credentialId", mm.hookUrl(MattermostSandbox.JENKINS_HOOK)), run))
        .isNull();
    assertThat(JenkinsDelivery.connectionKey(settings,
        new MattermostConnection.Choice("bot", "credentialId", "https://user:pw@other.example.test/"), run)).isNull();
  }

}
