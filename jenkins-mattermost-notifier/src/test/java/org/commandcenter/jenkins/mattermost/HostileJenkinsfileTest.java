package org.commandcenter.jenkins.mattermost;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.mockStatic;
import static org.mockito.Mockito.when;

import com.cloudbees.plugins.credentials.CredentialsProvider;
import hudson.model.Job;
import hudson.model.Run;
import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.commandcenter.notifier.core.PostOwner;
import org.commandcenter.sandbox.MattermostSandbox;
import org.commandcenter.sandbox.ReceivedPost;
import org.jenkinsci.plugins.plaincredentials.StringCredentials;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mockito.MockedStatic;

/**
 * What a Jenkinsfile author who is not trusted with Jenkins' secrets can do with {@code mattermostSend}: the real
 * adapter, engine and client, the Mattermost stand-in as the configured site, and a recording server as the
 * attacker's collector. Nothing secret ever reaches the collector, and the chat is changed only within the step
 * policy.
 */
class HostileJenkinsfileTest {
  private static final String TOKEN = MattermostSandbox.JENKINS_BOT_TOKEN;
  private static final String WORD_JOINER = "\u2060";

  private final FakeContext context = new FakeContext();
  private final BuildLog log = new BuildLog();
  private final List<RecordedRequest> collected = new ArrayList<>();
  private MattermostSandbox mm;
  private MockWebServer collector;
  private MockedStatic<CredentialsProvider> credentials;

  @BeforeEach
  void setUp() throws Exception {
    mm = MattermostSandbox.builder().withSampleData().build();
    mm.start();
    collector = new MockWebServer();
    collector.setDispatcher(new Dispatcher() {
      @Override
      public MockResponse dispatch(RecordedRequest request) {
        synchronized (collected) {
          collected.add(request);
        }
        // Answers like a Mattermost would, to lure the client into sending more.
        return new MockResponse.Builder().code(201).addHeader("Content-Type", "application/json")
            .body("{\"id\":\"abcdefghijklmnopqrstuvwxyz\",\"channel_id\":\"abcdefghijklmnopqrstuvwxyz\"}").build();
      }
    });
    collector.start(InetAddress.getLoopbackAddress(), 0);
    context.againstSandbox(mm.url(), Duration.ofSeconds(10));
    PluginContext.set(context);
    credentials = mockStatic(CredentialsProvider.class);
    TestCredentials.global(credentials, TestCredentials.secretText("mm-bot", TOKEN));
  }

  @AfterEach
  void tearDown() throws Exception {
    credentials.close();
    PluginContext.set(null);
    collector.close();
    mm.close();
  }

  private static Run<?, ?> runOf(String jobFullName) {
    Run<?, ?> run = mock(Run.class);
    Job<?, ?> job = mock(Job.class);
    when(job.getFullName()).thenReturn(jobFullName);
    org.mockito.Mockito.doReturn(job).when(run).getParent();
    return run;
  }

  private MattermostSendResponse send(Run<?, ?> run, MattermostSendStep step) throws Exception {
    return MattermostSendStep.Execution.send(context, step, run, log.listener, null);
  }

  private String collectorUrl(String path) {
    return collector.url(path).toString();
  }

  private List<RecordedRequest> collected() {
    synchronized (collected) {
      return new ArrayList<>(collected);
    }
  }

  @Test
  void anEndpointOfTheAttackersChoiceNeverReceivesTheBotToken() throws Exception {
    String site = collectorUrl("/");
    String port = String.valueOf(collector.getPort());
    for (String endpoint : List.of(site, collectorUrl("/api/v4/posts"), site.replace("127.0.0.1", "localhost"),
        "http://" + mm.url().substring("http://".length()) + "@127.0.0.1:" + port + "/",
        mm.url() + ".evil:" + port, mm.url() + "/../x")) {
      MattermostSendStep step = new MattermostSendStep("exfiltrate");
      step.setEndpoint(endpoint);

      MattermostSendResponse response = send(runOf("team-a/app"), step);

      assertThat(response.isSent()).as(endpoint).isFalse();
    }
    assertThat(collected()).isEmpty();
    assertThat(log.text()).doesNotContain(TOKEN);
  }

  @Test
  void aWebhookShapedEndpointGetsTheMessageButNoSecret() throws Exception {
    MattermostSendStep step = new MattermostSendStep("hello");
    step.setEndpoint(collectorUrl("/hooks/abcdefghijklmnopqrstuvwxyz"));

    send(runOf("team-a/app"), step);

    assertThat(collected()).singleElement().satisfies(request -> {
      assertThat(request.getHeaders().get("Authorization")).isNull();
      assertThat(request.getHeaders().get("Proxy-Authorization")).isNull();
      assertThat(request.getBody().utf8()).doesNotContain(TOKEN);
    });
  }

