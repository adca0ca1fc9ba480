package org.commandcenter.sonar.mattermost;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.commandcenter.mattermost.RetryPolicy;
import org.commandcenter.sandbox.MattermostSandbox;
import org.commandcenter.sandbox.ReceivedPost;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A webhook URL on a Docker Compose service name ({@code http://mattermost_app:8065/hooks/…}): the name carries '_',
 * which {@link java.net.URI} cannot take as a host, and must still be read as a webhook and posted to. Runs in its own
 * JVM (surefire execution {@code docker-style-host}) whose hosts file resolves {@code mattermost_app} to loopback,
 * as Docker's embedded DNS would.
 */
class DockerStyleHostTest {
  private static final DeliveryTuning FAST = new DeliveryTuning(Duration.ofMillis(300), Duration.ofSeconds(5),
      RetryPolicy.builder().maxAttempts(2).initialBackoff(Duration.ofMillis(100)).maxBackoff(Duration.ofMillis(200))
          .deadline(Duration.ofSeconds(5)).build(),
      10, Duration.ofMillis(100), Duration.ofMillis(300), Duration.ofSeconds(2));

  private final MattermostSandbox mattermost = MattermostSandbox.builder().withSampleData().build();
  private AlertDelivery delivery;

  @BeforeEach
  void start() throws Exception {
    mattermost.start();
  }

  @AfterEach
  void stop() {
    if (delivery != null) {
      delivery.stop();
    }
    mattermost.close();
  }

  @Test
  void postsAQualityGateAlertToAWebhookOnAComposeServiceName() throws Exception {
    String composeSite = "http://mattermost_app:" + mattermost.port();
    MapConfiguration config = new MapConfiguration()
        .set(MattermostProperties.WEBHOOK_URL, composeSite + "/hooks/" + MattermostSandbox.SONAR_HOOK)
        .set(MattermostProperties.DEFAULT_CHANNEL, "war-room");
    delivery = AlertDelivery.withTuning(config, FAST);
    delivery.start();
    QualityGateAlertTask task = new QualityGateAlertTask(config, new FixedServer("https://sonar.example.com/"),
        delivery, LastGateStatuses.none(), GateSettingsSource.readEveryTime(config));

    Analyses.tester(task, Analyses.failingGate()).execute();

    List<ReceivedPost> posts = mattermost.awaitPosts(MattermostSandbox.TEAM, "war-room", 1, Duration.ofSeconds(15));
    assertThat(posts).singleElement().satisfies(post -> assertThat(post.fromWebhook()).isTrue());
    assertThat(GateSettings.from(config).linkSiteUrl()).contains(composeSite);
  }
}
