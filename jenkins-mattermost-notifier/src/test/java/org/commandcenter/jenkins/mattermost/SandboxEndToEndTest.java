package org.commandcenter.jenkins.mattermost;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.Mockito.doAnswer;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.mockStatic;
import static org.mockito.Mockito.when;
import static org.mockito.ArgumentMatchers.any;

import com.cloudbees.plugins.credentials.CredentialsProvider;
import hudson.AbortException;
import hudson.EnvVars;
import hudson.model.AbstractBuild;
import hudson.model.Action;
import hudson.model.Job;
import hudson.model.Result;
import hudson.model.Run;
import hudson.util.FormValidation;
import hudson.util.Secret;
import java.time.Duration;
import java.util.List;
import jenkins.model.Jenkins;
import org.commandcenter.mattermost.MattermostClient;
import org.commandcenter.sandbox.MattermostSandbox;
import org.commandcenter.sandbox.ReceivedPost;
import org.jenkinsci.plugins.plaincredentials.StringCredentials;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mockito.MockedStatic;

/**
 * The adapters with the real core engine and client against the Mattermost stand-in: what actually goes over the
 * wire for the freestyle notifier, the step (threads, updates, webhooks, failOnError, outage) and "Test connection".
 */
class SandboxEndToEndTest {
  private static final String TOKEN = MattermostSandbox.JENKINS_BOT_TOKEN;

  private final FakeContext context = new FakeContext();
  private final BuildLog log = new BuildLog();
  private MattermostSandbox mm;
  private MockedStatic<CredentialsProvider> credentials;
  private String secretText = TOKEN;

  @BeforeEach
  void setUp() throws Exception {
    mm = MattermostSandbox.builder().withSampleData().build();
    mm.start();
    context.againstSandbox(mm.url(), Duration.ofSeconds(10));
    PluginContext.set(context);
    credentials = mockStatic(CredentialsProvider.class);
    // The global default, resolved as Jenkins itself; its value is what the test last put in secretText.
    credentials.when(() -> CredentialsProvider.lookupCredentialsInItem(org.mockito.ArgumentMatchers.eq(
        StringCredentials.class), org.mockito.ArgumentMatchers.isNull(), any()))
        .thenAnswer(i -> List.of(TestCredentials.secretText("mm-bot", secretText)));
  }