  @Test
  void aCredentialTheJobCannotUseIsNotFoundAndNothingIsSent() throws Exception {
    // System-scoped credentials are visible to Jenkins itself only; the run's own lookup finds nothing.
    TestCredentials.global(credentials, TestCredentials.secretText("mm-bot", TOKEN),
        TestCredentials.secretText("prod-admin-bot", "prod-admin-token"));
    MattermostSendStep step = new MattermostSendStep("hello");
    step.setCredentialId("prod-admin-bot");
    step.setEndpoint(collectorUrl("/"));

    MattermostSendResponse response = send(runOf("team-a/app"), step);

    assertThat(response.isSent()).isFalse();
    assertThat(log.text()).contains("credentialId: no Secret Text credentials with id \"prod-admin-bot\"");
    assertThat(collected()).isEmpty();
    assertThat(mm.requests()).isEmpty();
  }

  @Test
  void anotherJobsPostCannotBeRewrittenOrAnswered() throws Exception {
    MattermostSendStep release = new MattermostSendStep("Release 2.0 approved");
    release.setChannel("builds");
    MattermostSendResponse theirs = send(runOf("team-b/release"), release);
    assertThat(theirs.isSent()).isTrue();

    MattermostSendStep rewrite = new MattermostSendStep("Release 2.0 cancelled");
    rewrite.setUpdatePostId(theirs.getPostId());
    MattermostSendStep reply = new MattermostSendStep("ignore the above");
    reply.setChannel("builds");
    reply.setThreadId(theirs.getPostId());
    Run<?, ?> attacker = runOf("team-a/app");

    assertThat(send(attacker, rewrite).isSent()).isFalse();
    assertThat(send(attacker, reply).isSent()).isFalse();

    List<ReceivedPost> posts = mm.posts("factory", "builds");
    assertThat(posts).singleElement().satisfies(post -> {
      assertThat(post.isEdited()).isFalse();
      assertThat(post.props().get(PostOwner.PROP).getAsString())
          .isEqualTo(context.postOwner(runOf("team-b/release")).stamp());
    });
    assertThat(log.text()).contains("updatePostId: post " + theirs.getPostId() + " was not created by this job");
  }

  @Test
  void theOwnerStampCannotBeForged() throws Exception {
    MattermostSendStep step = new MattermostSendStep("hello");
    step.setChannel("builds");
    step.setProps(Map.of(PostOwner.PROP, context.postOwner(runOf("team-b/release")).stamp()));

    assertThat(send(runOf("team-a/app"), step).isSent()).isFalse();
    assertThat(mm.posts("factory", "builds")).isEmpty();
  }

  @Test
  void theWholeChannelIsNotPagedAndNoOneIsImpersonated() throws Exception {
    MattermostSendStep page = new MattermostSendStep("<!channel> deploy now");
    page.setChannel("builds");
    page.setText("@here @all please approve, @alice");
    send(runOf("team-a/app"), page);

    MattermostSendStep impersonate = new MattermostSendStep("Approved, go ahead");
    impersonate.setChannel("ceo@builds");
    MattermostSendStep avatar = new MattermostSendStep("Approved");
    avatar.setChannel("builds");
    avatar.setIcon(collectorUrl("/ceo.png"));
    MattermostSendStep beacon = new MattermostSendStep("chart");
    beacon.setChannel("builds");
    beacon.setAttachments(List.of(Map.of("text", "t", "image_url", collectorUrl("/pixel.png"))));
    MattermostSendStep persistent = new MattermostSendStep("wake up");
    persistent.setChannel("builds");
    persistent.setPriority("urgent");
    persistent.setPersistentNotifications(true);
    for (MattermostSendStep refused : List.of(impersonate, avatar, beacon, persistent)) {
      assertThat(send(runOf("team-a/app"), refused).isSent()).isFalse();
    }

    List<ReceivedPost> posts = mm.posts("factory", "builds");
    assertThat(posts).singleElement().satisfies(post -> {
      assertThat(post.message()).isEqualTo("@" + WORD_JOINER + "here @" + WORD_JOINER + "all please approve, @alice");
      assertThat(post.props().get("override_username")).isNull();
      assertThat(post.attachments().get(0).get("fallback").getAsString())
          .isEqualTo("<!" + WORD_JOINER + "channel> deploy now");
    });
    assertThat(collected()).as("no image or icon URL of the step reached the chat").isEmpty();
  }

  @Test
  void aFloodOfTextIsRefusedBeforeAnyPost() throws Exception {
    MattermostSendStep flood = new MattermostSendStep(null);
    flood.setChannel("builds");
    flood.setText(("spam".repeat(2_250) + "\n").repeat(18));

    assertThat(send(runOf("team-a/app"), flood).isSent()).isFalse();
    assertThat(mm.posts("factory", "builds")).isEmpty();
    assertThat(log.text()).contains("text: would be split into 18 posts; a step sends at most 10");
  }
}
