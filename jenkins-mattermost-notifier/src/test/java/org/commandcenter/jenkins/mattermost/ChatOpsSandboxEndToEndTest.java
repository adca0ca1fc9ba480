package org.commandcenter.jenkins.mattermost;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.ArgumentMatchers.isNull;
import static org.mockito.Mockito.doAnswer;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.mockConstruction;
import static org.mockito.Mockito.mockStatic;
import static org.mockito.Mockito.when;

import com.cloudbees.plugins.credentials.CredentialsProvider;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import hudson.EnvVars;
import hudson.model.AbstractBuild;
import hudson.model.Action;
import hudson.model.Cause;
import hudson.model.CauseAction;
import hudson.model.Item;
import hudson.model.Job;
import hudson.model.Result;
import hudson.model.Run;
import hudson.model.queue.QueueTaskFuture;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.AbstractExecutorService;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import jenkins.model.ParameterizedJobMixIn;
import org.commandcenter.notifier.core.AuditEvent;
import org.commandcenter.sandbox.ApiAnswer;
import org.commandcenter.sandbox.MattermostSandbox;
import org.commandcenter.sandbox.ReceivedPost;
import org.commandcenter.sandbox.SandboxSettings;
import org.commandcenter.sandbox.SlashCommandInfo;
import org.jenkinsci.plugins.plaincredentials.StringCredentials;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mockito.MockedConstruction;
import org.mockito.MockedStatic;

/**
 * The Jenkins adapter of ChatOps end to end against the Mattermost stand-in: the freestyle notifier posts a failure
 * alert with its buttons through the real engine and client; a click in Mattermost is dispatched by the stand-in, as
 * the server does, to {@code <root>/mattermost/actions}, where {@link ChatOpsEndpoint} hands it to the ChatOps that
 * {@link ChatOpsRuntime} built from the configuration; the port acts in (a stand-in for) Jenkins as the clicker.
 */
class ChatOpsSandboxEndToEndTest {
  private final FakeContext context = new FakeContext();
  private final BuildLog log = new BuildLog();
  private final List<AuditEvent> audit = new CopyOnWriteArrayList<>();
  private MattermostSandbox mm;
  private EndpointOnTestThread jenkinsHttp;
  private JenkinsAsUsers jenkins;
  private MockedStatic<CredentialsProvider> credentials;
  private SlashCommandInfo command;
  private Job<?, ?> app;
  private AbstractBuild<?, ?> failed;

  @BeforeEach
  void setUp() throws Exception {
    mm = MattermostSandbox.builder().withSampleData()
        .settings(SandboxSettings.builder().allowedUntrustedInternalConnections("127.0.0.1").build())
        .build();
    mm.start();
    ChatOpsRuntime runtime = new ChatOpsRuntime(new InlineExecutor(), mock(ScheduledExecutorService.class),
        Clock.systemUTC(), audit::add);
    jenkinsHttp = new EndpointOnTestThread(new ChatOpsEndpoint(() -> runtime.current(context)));
    command = mm.createSlashCommand(MattermostSandbox.TEAM, "jenkins", jenkinsHttp.rootUrl() + "mattermost/command",
        "admin");

    context.realEngine = true;
    context.realClient = true;
    context.rootUrl = jenkinsHttp.rootUrl();
    context.settings = context.settings.newBuilder().siteUrl(mm.url()).deadline(Duration.ofSeconds(10))
        .connectTimeout(Duration.ofSeconds(2)).readTimeout(Duration.ofSeconds(10)).build();
    context.chatOpsSettings = new ChatOpsSettings(true, "mm-command", null, Set.of(),
        ChatOpsUserMapping.SAME_USERNAME, Map.of(), 14, 20, 40, "jenkins-e2e",
        "MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY=");
    PluginContext.set(context);
    credentials = mockStatic(CredentialsProvider.class);
    credentials.when(() -> CredentialsProvider.lookupCredentialsInItem(eq(StringCredentials.class), isNull(), any()))
        .thenAnswer(i -> List.of(TestCredentials.secretText("mm-bot", MattermostSandbox.JENKINS_BOT_TOKEN),
            TestCredentials.secretText("mm-command", command.token())));
    context.chatOps = runtime.current(context);

    jenkins = new JenkinsAsUsers();
    jenkins.user("alice");
    jenkins.user("admin");
    app = jenkins.job("app");
    jenkins.grant("alice", "app", Item.READ, Item.BUILD);
    jenkins.grant("admin", "app", Item.READ);
    failed = build(app, 2, Result.FAILURE, build(app, 1, Result.SUCCESS, null));
    when(failed.getLog(anyInt())).thenReturn(List.of("[ERROR] BUILD FAILURE", "[ERROR] Tests failed"));
  }

