package org.commandcenter.jenkins.mattermost;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.ArgumentMatchers.same;
import static org.mockito.Mockito.doReturn;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.mockStatic;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;
import static org.mockito.Mockito.withSettings;

import com.cloudbees.plugins.credentials.CredentialsProvider;
import hudson.AbortException;
import hudson.EnvVars;
import hudson.model.AbstractBuild;
import hudson.model.Cause;
import hudson.model.Job;
import hudson.model.Result;
import hudson.model.Run;
import hudson.model.User;
import hudson.scm.ChangeLogSet;
import hudson.tasks.BuildStepMonitor;
import hudson.tasks.test.AbstractTestResultAction;
import hudson.tasks.test.TestResult;
import hudson.util.Secret;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import jenkins.scm.RunWithSCM;
import org.commandcenter.notifier.core.BuildEvent;
import org.commandcenter.notifier.core.BuildFacts;
import org.commandcenter.notifier.core.BuildResult;
import org.commandcenter.notifier.core.NotificationException;
import org.commandcenter.notifier.core.NotifyConfig;
import org.jenkinsci.plugins.plaincredentials.StringCredentials;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;
import org.mockito.MockedStatic;

class MattermostNotifierTest {
  private static final String TOKEN = "s3cr3t-bot-token-0123456789";

  private final FakeContext context = new FakeContext();
  private final BuildLog log = new BuildLog();
  private MockedStatic<CredentialsProvider> credentials;
  private StringCredentials credential;

  @BeforeEach
  void setUp() {
    PluginContext.set(context);
    credentials = mockStatic(CredentialsProvider.class);
    credential = mock(StringCredentials.class);
    Secret secret = mock(Secret.class);
    when(secret.getPlainText()).thenReturn(TOKEN);
    when(credential.getSecret()).thenReturn(secret);
    when(credential.getId()).thenReturn("mm-bot");
  }

  @AfterEach
  void tearDown() {
    credentials.close();
    PluginContext.set(null);
  }