  @AfterEach
  void tearDown() {
    credentials.close();
    PluginContext.set(null);
    mm.close();
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  static AbstractBuild build(int number, Result result, AbstractBuild previous) {
    AbstractBuild build = mock(AbstractBuild.class);
    Job job = mock(Job.class);
    when(job.getFullName()).thenReturn("app");
    when(job.getFullDisplayName()).thenReturn("app");
    when(job.getUrl()).thenReturn("job/app/");
    when(build.getParent()).thenReturn(job);
    when(build.getNumber()).thenReturn(number);
    when(build.getDisplayName()).thenReturn("#" + number);
    when(build.getUrl()).thenReturn("job/app/" + number + "/");
    when(build.getCauses()).thenReturn(List.of());
    when(build.getResult()).thenReturn(result);
    when(build.getStartTimeInMillis()).thenReturn(FakeContext.NOW.toEpochMilli() - 60_000);
    when(build.getPreviousCompletedBuild()).thenReturn(previous);
    when(build.getPreviousBuild()).thenReturn(previous);
    List<Action> actions = new java.util.concurrent.CopyOnWriteArrayList<>();
    when(build.getActions()).thenReturn(actions);
    doAnswer(i -> actions.add(i.getArgument(0, Action.class))).when(build).addAction(any(Action.class));
    return build;
  }

  @Test
  @SuppressWarnings("rawtypes")
  void freestyleFailureUpdatesTheStartedPostAndRecoveryClosesTheThread() throws Exception {
    AbstractBuild success = build(1, Result.SUCCESS, null);
    AbstractBuild failed = build(2, Result.FAILURE, success);
    when(failed.getLog(50)).thenReturn(List.of("[ERROR] BUILD FAILURE"));
    when(failed.getEnvironment(log.listener)).thenReturn(new EnvVars());
    MattermostNotifier notifier = new MattermostNotifier();
    notifier.setNotifyStart(true);

    assertThat(notifier.prebuild(failed, log.listener)).isTrue();
    // The start is queued, not waited for: it appears a moment later.
    List<ReceivedPost> afterStart = mm.awaitPosts("factory", "builds", 1, Duration.ofSeconds(10));
    assertThat(afterStart).hasSize(1);
    String rootId = afterStart.get(0).id();

    notifier.perform(failed, new EnvVars(), log.listener);

    List<ReceivedPost> posts = mm.posts("factory", "builds");
    List<ReceivedPost> roots = posts.stream().filter(p -> p.rootId() == null || p.rootId().isEmpty()).toList();
    assertThat(roots).extracting(ReceivedPost::id).contains(rootId);
    assertThat(posts.stream().filter(p -> p.id().equals(rootId)).findFirst().orElseThrow().isEdited()).isTrue();
    assertThat(posts).anySatisfy(p -> assertThat(p.toJson()).contains("BUILD FAILURE"));
    assertThat(log.text()).doesNotContain(TOKEN);

    AbstractBuild fixed = build(3, Result.SUCCESS, failed);
    notifier.perform(fixed, new EnvVars(), log.listener);

    List<ReceivedPost> all = mm.posts("factory", "builds");
    assertThat(all.size()).isGreaterThan(posts.size());
    assertThat(all.get(all.size() - 1).rootId()).isNotEmpty();
    assertThat(log.text()).doesNotContain(TOKEN);
  }

  /**
   * Compose service names carry '_', which java.net.URI cannot take as a host: such a webhook URL must still be
   * recognised as a webhook (and never be sent as a token). The stand-in plays {@code mattermost_app} behind
   * Jenkins' proxy, so the name never has to resolve.
   */
  @Test
  void aWebhookOnADockerStyleHostIsPostedAsAWebhookFromTheStepAndTheGlobalCredential() throws Exception {
    String composeHook = "http://mattermost_app:8065/hooks/" + MattermostSandbox.JENKINS_HOOK;
    context.settings = context.settings.newBuilder().useProxy(true).build();
    context.proxy = sandboxAsProxy();
    Run<?, ?> run = build(7, null, null);

    MattermostSendStep viaEndpoint = new MattermostSendStep("from the endpoint");
    viaEndpoint.setEndpoint(composeHook);
    assertThat(MattermostSendStep.Execution.send(context, viaEndpoint, run, log.listener, null).isSent()).isTrue();
    secretText = composeHook;
    assertThat(MattermostSendStep.Execution.send(context, new MattermostSendStep("from the credential"), run,
        log.listener, null).isSent()).isTrue();

    // The step's message is the attachment's text, as in the old plugin.
    assertThat(mm.posts("factory", "builds")).hasSize(2)
        .satisfiesExactly(p -> assertThat(p.toJson()).contains("from the endpoint"),
            p -> assertThat(p.toJson()).contains("from the credential"));
    assertThat(mm.posts("factory", "builds")).allSatisfy(p -> assertThat(p.fromWebhook()).isTrue());
    assertThat(mm.requests()).allSatisfy(r -> assertThat(r.authorization()).isNull());
    assertThat(log.text()).doesNotContain(MattermostSandbox.JENKINS_HOOK);
  }

  private hudson.ProxyConfiguration sandboxAsProxy() {
    hudson.ProxyConfiguration proxy = mock(hudson.ProxyConfiguration.class);
    when(proxy.getName()).thenReturn("127.0.0.1");
    when(proxy.getPort()).thenReturn(mm.port());
    when(proxy.createProxy(any())).thenReturn(new java.net.Proxy(java.net.Proxy.Type.HTTP,
        java.net.InetSocketAddress.createUnresolved("127.0.0.1", mm.port())));
    return proxy;
  }

  @Test
  void stepCreatesRepliesInTheThreadAndUpdatesInPlace() throws Exception {
    Run<?, ?> run = build(5, null, null);
    MattermostSendStep first = new MattermostSendStep("Deploying 1.4");
    first.setColor("warning");
    MattermostSendResponse root = MattermostSendStep.Execution.send(context, first, run, log.listener, null);
    assertThat(root.isSent()).isTrue();
    assertThat(root.getPostId()).hasSize(26);
    assertThat(root.getThreadId()).isEqualTo(root.getPostId());
    assertThat(root.getChannelId()).isEqualTo(mm.channelId("factory", "builds"));

    MattermostSendStep reply = new MattermostSendStep("Step 1 done");
    reply.setThreadId(root.getThreadId());
    MattermostSendResponse replied = MattermostSendStep.Execution.send(context, reply, run, log.listener, null);
    assertThat(replied.getThreadId()).isEqualTo(root.getPostId());

    MattermostSendStep update = new MattermostSendStep("Deployed 1.4");
    update.setUpdatePostId(root.getPostId());
    update.setColor("good");
    MattermostSendStep.Execution.send(context, update, run, log.listener, null);

    List<ReceivedPost> posts = mm.posts("factory", "builds");
    assertThat(posts).hasSize(2);
    ReceivedPost rootPost = posts.get(0);
    assertThat(rootPost.isEdited()).isTrue();
    assertThat(rootPost.attachments().get(0).toString()).contains("Deployed 1.4").contains("good");
    assertThat(posts.get(1).rootId()).isEqualTo(root.getPostId());
  }

  @Test
  void stepPostsThroughAWebhookEndpointWithoutToken() throws Exception {
    Run<?, ?> run = build(6, null, null);
    context.settings = context.settings.newBuilder().credentialsId(null).build();
    MattermostSendStep step = new MattermostSendStep("From the old Jenkinsfile");
    step.setEndpoint(mm.hookUrl(MattermostSandbox.JENKINS_HOOK));
    step.setText("searchable text");
    step.setColor("#439FE0");

    MattermostSendResponse response = MattermostSendStep.Execution.send(context, step, run, log.listener, null);

    assertThat(response.isSent()).isTrue();
    assertThat(response.getPostId()).isNull();
    ReceivedPost post = mm.posts("factory", "builds").get(0);
    assertThat(post.fromWebhook()).isTrue();
    assertThat(post.message()).isEqualTo("searchable text");
    assertThat(post.attachments().get(0).toString()).contains("From the old Jenkinsfile").contains("#439FE0");
    assertThat(log.text()).doesNotContain(MattermostSandbox.JENKINS_HOOK);
  }

  @Test
  void outageFailsTheStepOnlyWithFailOnErrorAndNeverHoldsTheBuildPastTheDeadline() throws Exception {
    Run<?, ?> run = build(7, null, null);
    context.settings = context.settings.newBuilder().deadline(Duration.ofSeconds(3)).build();
    mm.faults().down();

    long started = System.nanoTime();
    MattermostSendResponse response =
        MattermostSendStep.Execution.send(context, new MattermostSendStep("hello"), run, log.listener, null);
    assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(10));
    assertThat(response.isSent()).isFalse();
    assertThat(response.getError()).isNotBlank().doesNotContain(TOKEN);
    assertThat(log.text()).contains("[Mattermost]").doesNotContain(TOKEN);

    MattermostSendStep strict = new MattermostSendStep("hello");
    strict.setFailOnError(true);
    assertThatThrownBy(() -> MattermostSendStep.Execution.send(context, strict, run, log.listener, null))
        .isInstanceOf(AbortException.class)
        .hasMessageStartingWith("[Mattermost]")
        .hasMessageNotContaining(TOKEN);
  }

