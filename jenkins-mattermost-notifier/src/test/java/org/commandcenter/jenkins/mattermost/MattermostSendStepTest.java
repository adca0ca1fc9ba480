package org.commandcenter.jenkins.mattermost;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.mockStatic;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import com.cloudbees.plugins.credentials.CredentialsProvider;
import hudson.AbortException;
import hudson.FilePath;
import hudson.model.Run;
import hudson.model.TaskListener;
import hudson.util.Secret;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.commandcenter.notifier.core.NotificationException;
import org.commandcenter.notifier.core.PostOwner;
import org.commandcenter.notifier.core.SendRequest;
import org.commandcenter.notifier.core.SendResponse;
import org.commandcenter.notifier.core.StepPolicy;
import org.jenkinsci.plugins.plaincredentials.StringCredentials;
import org.jenkinsci.plugins.scriptsecurity.sandbox.whitelists.Whitelisted;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;
import org.mockito.MockedStatic;

class MattermostSendStepTest {
  private static final String TOKEN = "step-token-abcdefghijklmnop";
  private static final String HOOK = "https://chat.example.test/hooks/xyzxyzxyzxyzxyzxyzxyzxyzxy";

  private final FakeContext context = new FakeContext();
  private final BuildLog log = new BuildLog();
  private final Run<?, ?> run = mock(Run.class);
  private MockedStatic<CredentialsProvider> credentials;

  @BeforeEach
  void setUp() {
    PluginContext.set(context);
    credentials = mockStatic(CredentialsProvider.class);
    TestCredentials.global(credentials, TestCredentials.secretText("mm-bot", TOKEN));
  }

  @AfterEach
  void tearDown() {
    credentials.close();
    PluginContext.set(null);
  }

  private SendRequest sentRequest() throws Exception {
    ArgumentCaptor<SendRequest> request = ArgumentCaptor.forClass(SendRequest.class);
    verify(context.engine).send(request.capture());
    return request.getValue();
  }

  private static SendResponse response() {
    return mock(SendResponse.class);
  }

