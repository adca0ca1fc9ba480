package org.commandcenter.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonObject;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;
import org.commandcenter.mattermost.MattermostClient;
import org.commandcenter.notifier.core.BuildEvent;
import org.commandcenter.notifier.core.NotifyOutcome;
import org.commandcenter.sandbox.MattermostSandbox;
import org.commandcenter.sandbox.ReceivedPost;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ScriptedBuildsTest {
  private MattermostSandbox mattermost;
  private final StringWriter console = new StringWriter();

  @BeforeEach
  void start() throws Exception {
    mattermost = LocalMattermost.start(0);
  }

  @AfterEach
  void stop() {
    mattermost.close();
  }

  private List<NotifyOutcome> runScript() throws Exception {
    MattermostClient jenkins = MattermostClient.builder().siteUrl(mattermost.url())
        .token(LocalMattermost.JENKINS_BOT_TOKEN).team(LocalMattermost.TEAM).build();
    return new ScriptedBuilds(jenkins, new Console(new PrintWriter(console, true), true), Duration.ZERO).run();
  }

  @Test
  void notifiesStartedFailureStillFailingAndBackToNormalInThatOrder() throws Exception {
    List<NotifyOutcome> outcomes = runScript();

    assertThat(outcomes).allMatch(NotifyOutcome::isSuccessful);
    assertThat(outcomes.stream().map(o -> o.event().orElseThrow()).collect(Collectors.toList())).containsExactly(
        BuildEvent.STARTED, BuildEvent.FAILURE, BuildEvent.STARTED, BuildEvent.REPEATED_FAILURE,
        BuildEvent.STARTED, BuildEvent.BACK_TO_NORMAL);
    assertThat(console.toString()).contains("[Mattermost] Failure notification sent to channel builds",
        "[Mattermost] Back to normal notification sent to channel builds");
  }

  @Test
  void postsAsTheJenkinsBotWithAnUrgentIncidentThreadClosedByBackToNormal() throws Exception {
    runScript();

    List<ReceivedPost> builds = mattermost.posts(LocalMattermost.TEAM, LocalMattermost.BUILDS);
    assertThat(builds).allMatch(p -> p.username().equals("jenkins-bot") && !p.fromWebhook());
    assertThat(mattermost.posts(LocalMattermost.TEAM, LocalMattermost.ALERTS)).isEmpty();

    List<ReceivedPost> roots = builds.stream().filter(p -> p.rootId().isEmpty()).collect(Collectors.toList());
    assertThat(roots).hasSize(4);
    ReceivedPost first = roots.get(0);
    JsonObject status = first.attachments().get(0);
    assertThat(status.get("title").getAsString()).isEqualTo("payments-service #142");
    assertThat(status.get("color").getAsString()).isEqualToIgnoringCase("#a30200");
    assertThat(first.isEdited()).as("the started post was updated in place to the failure").isTrue();
    assertThat(status.toString()).contains(mattermost.url() + "/factory/channels/war-room?join_call=true");

    ReceivedPost incident = roots.get(1);
    JsonObject priority = incident.priority().orElseThrow();
    assertThat(priority.get("priority").getAsString()).isEqualTo("urgent");
    assertThat(priority.get("requested_ack").getAsBoolean()).isTrue();
    assertThat(incident.message()).contains("Main line broken", "/factory/channels/war-room?join_call=true");
    List<String> incidentReplies = builds.stream().filter(p -> p.rootId().equals(incident.id()))
        .map(ReceivedPost::message).collect(Collectors.toList());
    assertThat(incidentReplies).hasSize(2);
    assertThat(incidentReplies.get(0)).contains("Still failing in", "#143");
    assertThat(incidentReplies.get(1)).contains("Back to normal in", "#144");

    List<String> firstThread = builds.stream().filter(p -> p.rootId().equals(first.id()))
        .map(ReceivedPost::message).collect(Collectors.toList());
    assertThat(firstThread).anySatisfy(m -> assertThat(m).contains("PaymentGatewayIT.refundsTwice"))
        .anySatisfy(m -> assertThat(m).contains("```").contains("BUILD FAILURE"))
        .anySatisfy(m -> assertThat(m).contains("@alice @bob"));
  }
}