  @Test
  void testConnectionReportsTokenChannelsAndCalls() {
    MattermostClient client = restClient(context.settings, TOKEN);

    List<FieldCheck> lines = ConnectionTester.test(client, context.settings, MattermostGlobalConfiguration.TEST_BUDGET);

    assertThat(lines).extracting(FieldCheck::kind).containsOnly(FieldCheck.Kind.OK);
    assertThat(lines).extracting(FieldCheck::message).containsExactly(
        "Token valid: bot @jenkins-bot.",
        "Default channel: ~builds found (Builds).",
        "War Room channel: ~war-room found (War Room).",
        "Calls plugin 1.12.2 is running: War Room calls available.");
  }

  @Test
  void testConnectionButtonChecksTheUnsavedFormValues() {
    StringCredentials credential = mock(StringCredentials.class);
    Secret secret = mock(Secret.class);
    when(secret.getPlainText()).thenReturn(TOKEN);
    when(credential.getId()).thenReturn("mm-bot");
    when(credential.getSecret()).thenReturn(secret);
    credentials.when(() -> CredentialsProvider.lookupCredentialsInItem(org.mockito.ArgumentMatchers.eq(StringCredentials.class),
        org.mockito.ArgumentMatchers.isNull(), org.mockito.ArgumentMatchers.any())).thenReturn(List.of(credential));
    List<String> reported = new java.util.ArrayList<>();
    FormValidation aggregate = mock(FormValidation.class);
    try (MockedStatic<Jenkins> jenkinsStatic = mockStatic(Jenkins.class);
        MockedStatic<FormValidation> validations = mockStatic(FormValidation.class)) {
      jenkinsStatic.when(Jenkins::get).thenReturn(mock(Jenkins.class));
      validations.when(() -> FormValidation.ok(org.mockito.ArgumentMatchers.anyString())).thenAnswer(i -> {
        reported.add("ok: " + i.getArgument(0));
        return mock(FormValidation.class);
      });
      validations.when(() -> FormValidation.warning(org.mockito.ArgumentMatchers.anyString())).thenAnswer(i -> {
        reported.add("warning: " + i.getArgument(0));
        return mock(FormValidation.class);
      });
      validations.when(() -> FormValidation.aggregate(org.mockito.ArgumentMatchers.any())).thenReturn(aggregate);
      MattermostGlobalConfiguration config = mock(MattermostGlobalConfiguration.class,
          org.mockito.Mockito.CALLS_REAL_METHODS);

      assertThat(config.doTestConnection(mm.url(), "mm-bot", "factory", "builds", "war-room", null, false, "5", "5"))
          .isSameAs(aggregate);
    }
    assertThat(reported).containsExactly(
        "ok: Token valid: bot @jenkins-bot.",
        "ok: Default channel: ~builds found (Builds).",
        "ok: War Room channel: ~war-room found (War Room).",
        "ok: Calls plugin 1.12.2 is running: War Room calls available.");
    assertThat(mm.allPosts()).isEmpty();
  }