  @Test
  void mapsTheOldPluginParametersWithTheirMeaning() throws Exception {
    // The old plugin let every step choose the sender; here an administrator has allowed it again.
    context.settings = context.settings.newBuilder()
        .stepPolicy(StepPolicy.builder().senderOverridesAllowed(true).build()).build();
    when(context.engine.send(any())).thenReturn(response());
    MattermostSendStep step = new MattermostSendStep("Build 42 failed");
    step.setText("@alice please look");
    step.setColor("danger");
    step.setChannel("jenkins@builds;@bob");
    step.setIcon(":jenkins:");

    MattermostSendStep.Execution.send(context, step, run, log.listener, null);

    SendRequest request = sentRequest();
    assertThat(request.message()).isEqualTo("Build 42 failed");
    assertThat(request.text()).isEqualTo("@alice please look");
    assertThat(request.color()).isEqualTo("danger");
    assertThat(request.icon()).isEqualTo(":jenkins:");
    assertThat(request.targets()).extracting(SendRequest.Target::channel, SendRequest.Target::username)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("builds", "jenkins"),
            org.assertj.core.groups.Tuple.tuple("@bob", null));
    assertThat(context.secrets).containsExactly(TOKEN);
    assertThat(context.endpoints).containsExactly((String) null);
  }

  @Test
  void senderOverridesAreRefusedUnlessTheAdministratorAllowsThem() throws Exception {
    MattermostSendStep step = new MattermostSendStep("Deploy approved");
    step.setUsername("ceo");

    MattermostSendResponse response = MattermostSendStep.Execution.send(context, step, run, log.listener, null);

    assertThat(response.isSent()).isFalse();
    assertThat(log.text()).contains("username: posting under another name is turned off for steps");
    verify(context.engine, never()).send(any());
    assertThat(context.secrets).isEmpty();
  }

  @Test
  void everyRequestCarriesTheJobsStampAndTheAdministratorsPolicy() throws Exception {
    StepPolicy policy = StepPolicy.builder().imageHosts(List.of("images.example.test")).build();
    context.settings = context.settings.newBuilder().username("jenkins").stepPolicy(policy).build();
    when(context.engine.send(any())).thenReturn(response());
    hudson.model.Job<?, ?> job = mock(hudson.model.Job.class);
    when(job.getFullName()).thenReturn("team-a/deploy");
    org.mockito.Mockito.doReturn(job).when(run).getParent();

    MattermostSendStep.Execution.send(context, new MattermostSendStep("hello"), run, log.listener, null);

    SendRequest request = sentRequest();
    assertThat(request.owner()).isEqualTo(PostOwner.of("test-instance", "team-a/deploy"));
    assertThat(request.policy()).isEqualTo(policy);
    assertThat(request.username()).isEqualTo("jenkins");
    assertThat(request.icon()).isEqualTo("https://jenkins.example.test/mattermost-notifier-icon/");
  }

  @Test
  void globalDefaultsFillWhatTheStepLeavesOut() throws Exception {
    when(context.engine.send(any())).thenReturn(response());

    MattermostSendStep.Execution.send(context, new MattermostSendStep("hello"), run, log.listener, null);

    SendRequest request = sentRequest();
    assertThat(request.targets()).extracting(SendRequest.Target::channel).containsExactly("builds");
    assertThat(request.icon())
        .isEqualTo("https://jenkins.example.test/mattermost-notifier-icon/");
    assertThat(request.failOnError()).isFalse();
    assertThat(request.deadline()).isEqualTo(context.settings.deadline());
  }

  @Test
  void mapsPriorityPropsAttachmentsAndWarRoom() throws Exception {
    when(context.engine.send(any())).thenReturn(response());
    MattermostSendStep step = new MattermostSendStep("Deployed");
    step.setPriority("urgent");
    step.setRequestedAck(true);
    step.setWarRoom(true);
    step.setProps(Map.of("from_jenkins", new StringBuilder("yes")));
    step.setAttachments(List.of(Map.of("title", new StringBuilder("Release"), "color", "#2ea44f",
        "fields", List.of(Map.of("title", "Env", "value", "prod", "short", true)))));

    MattermostSendStep.Execution.send(context, step, run, log.listener, null);

    assertThat(log.text()).isEmpty();
    SendRequest request = sentRequest();
    assertThat(request.priority()).isNotNull();
    assertThat(request.props()).containsEntry("from_jenkins", "yes");
    assertThat(request.attachments()).singleElement().satisfies(a -> {
      assertThat(a.title()).isEqualTo("Release");
      assertThat(a.fields()).singleElement().satisfies(f -> assertThat(f.isShort()).isTrue());
    });
    assertThat(request.warRoom()).isTrue();
    assertThat(request.warRoomConfig().channel()).isEqualTo("war-room");
    assertThat(request.warRoomConfig().team()).isEqualTo("factory");
  }

  @Test
  void threadIdRepliesInTheThread() throws Exception {
    when(context.engine.send(any())).thenReturn(response());
    MattermostSendStep step = new MattermostSendStep("Step 2 done");
    step.setThreadId("abcdefghijklmnopqrstuvwxyz");

    MattermostSendStep.Execution.send(context, step, run, log.listener, null);

    assertThat(sentRequest().threadId()).isEqualTo("abcdefghijklmnopqrstuvwxyz");
  }

  @Test
  void priorityOnAReplyIsRefusedWithAClearMessage() throws Exception {
    MattermostSendStep step = new MattermostSendStep("Step 2 done");
    step.setThreadId("abcdefghijklmnopqrstuvwxyz");
    step.setPriority("urgent");

    MattermostSendResponse response = MattermostSendStep.Execution.send(context, step, run, log.listener, null);

    assertThat(response.isSent()).isFalse();
    assertThat(response.getError()).startsWith("priority:");
  }

  @Test
  void updatePostIdIsPassedThrough() throws Exception {
    when(context.engine.send(any())).thenReturn(response());
    MattermostSendStep step = new MattermostSendStep("Deployed");
    step.setUpdatePostId("zyxwvutsrqponmlkjihgfedcba");

    MattermostSendStep.Execution.send(context, step, run, log.listener, null);

    assertThat(sentRequest().updatePostId()).isEqualTo("zyxwvutsrqponmlkjihgfedcba");
  }

  @Test
  void aWebhookEndpointNeedsNoCredential() throws Exception {
    when(context.engine.send(any())).thenReturn(response());
    MattermostSendStep step = new MattermostSendStep("hi");
    step.setEndpoint(HOOK);

    MattermostSendStep.Execution.send(context, step, run, log.listener, null);

    assertThat(context.secrets).containsExactly((String) null);
    assertThat(context.endpoints).containsExactly(HOOK);
    credentials.verifyNoInteractions();
  }

  @Test
  void credentialIdOverridesTheGlobalCredential() throws Exception {
    when(context.engine.send(any())).thenReturn(response());
    StringCredentials other = mock(StringCredentials.class);
    Secret secret = mock(Secret.class);
    when(secret.getPlainText()).thenReturn("other-token");
    when(other.getSecret()).thenReturn(secret);
    credentials.when(() -> CredentialsProvider.findCredentialById("deploy-bot", StringCredentials.class, run))
        .thenReturn(other);
    MattermostSendStep step = new MattermostSendStep("hi");
    step.setCredentialId("deploy-bot");

    MattermostSendStep.Execution.send(context, step, run, log.listener, null);

    assertThat(context.secrets).containsExactly("other-token");
    credentials.verify(() -> CredentialsProvider.track(run, other));
  }

  @Test
  void uploadsMatchingWorkspaceFiles() throws Exception {
    when(context.engine.send(any())).thenReturn(response());
    FilePath workspace = mock(FilePath.class);
    FilePath report = mock(FilePath.class);
    when(report.getName()).thenReturn("report.html");
    when(report.length()).thenReturn(5L);
    when(report.read()).thenReturn(new ByteArrayInputStream("<h1/>".getBytes(StandardCharsets.UTF_8)));
    when(workspace.list("reports/*.html")).thenReturn(new FilePath[] {report});
    MattermostSendStep step = new MattermostSendStep("Report");
    step.setFiles("reports/*.html");

    MattermostSendStep.Execution.send(context, step, run, log.listener, workspace);

    // Nothing is read while the request is built: the upload streams the file from the agent.
    verify(report, never()).read();
    assertThat(sentRequest().files()).singleElement().satisfies(f -> {
      assertThat(f.name()).isEqualTo("report.html");
      assertThat(f.size()).isEqualTo(5);
      try (java.io.InputStream in = f.content().open()) {
        assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8)).isEqualTo("<h1/>");
      }
    });
  }

  @Test
  void filesLargerThanAMessageMayCarryAreRefusedWithoutBeingRead() throws Exception {
    FilePath workspace = mock(FilePath.class);
    FilePath[] dumps = new FilePath[3];
    for (int i = 0; i < dumps.length; i++) {
      dumps[i] = mock(FilePath.class);
      when(dumps[i].getName()).thenReturn("heap-" + i + ".hprof");
      when(dumps[i].length()).thenReturn(40L * 1024 * 1024);
    }
    when(workspace.list("*.hprof")).thenReturn(dumps);
    MattermostSendStep step = new MattermostSendStep("Dumps");
    step.setFiles("*.hprof");

    MattermostSendResponse response = MattermostSendStep.Execution.send(context, step, run, log.listener, workspace);

    assertThat(response.isSent()).isFalse();
    assertThat(response.getError()).isEqualTo("files: 120 MB in all; at most 100 MB per message");
    for (FilePath dump : dumps) {
      verify(dump, never()).read();
    }
    verify(context.engine, never()).send(any());
  }

  @Test
  void filesWithoutWorkspaceAreAClearErrorThatDoesNotFailTheBuild() throws Exception {
    MattermostSendStep step = new MattermostSendStep("Report");
    step.setFiles("*.log");

    MattermostSendResponse response = MattermostSendStep.Execution.send(context, step, run, log.listener, null);

    assertThat(response.isSent()).isFalse();
    assertThat(response.getError()).startsWith("files:");
    assertThat(log.text()).contains("[Mattermost] Not sent: files: reading files needs a workspace");
    verify(context.engine, never()).send(any());
  }

  @Test
  void anUnreadableWorkspaceFileDoesNotFailTheBuild() throws Exception {
    FilePath workspace = mock(FilePath.class);
    when(workspace.list("*.log")).thenThrow(new java.io.IOException("agent went away"));
    MattermostSendStep step = new MattermostSendStep("Logs");
    step.setFiles("*.log");

    MattermostSendResponse response = MattermostSendStep.Execution.send(context, step, run, log.listener, workspace);

    assertThat(response.isSent()).isFalse();
    assertThat(log.text()).contains("[Mattermost] Not sent: unexpected error (java.io.IOException: agent went away)");
  }

  @Test
  void failOnErrorFailsTheStepWithTheEnginesMessage() throws Exception {
    when(context.engine.send(any())).thenThrow(new NotificationException("channel: ~nope not found in team factory"));
    MattermostSendStep step = new MattermostSendStep("hi");
    step.setFailOnError(true);

    assertThatThrownBy(() -> MattermostSendStep.Execution.send(context, step, run, log.listener, null))
        .isInstanceOf(AbortException.class)
        .hasMessage("[Mattermost] channel: ~nope not found in team factory");
  }

  @Test
  void badInputNamesTheFieldAndNeverEchoesTheEndpoint() throws Exception {
    MattermostSendStep step = new MattermostSendStep("hi");
    step.setEndpoint("https://chat.example.test/api/secret-path");
    context.settings = context.settings.newBuilder().credentialsId(null).build();
    context.realClient = true;
    step.setFailOnError(true);

    assertThatThrownBy(() -> MattermostSendStep.Execution.send(context, step, run, log.listener, null))
        .isInstanceOf(AbortException.class)
        .hasMessageStartingWith("[Mattermost] endpoint:")
        .hasMessageNotContaining("secret-path");
  }

  @Test
  void executionReadsItsContextAndReturnsASerializableResponse() throws Exception {
    SendResponse sent = mock(SendResponse.class);
    when(sent.postId()).thenReturn("p1");
    when(sent.channelId()).thenReturn("c1");
    when(sent.threadId()).thenReturn("p1");
    when(sent.postIds()).thenReturn(List.of("p1"));
    when(sent.sent()).thenReturn(true);
    when(context.engine.send(any())).thenReturn(sent);
    StepContext stepContext = mock(StepContext.class);
    TaskListener listener = log.listener;
    when(stepContext.get(Run.class)).thenReturn((Run) run);
    when(stepContext.get(TaskListener.class)).thenReturn(listener);

    // StepExecution.getContext() is Jenkins' (compile-only here): answer it from the spy.
    MattermostSendStep.Execution execution =
        org.mockito.Mockito.spy((MattermostSendStep.Execution) new MattermostSendStep("hi").start(stepContext));
    org.mockito.Mockito.doReturn(stepContext).when(execution).getContext();
    MattermostSendResponse response = execution.run();

    assertThat(response.getPostId()).isEqualTo("p1");
    assertThat(response.getThreadId()).isEqualTo("p1");
    assertThat(response.getChannelId()).isEqualTo("c1");
    assertThat(response.getPostIds()).containsExactly("p1");
    assertThat(response.isSent()).isTrue();
    verify(stepContext, never()).get(FilePath.class);

    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
      out.writeObject(response);
    }
    try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
      MattermostSendResponse copy = (MattermostSendResponse) in.readObject();
      assertThat(copy.getPostId()).isEqualTo("p1");
    }
  }

  @Test
  void responseGettersAreWhitelistedForTheSandbox() {
    for (Method m : MattermostSendResponse.class.getDeclaredMethods()) {
      if (java.lang.reflect.Modifier.isPublic(m.getModifiers()) && (m.getName().startsWith("get")
          || m.getName().startsWith("is"))) {
        assertThat(m.getAnnotation(Whitelisted.class)).as(m.getName()).isNotNull();
      }
    }
  }

  @Test
  void pipelineViewsShowTheMessageButNeverTheEndpoint() {
    MattermostSendStep.DescriptorImpl descriptor = new MattermostSendStep.DescriptorImpl();
    Map<String, Object> args = new java.util.LinkedHashMap<>();
    args.put("endpoint", HOOK);
    assertThat(descriptor.argumentsToString(args)).isNull();
    args.put("message", "Deployed 1.4\nDetails below");
    assertThat(descriptor.argumentsToString(args)).isEqualTo("Deployed 1.4");
    args.put("message", "x".repeat(200));
    assertThat(descriptor.argumentsToString(args)).hasSize(81);
  }

  @Test
  void descriptorDeclaresTheOldFunctionName() {
    MattermostSendStep.DescriptorImpl descriptor = new MattermostSendStep.DescriptorImpl();
    assertThat(descriptor.getFunctionName()).isEqualTo("mattermostSend");
    assertThat(new java.util.HashSet<Object>(descriptor.getRequiredContext())).containsExactlyInAnyOrder(Run.class, TaskListener.class);
  }
}