  /** The global default is resolved as Jenkins itself, and its use recorded on {@code run}. */
  private void credentialVisibleTo(Run<?, ?> run) {
    TestCredentials.global(credentials, credential);
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  private static Run<?, ?> failedRun() {
    Run run = mock(Run.class, withSettings().extraInterfaces(RunWithSCM.class));
    Job job = mock(Job.class);
    when(job.getFullName()).thenReturn("team/app/main");
    when(job.getFullDisplayName()).thenReturn("team » app » main");
    when(job.getUrl()).thenReturn("job/team/job/app/job/main/");
    when(run.getParent()).thenReturn(job);
    when(run.getNumber()).thenReturn(42);
    when(run.getDisplayName()).thenReturn("#42");
    when(run.getUrl()).thenReturn("job/team/job/app/job/main/42/");
    when(run.getResult()).thenReturn(Result.FAILURE);
    when(run.getStartTimeInMillis()).thenReturn(FakeContext.NOW.toEpochMilli() - 90_000);
    when(run.getDuration()).thenReturn(0L);
    Cause cause = mock(Cause.class);
    when(cause.getShortDescription()).thenReturn("Started by an SCM change");
    when(run.getCauses()).thenReturn(List.of(cause));

    Run previous = mock(Run.class);
    when(previous.getResult()).thenReturn(Result.SUCCESS);
    when(run.getPreviousCompletedBuild()).thenReturn(previous);

    ChangeLogSet.Entry entry = mock(ChangeLogSet.Entry.class, withSettings().extraInterfaces(HasAuthorEmail.class));
    User alice = mock(User.class);
    when(alice.getFullName()).thenReturn("Alice Liddell");
    when(alice.getProperty(MattermostUserProperty.class)).thenReturn(new MattermostUserProperty("@Alice.Liddell"));
    when(entry.getAuthor()).thenReturn(alice);
    when(entry.getCommitId()).thenReturn("abc123");
    when(entry.getMsg()).thenReturn("Break the build");
    when(((HasAuthorEmail) entry).getAuthorEmail()).thenReturn("alice@example.com");
    ChangeLogSet set = mock(ChangeLogSet.class);
    when(set.iterator()).thenAnswer(i -> List.of(entry).iterator());
    when(((RunWithSCM) run).getChangeSets()).thenReturn(List.of(set));
    return run;
  }

  /** What git's GitChangeSet offers; core's ChangeLogSet.Entry has no e-mail. */
  public interface HasAuthorEmail {
    String getAuthorEmail();
  }

  private static EnvVars env() {
    EnvVars env = new EnvVars();
    env.put("BRANCH_NAME", "main");
    env.put("BUILD_NUMBER", "42");
    return env;
  }

  @Test
  void performMapsTheRunToBuildFactsAndCallsTheEngineOnce() throws Exception {
    Run<?, ?> run = failedRun();
    credentialVisibleTo(run);
    MattermostNotifier notifier = new MattermostNotifier();
    notifier.setCustomMessage("Build $BUILD_NUMBER of ${BRANCH_NAME}");

    notifier.perform(run, env(), log.listener);

    ArgumentCaptor<BuildFacts> facts = ArgumentCaptor.forClass(BuildFacts.class);
    ArgumentCaptor<NotifyConfig> config = ArgumentCaptor.forClass(NotifyConfig.class);
    verify(context.engine).notify(facts.capture(), config.capture());
    BuildFacts f = facts.getValue();
    assertThat(f.jobName()).isEqualTo("team/app/main");
    assertThat(f.jobDisplayName()).isEqualTo("team » app » main");
    assertThat(f.jobUrl()).isEqualTo("https://jenkins.example.test/job/team/job/app/job/main/");
    assertThat(f.buildNumber()).isEqualTo(42);
    assertThat(f.buildUrl()).isEqualTo("https://jenkins.example.test/job/team/job/app/job/main/42/");
    assertThat(f.result()).isEqualTo(BuildResult.FAILURE);
    assertThat(f.previousResults()).containsExactly(BuildResult.SUCCESS);
    assertThat(f.duration()).hasSeconds(90);
    assertThat(f.causes()).containsExactly("Started by an SCM change");
    assertThat(f.branch()).isEqualTo("main");
    assertThat(f.changes()).singleElement().satisfies(c -> {
      assertThat(c.commitId()).isEqualTo("abc123");
      assertThat(c.authorName()).isEqualTo("Alice Liddell");
      assertThat(c.authorEmail()).isEqualTo("alice@example.com");
      assertThat(c.authorUsername()).as("from the author's Jenkins profile").isEqualTo("alice.liddell");
      assertThat(c.message()).isEqualTo("Break the build");
    });

    NotifyConfig c = config.getValue();
    assertThat(c.culpritsByEmail()).as("an administrator's choice, off by default").isFalse();
    assertThat(c.events()).containsExactlyInAnyOrder(BuildEvent.FAILURE, BuildEvent.UNSTABLE,
        BuildEvent.BACK_TO_NORMAL);
    assertThat(c.channels()).containsExactly("builds");
    assertThat(c.customMessage()).isEqualTo("Build 42 of main");
    assertThat(c.warRoom().channel()).isEqualTo("war-room");
    assertThat(c.iconUrl()).isEqualTo(
        "https://jenkins.example.test/mattermost-notifier-icon/");
    assertThat(c.failOnError()).isFalse();
    assertThat(context.secrets).containsExactly(TOKEN);
    assertThat(context.threadStores).singleElement().isInstanceOf(RunThreadStore.class);
    credentials.verify(() -> CredentialsProvider.track(same(run), same(credential)));
  }

  @Test
  void jobChoicesOverrideTheGlobalDefaults() throws Exception {
    Run<?, ?> run = failedRun();
    credentials.when(() -> CredentialsProvider.findCredentialById("job-bot", StringCredentials.class, run))
        .thenReturn(credential);
    MattermostNotifier notifier = new MattermostNotifier();
    notifier.setChannel("alerts, #team-app");
    notifier.setCredentialsId("job-bot");
    notifier.setNotifyEveryFailure(true);
    notifier.setNotifyRegression(true);
    notifier.setWarRoom(false);
    notifier.setMaxFailedTests(3);
    notifier.setLogTailLines(0);

    notifier.perform(run, env(), log.listener);

    ArgumentCaptor<NotifyConfig> config = ArgumentCaptor.forClass(NotifyConfig.class);
    verify(context.engine).notify(any(), config.capture());
    assertThat(config.getValue().channels()).containsExactly("alerts", "team-app");
    assertThat(config.getValue().everyFailure()).isTrue();
    assertThat(config.getValue().events()).contains(BuildEvent.REGRESSION);
    assertThat(config.getValue().warRoom()).isNull();
    assertThat(config.getValue().maxFailedTests()).isEqualTo(3);
    verify(run, never()).getLog(org.mockito.ArgumentMatchers.anyInt());
  }

  @Test
  void failedBuildCarriesTheLogTailAndTheTestSummary() throws Exception {
    Run<?, ?> run = failedRun();
    credentialVisibleTo(run);
    when(run.getLog(50)).thenReturn(List.of("[INFO] compiling", "[ERROR] BUILD FAILURE"));
    AbstractTestResultAction<?> tests = mock(AbstractTestResultAction.class);
    when(tests.getTotalCount()).thenReturn(120);
    when(tests.getFailCount()).thenReturn(2);
    when(tests.getSkipCount()).thenReturn(1);
    TestResult t1 = mock(TestResult.class);
    when(t1.getFullDisplayName()).thenReturn("app.LoginTest.rejectsBadPassword");
    TestResult t2 = mock(TestResult.class);
    when(t2.getFullDisplayName()).thenReturn("app.CartTest.totals");
    doReturn(List.of(t1, t2)).when(tests).getFailedTests();
    when(run.getAction(AbstractTestResultAction.class)).thenReturn(tests);

    new MattermostNotifier().perform(run, env(), log.listener);

    ArgumentCaptor<BuildFacts> facts = ArgumentCaptor.forClass(BuildFacts.class);
    verify(context.engine).notify(facts.capture(), any());
    assertThat(facts.getValue().logTail()).containsExactly("[INFO] compiling", "[ERROR] BUILD FAILURE");
    assertThat(facts.getValue().testSummary().total()).isEqualTo(120);
    assertThat(facts.getValue().testSummary().failed()).isEqualTo(2);
    assertThat(facts.getValue().testSummary().failedTests())
        .containsExactly("app.LoginTest.rejectsBadPassword", "app.CartTest.totals");
  }

  @Test
  void publisherPhaseWithoutResultCountsAsSuccess() throws Exception {
    Run<?, ?> run = failedRun();
    when(run.getResult()).thenReturn(null);
    credentialVisibleTo(run);

    new MattermostNotifier().perform(run, env(), log.listener);

    ArgumentCaptor<BuildFacts> facts = ArgumentCaptor.forClass(BuildFacts.class);
    verify(context.engine).notify(facts.capture(), any());
    assertThat(facts.getValue().result()).isEqualTo(BuildResult.SUCCESS);
    verify(run, never()).getLog(org.mockito.ArgumentMatchers.anyInt());
  }

  @Test
  @SuppressWarnings({"unchecked", "rawtypes"})
  void prebuildSendsTheStartedNotificationOnlyWhenAsked() throws Exception {
    AbstractBuild build = mock(AbstractBuild.class);
    Job job = mock(Job.class);
    when(job.getFullName()).thenReturn("app");
    when(build.getParent()).thenReturn(job);
    when(build.getNumber()).thenReturn(7);
    when(build.getUrl()).thenReturn("job/app/7/");
    when(build.getCauses()).thenReturn(List.of());
    when(build.getEnvironment(log.listener)).thenReturn(new EnvVars());
    credentialVisibleTo(build);

    assertThat(new MattermostNotifier().prebuild(build, log.listener)).isTrue();
    verify(context.engine, never()).notify(any(), any());

    MattermostNotifier notifier = new MattermostNotifier();
    notifier.setNotifyStart(true);
    assertThat(notifier.prebuild(build, log.listener)).isTrue();

    ArgumentCaptor<BuildFacts> facts = ArgumentCaptor.forClass(BuildFacts.class);
    verify(context.engine).notify(facts.capture(), any());
    assertThat(facts.getValue().result()).isNull();
    assertThat(facts.getValue().buildNumber()).isEqualTo(7);
    assertThat(notifier.getRequiredMonitorService()).isEqualTo(BuildStepMonitor.NONE);
    assertThat(notifier.requiresWorkspace()).isFalse();
  }

  @Test
  @SuppressWarnings({"unchecked", "rawtypes"})
  void theStartIsQueuedWithoutWaitingAndTheCompletionWaitsForItsFirstAttempt() throws Exception {
    AbstractBuild build = mock(AbstractBuild.class);
    Job job = mock(Job.class);
    when(job.getFullName()).thenReturn("app");
    when(build.getParent()).thenReturn(job);
    when(build.getNumber()).thenReturn(7);
    when(build.getUrl()).thenReturn("job/app/7/");
    when(build.getCauses()).thenReturn(List.of());
    when(build.getResult()).thenReturn(Result.SUCCESS);
    when(build.getEnvironment(log.listener)).thenReturn(new EnvVars());
    credentialVisibleTo(build);
    MattermostNotifier notifier = new MattermostNotifier();
    notifier.setNotifyStart(true);
    notifier.setNotifySuccess(true);

    notifier.prebuild(build, log.listener);
    notifier.perform(build, new EnvVars(), log.listener);

    ArgumentCaptor<NotifyConfig> configs = ArgumentCaptor.forClass(NotifyConfig.class);
    verify(context.engine, org.mockito.Mockito.times(2)).notify(any(), configs.capture());
    assertThat(configs.getAllValues()).extracting(NotifyConfig::waitForDelivery).containsExactly(false, true);
  }

  @Test
  void missingCredentialIsLoggedAndDoesNotFailTheBuild() throws Exception {
    Run<?, ?> run = failedRun();

    new MattermostNotifier().perform(run, env(), log.listener);

    assertThat(log.text()).contains("[Mattermost] Not sent: credentialsId: no Secret Text credentials with id \"mm-bot\"");
    verify(context.engine, never()).notify(any(), any());
  }

  @Test
  void failOnErrorTurnsAFailedNotificationIntoAnAbortException() throws Exception {
    Run<?, ?> run = failedRun();
    credentialVisibleTo(run);
    when(context.engine.notify(any(), any()))
        .thenThrow(new NotificationException("Could not notify channel builds: 404 channel not found"));
    MattermostNotifier notifier = new MattermostNotifier();
    notifier.setFailOnError(true);

    assertThatThrownBy(() -> notifier.perform(run, env(), log.listener))
        .isInstanceOf(AbortException.class)
        .hasMessage("[Mattermost] Could not notify channel builds: 404 channel not found");
  }

  @Test
  void failOnErrorAlsoCoversConfigurationErrors() {
    Run<?, ?> run = failedRun();
    MattermostNotifier notifier = new MattermostNotifier();
    notifier.setFailOnError(true);

    assertThatThrownBy(() -> notifier.perform(run, env(), log.listener))
        .isInstanceOf(AbortException.class)
        .hasMessageContaining("credentialsId");
  }

  @Test
  void secretsNeverReachTheBuildLogOrTheJenkinsLog() throws Exception {
    Run<?, ?> run = failedRun();
    credentialVisibleTo(run);
    when(context.engine.notify(any(), any())).thenThrow(
        new IllegalStateException("boom for token " + TOKEN + " at https://chat.example.test/hooks/abcdefghijklmnopqrstuvwxyz"));
    List<String> jenkinsLog = new ArrayList<>();
    Logger logger = Logger.getLogger(SendTemplate.class.getName());
    Handler handler = new Handler() {
      @Override
      public void publish(LogRecord record) {
        jenkinsLog.add(new java.util.logging.SimpleFormatter().formatMessage(record));
      }

      @Override
      public void flush() {
      }

      @Override
      public void close() {
      }
    };
    logger.addHandler(handler);
    try {
      new MattermostNotifier().perform(run, env(), log.listener);
    } finally {
      logger.removeHandler(handler);
    }

    assertThat(log.text()).contains("[Mattermost] Not sent: unexpected error").doesNotContain(TOKEN)
        .doesNotContain("abcdefghijklmnopqrstuvwxyz");
    assertThat(jenkinsLog).isNotEmpty().allSatisfy(line -> assertThat(line).doesNotContain(TOKEN)
        .doesNotContain("abcdefghijklmnopqrstuvwxyz"));
  }

  @Test
  void customMessageExpansionNeutralizesUntrustedValues() throws Exception {
    Run<?, ?> run = failedRun();
    credentialVisibleTo(run);
    MattermostNotifier notifier = new MattermostNotifier();
    notifier.setCustomMessage("Branch ${BRANCH_NAME}");
    EnvVars env = env();
    env.put("BRANCH_NAME", "@channel-fix");

    notifier.perform(run, env, log.listener);

    ArgumentCaptor<NotifyConfig> config = ArgumentCaptor.forClass(NotifyConfig.class);
    verify(context.engine).notify(any(), config.capture());
    assertThat(config.getValue().customMessage()).startsWith("Branch ").doesNotContain("@channel");
  }

  @Test
  @SuppressWarnings({"unchecked", "rawtypes"})
  void customMessageExpandsFreestyleBuildVariablesButNeverSensitiveOnes() throws Exception {
    AbstractBuild build = mock(AbstractBuild.class);
    Job job = mock(Job.class);
    when(job.getFullName()).thenReturn("app");
    when(build.getParent()).thenReturn(job);
    when(build.getNumber()).thenReturn(8);
    when(build.getCauses()).thenReturn(List.of());
    when(build.getResult()).thenReturn(Result.FAILURE);
    when(build.getBuildVariables()).thenReturn(Map.of("AXIS", "linux", "DEPLOY_PASSWORD", "hunter2-secret"));
    when(build.getSensitiveBuildVariables()).thenReturn(java.util.Set.of("DEPLOY_PASSWORD"));
    credentialVisibleTo(build);
    MattermostNotifier notifier = new MattermostNotifier();
    notifier.setCustomMessage("On $AXIS, build $BUILD_NUMBER, with ${DEPLOY_PASSWORD}");
    EnvVars env = new EnvVars();
    env.put("BUILD_NUMBER", "8");
    env.put("DEPLOY_PASSWORD", "hunter2-secret");

    notifier.perform(build, env, log.listener);

    ArgumentCaptor<NotifyConfig> config = ArgumentCaptor.forClass(NotifyConfig.class);
    verify(context.engine).notify(any(), config.capture());
    assertThat(config.getValue().customMessage()).isEqualTo("On linux, build 8, with ${DEPLOY_PASSWORD}");
  }

  @Test
  void customMessageNeverExpandsPasswordParametersInAPipeline() throws Exception {
    Run<?, ?> run = failedRun();
    credentialVisibleTo(run);
    hudson.model.ParameterValue password = mock(hudson.model.ParameterValue.class);
    when(password.getName()).thenReturn("DEPLOY_PASSWORD");
    when(password.isSensitive()).thenReturn(true);
    hudson.model.ParameterValue target = mock(hudson.model.ParameterValue.class);
    when(target.getName()).thenReturn("TARGET");
    hudson.model.ParametersAction parameters = mock(hudson.model.ParametersAction.class);
    when(parameters.getParameters()).thenReturn(List.of(password, target));
    doReturn(parameters).when(run).getAction(hudson.model.ParametersAction.class);
    MattermostNotifier notifier = new MattermostNotifier();
    notifier.setCustomMessage("Deploy to $TARGET with $DEPLOY_PASSWORD");
    EnvVars env = env();
    env.put("TARGET", "prod");
    env.put("DEPLOY_PASSWORD", "hunter2-secret");

    notifier.perform(run, env, log.listener);

    ArgumentCaptor<NotifyConfig> config = ArgumentCaptor.forClass(NotifyConfig.class);
    verify(context.engine).notify(any(), config.capture());
    assertThat(config.getValue().customMessage()).isEqualTo("Deploy to prod with $DEPLOY_PASSWORD");
  }

  @Test
  void aJobConfigurationTheCoreRefusesIsLoggedAndNeverFailsTheBuild() throws Exception {
    Run<?, ?> run = failedRun();
    credentialVisibleTo(run);
    MattermostNotifier notifier = new MattermostNotifier();
    notifier.setChannel("release builds");

    notifier.perform(run, env(), log.listener);

    assertThat(log.text()).contains("[Mattermost] Not sent: ").contains("must be a channel name or id without spaces");
    verify(context.engine, never()).notify(any(), any());
  }

  @Test
  void aRefusedConfigurationFailsTheBuildOnlyWithFailOnError() throws Exception {
    Run<?, ?> run = failedRun();
    context.settings = context.settings.newBuilder().username("Jenkins CI").build();
    MattermostNotifier notifier = new MattermostNotifier();
    notifier.setFailOnError(true);

    assertThatThrownBy(() -> notifier.perform(run, env(), log.listener))
        .isInstanceOf(AbortException.class)
        .hasMessageStartingWith("[Mattermost] ")
        .hasMessageContaining("username");
    verify(context.engine, never()).notify(any(), any());
  }

  @Test
  @SuppressWarnings({"unchecked", "rawtypes"})
  void aBrokenChangeLogIsLoggedAndNeitherTheStartedNotificationNorTheBuildFails() throws Exception {
    AbstractBuild build = mock(AbstractBuild.class, withSettings().extraInterfaces(RunWithSCM.class));
    Job job = mock(Job.class);
    when(job.getFullName()).thenReturn("app");
    when(build.getParent()).thenReturn(job);
    when(build.getNumber()).thenReturn(9);
    when(build.getCauses()).thenReturn(List.of());
    when(build.getEnvironment(log.listener)).thenReturn(new EnvVars());
    when(((RunWithSCM) build).getChangeSets()).thenThrow(new IllegalStateException("corrupt changelog.xml"));
    MattermostNotifier notifier = new MattermostNotifier();
    notifier.setNotifyStart(true);

    assertThat(notifier.prebuild(build, log.listener)).isTrue();
    notifier.perform(build, new EnvVars(), log.listener);

    assertThat(log.text()).contains("[Mattermost] Not sent: unexpected error (java.lang.IllegalStateException:"
        + " corrupt changelog.xml)");
    verify(context.engine, never()).notify(any(), any());
  }

  @Test
  void rejectsOutOfRangeCounts() {
    MattermostNotifier notifier = new MattermostNotifier();
    assertThatThrownBy(() -> notifier.setLogTailLines(-1)).hasMessageContaining("logTailLines");
    assertThatThrownBy(() -> notifier.setMaxFailedTests(100_000)).hasMessageContaining("maxFailedTests");
  }

  @Test
  void defaultsNotifyFailuresUnstableAndRecovery() {
    assertThat(new MattermostNotifier().events())
        .containsExactlyInAnyOrder(BuildEvent.FAILURE, BuildEvent.UNSTABLE, BuildEvent.BACK_TO_NORMAL);
  }

  @Test
  void emptyEnvironmentStillNotifies() throws Exception {
    Run<?, ?> run = failedRun();
    credentialVisibleTo(run);

    new MattermostNotifier().perform(run, new EnvVars(Map.of()), log.listener);

    NotifyConfig expected = new MattermostNotifier().config(context.settings, Map.of(), context.rootUrl).newBuilder()
        .owner(context.postOwner(run)).build();
    verify(context.engine).notify(any(), eq(expected));
  }
}