  @Test
  void testConnectionAcceptsEveryChannelSpellingTheNotifierAccepts() {
    ConnectionSettings settings = context.settings.newBuilder()
        .channel("~builds, #builds").warRoomChannel("abcdefghijklmnopqrstuvwxyz").build();

    List<FieldCheck> lines = ConnectionTester.test(restClient(settings, TOKEN), settings, MattermostGlobalConfiguration.TEST_BUDGET);

    assertThat(lines).extracting(FieldCheck::message).contains(
        "Default channel: ~builds found (Builds).",
        "War Room channel: ~abcdefghijklmnopqrstuvwxyz is not a channel name in team factory; if it is a channel id,"
            + " it is used as is.");
    assertThat(lines).filteredOn(line -> line.message().startsWith("Default channel"))
        .hasSize(2).extracting(FieldCheck::kind).containsOnly(FieldCheck.Kind.OK);
    assertThat(lines).filteredOn(line -> line.message().startsWith("War Room channel"))
        .extracting(FieldCheck::kind).containsExactly(FieldCheck.Kind.WARNING);
  }

  @Test
  void testConnectionNamesWhatIsWrong() {
    ConnectionSettings settings = context.settings.newBuilder().channel("nope").build();

    assertThat(ConnectionTester.test(restClient(settings, "wrong-token"), settings, MattermostGlobalConfiguration.TEST_BUDGET))
        .singleElement().satisfies(line -> {
          assertThat(line.kind()).isEqualTo(FieldCheck.Kind.ERROR);
          assertThat(line.message()).startsWith("Token rejected").contains("401").doesNotContain("wrong-token");
        });
    List<FieldCheck> lines = ConnectionTester.test(restClient(settings, TOKEN), settings, MattermostGlobalConfiguration.TEST_BUDGET);
    assertThat(lines).anySatisfy(line -> assertThat(line.message()).startsWith("Default channel: ~nope not found"));
  }

  @Test
  void testConnectionStopsAtItsBudgetWhateverTimeoutsAreConfigured() {
    ConnectionSettings settings = context.settings.newBuilder()
        .connectTimeout(Duration.ofSeconds(600)).readTimeout(Duration.ofSeconds(600)).build();
    mm.faults().slow(1, Duration.ofSeconds(6));

    long started = System.nanoTime();
    List<FieldCheck> lines = ConnectionTester.test(restClient(settings, TOKEN), settings, Duration.ofSeconds(2));

    // The web request thread is given back after the budget, not after the configured 600 s (or the 6 s hang).
    assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofMillis(4500));
    assertThat(lines).singleElement().satisfies(line -> assertThat(line.kind()).isNotEqualTo(FieldCheck.Kind.OK));
    assertThat(MattermostGlobalConfiguration.TEST_BUDGET).isEqualTo(Duration.ofSeconds(10));
  }

  private static MattermostClient restClient(ConnectionSettings settings, String token) {
    return MattermostClients.create(settings, new MattermostConnection(null, settings.siteUrl(), token), null);
  }
}