  @AfterEach
  void tearDown() {
    jenkins.close();
    credentials.close();
    PluginContext.set(null);
    jenkinsHttp.close();
    mm.close();
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  private static AbstractBuild build(Job job, int number, Result result, AbstractBuild previous) throws Exception {
    AbstractBuild build = mock(AbstractBuild.class);
    when(build.getParent()).thenReturn(job);
    when(build.getNumber()).thenReturn(number);
    when(build.getDisplayName()).thenReturn("#" + number);
    when(build.getUrl()).thenReturn("job/app/" + number + "/");
    when(build.getExternalizableId()).thenReturn("app#" + number);
    when(build.getCauses()).thenReturn(List.of());
    when(build.getResult()).thenReturn(result);
    when(build.getStartTimeInMillis()).thenReturn(FakeContext.NOW.toEpochMilli() - 60_000);
    when(build.getPreviousCompletedBuild()).thenReturn(previous);
    when(build.getPreviousBuild()).thenReturn(previous);
    when(build.getEnvironment(any())).thenReturn(new EnvVars());
    List<Action> actions = new CopyOnWriteArrayList<>();
    when(build.getActions()).thenReturn(actions);
    doAnswer(i -> actions.add(i.getArgument(0, Action.class))).when(build).addAction(any(Action.class));
    when(job.getBuildByNumber(number)).thenReturn(build);
    return build;
  }

  /** Jenkins queues the job and the build starts at once as #3. */
  @SuppressWarnings({"unchecked", "rawtypes"})
  private void rebuildsStartAs3() {
    Run started = mock(Run.class);
    when(started.getNumber()).thenReturn(3);
    QueueTaskFuture queued = mock(QueueTaskFuture.class);
    when(queued.getStartCondition()).thenReturn(CompletableFuture.completedFuture(started));
    when(((ParameterizedJobMixIn.ParameterizedJob) app).scheduleBuild2(anyInt(), any(Action[].class)))
        .thenAnswer(i -> {
          jenkins.record("scheduleBuild2");
          return queued;
        });
  }

  private ReceivedPost failureAlert() throws Exception {
    new MattermostNotifier().perform(failed, new EnvVars(), log.listener);
    return mm.posts(MattermostSandbox.TEAM, "builds").stream().filter(p -> p.rootId().isEmpty()).findFirst()
        .orElseThrow();
  }

  private List<String> thread(ReceivedPost root) {
    return mm.posts(MattermostSandbox.TEAM, "builds").stream().filter(p -> p.rootId().equals(root.id()))
        .map(ReceivedPost::message).toList();
  }

  private static List<String> buttons(ReceivedPost post) {
    List<String> names = new ArrayList<>();
    for (JsonElement action : post.attachments().get(0).getAsJsonArray("actions")) {
      JsonObject json = action.getAsJsonObject();
      names.add(json.get("name").getAsString() + (json.has("disabled") && json.get("disabled").getAsBoolean()
          ? " (disabled)" : ""));
    }
    return names;
  }

  private List<String> ephemeral(String username) {
    return mm.ephemeralPosts(username).stream().map(ReceivedPost::message).toList();
  }

  @Test
  void rebuildClickedInMattermostRunsAsTheClickerAndTheThreadSaysRebuiltAsTheNewNumber() throws Exception {
    rebuildsStartAs3();
    ReceivedPost alert = failureAlert();
    assertThat(buttons(alert)).containsExactly("Rebuild", "I'm on it", "Show log");
    List<Object> causedBy = new ArrayList<>();

    ApiAnswer clicked;
    try (MockedConstruction<Cause.UserIdCause> causes = mockConstruction(Cause.UserIdCause.class,
            (cause, construction) -> causedBy.addAll(construction.arguments()));
        MockedConstruction<CauseAction> actions = mockConstruction(CauseAction.class)) {
      clicked = jenkinsHttp.serveWhile(() -> mm.clickButton("alice", alert.id(), "rebuild"));
    }

    assertThat(clicked.status()).as(clicked.toString()).isEqualTo(200);
    assertThat(thread(alert)).contains(":repeat: Rebuilt by @alice as #3.");
    ReceivedPost updated = mm.post(alert.id()).orElseThrow();
    assertThat(buttons(updated)).containsExactly("Rebuild (disabled)", "I'm on it", "Show log");
    assertThat(updated.toJson()).contains("by @alice as #3");
    assertThat(causedBy).containsExactly("alice");
    assertThat(jenkins.calls).contains("scheduleBuild2 as alice");
    assertThat(jenkins.calls).allSatisfy(call -> assertThat(call).endsWith(" as alice"));
    assertThat(jenkins.impersonated).isNotEmpty().allSatisfy(a -> assertThat(a.getName()).isEqualTo("alice"));
    assertThat(audit).anySatisfy(event -> {
      assertThat(event.action()).isEqualTo("rebuild");
      assertThat(event.jenkinsUser()).isEqualTo("alice");
      assertThat(event.job()).isEqualTo("app");
      assertThat(event.build()).isEqualTo(2);
      assertThat(event.outcome()).isEqualTo("started #3");
    });
    assertThat(failed.getActions()).as("the rebuild is remembered on the build itself")
        .anySatisfy(action -> assertThat(action).isInstanceOf(ChatOpsRunAction.class));
    assertThat(ephemeral("alice")).isEmpty();
    assertThat(log.text()).doesNotContain(MattermostSandbox.JENKINS_BOT_TOKEN);
  }

  @Test
  void someoneWithoutBuildIsToldWhichPermissionAndNothingIsQueued() throws Exception {
    rebuildsStartAs3();
    ReceivedPost alert = failureAlert();

    ApiAnswer clicked = jenkinsHttp.serveWhile(() -> mm.clickButton("admin", alert.id(), "rebuild"));

    assertThat(clicked.status()).isEqualTo(200);
    assertThat(ephemeral("admin")).singleElement().asString()
        .contains("Job/Build").contains("app").contains("Nothing was done");
    assertThat(jenkins.calls).noneMatch(call -> call.startsWith("scheduleBuild2"));
    assertThat(thread(alert)).noneMatch(line -> line.contains("Rebuilt"));
  }

  @Test
  void showLogAnswersOnlyTheClickerWithTheBuildsLastLines() throws Exception {
    ReceivedPost alert = failureAlert();

    jenkinsHttp.serveWhile(() -> mm.clickButton("alice", alert.id(), "showlog"));

    assertThat(ephemeral("alice")).singleElement().asString().contains("[ERROR] BUILD FAILURE");
    assertThat(ephemeral("admin")).isEmpty();
    assertThat(jenkins.calls).allSatisfy(call -> assertThat(call).endsWith(" as alice"));
  }

  @Test
  void theSlashCommandReachesJenkinsWithItsTokenAndAnswersAsTheUserSeesIt() throws Exception {
    when(app.getLastBuild()).thenAnswer(i -> failed);

    ApiAnswer answered = jenkinsHttp.serveWhile(() -> mm.runCommand("alice", MattermostSandbox.TEAM, "builds",
        "/jenkins status app"));

    assertThat(answered.status()).as(answered.toString()).isEqualTo(200);
    assertThat(ephemeral("alice")).singleElement().asString().contains("app").contains("#2");
    assertThat(jenkins.calls).isNotEmpty().allSatisfy(call -> assertThat(call).endsWith(" as alice"));
  }

  @Test
  void withChatOpsOffMattermostGetsA404AndTheAlertHasNoButtons() throws Exception {
    context.chatOpsSettings = ChatOpsSettings.OFF;
    context.chatOps = null;

    ReceivedPost alert = failureAlert();
    ApiAnswer answered = jenkinsHttp.serveWhile(() -> mm.runCommand("alice", MattermostSandbox.TEAM, "builds",
        "/jenkins status app"));

    assertThat(alert.attachments().get(0).has("actions")).isFalse();
    assertThat(answered.status()).isNotEqualTo(200);
    assertThat(jenkins.calls).isEmpty();
  }

  /** ChatOps' work on the calling thread: where the static mocks of Jenkins are. */
  private static final class InlineExecutor extends AbstractExecutorService {
    private volatile boolean shutdown;

    @Override
    public void execute(Runnable command) {
      command.run();
    }

    @Override
    public void shutdown() {
      shutdown = true;
    }

    @Override
    public List<Runnable> shutdownNow() {
      shutdown = true;
      return List.of();
    }

    @Override
    public boolean isShutdown() {
      return shutdown;
    }

    @Override
    public boolean isTerminated() {
      return shutdown;
    }

    @Override
    public boolean awaitTermination(long timeout, TimeUnit unit) {
      return true;
    }
  }
}
