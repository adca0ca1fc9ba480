package org.commandcenter.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.commandcenter.sandbox.MattermostSandbox.JENKINS_BOT_TOKEN;
import static org.commandcenter.sandbox.MattermostSandbox.JENKINS_HOOK;
import static org.commandcenter.sandbox.MattermostSandbox.TEAM;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.commandcenter.mattermost.Delivery;
import org.commandcenter.mattermost.DeliveryEngine;
import org.commandcenter.mattermost.DeliveryHealth;
import org.commandcenter.mattermost.DeliveryResult;
import org.commandcenter.mattermost.MattermostClient;
import org.commandcenter.mattermost.Post;
import org.commandcenter.mattermost.RetryPolicy;
import org.commandcenter.mattermost.Submission;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The delivery engine against the stand-in in real time: an outage longer than the client's own retries is
 * bridged (each alert once, in order), and a full outbox drops the oldest at once and visibly; nothing is lost
 * silently.
 */
class ClientAsyncDeliveryTest extends SandboxPerTest {

  private MattermostClient client(boolean webhook) {
    MattermostClient.Builder builder = MattermostClient.builder()
        .retryPolicy(RetryPolicy.builder().maxAttempts(2).initialBackoff(Duration.ofMillis(20))
            .deadline(Duration.ofSeconds(20)).build())
        // Generous: a webhook post answered after the read timeout would be sent again (and arrive twice).
        .connectTimeout(Duration.ofSeconds(2)).readTimeout(Duration.ofSeconds(5));
    return webhook ? builder.webhookUrl(mm.hookUrl(JENKINS_HOOK)).build()
        : builder.siteUrl(mm.url()).token(JENKINS_BOT_TOKEN).team(TEAM).build();
  }

  private static Delivery alert(int n) {
    return Delivery.builder().connection("jenkins").channel("builds")
        .post(Post.builder().text("Build #" + n + " failed").build()).build();
  }

  @ParameterizedTest
  @ValueSource(booleans = {true, false})
  void anOutageLongerThanTheClientsOwnRetriesIsBridgedInOrder(boolean webhook) throws Exception {
    MattermostClient client = client(webhook);
    mm.faults().down();
    List<Submission> submissions = new ArrayList<>();
    DeliveryEngine engine = DeliveryEngine.builder(connection -> client)
        .initialRetryDelay(Duration.ofMillis(100)).maxRetryDelay(Duration.ofMillis(200)).build();
    engine.start();
    try {
      for (int n = 1; n <= 3; n++) submissions.add(engine.submit(alert(n)));
      assertThat(submissions.get(0).firstAttempt().get(20, TimeUnit.SECONDS).status())
          .isEqualTo(DeliveryResult.Status.WAITING);
      // The outage outlasts the client's retries and a few of the engine's (100 to 200 ms apart).
      Thread.sleep(700);
      assertThat(engine.health().unreachableSince()).isPresent();
      assertThat(engine.health().waiting()).isEqualTo(3);
      mm.faults().up();
      for (Submission submission : submissions) {
        assertThat(submission.outcome().get(20, TimeUnit.SECONDS).status())
            .isEqualTo(DeliveryResult.Status.DELIVERED);
      }
      DeliveryHealth health = engine.health();
      assertThat(health.delivered()).isEqualTo(3);
      assertThat(health.failed()).isZero();
      assertThat(health.dropped()).isZero();
      assertThat(health.isReachable()).isTrue();
    } finally {
      engine.close();
    }
    // Each exactly once and in submission order: the alerts behind a failing one wait for it.
    assertThat(mm.posts(TEAM, "builds")).extracting(ReceivedPost::message)
        .containsExactly("Build #1 failed", "Build #2 failed", "Build #3 failed");
  }

  @ParameterizedTest
  @ValueSource(booleans = {true, false})
  void aFullOutboxDropsTheOldestAtOnceAndEveryOutcomeIsCounted(boolean webhook) throws Exception {
    // Every answer takes 1.5 s (within this client's 5 s read timeout): a submit that waited for room would show.
    mm.faults().slow(Duration.ofMillis(1_500));
    List<Submission> submissions = new ArrayList<>();
    long slowest = 0;
    MattermostClient client = client(webhook);
    DeliveryEngine engine = DeliveryEngine.builder(connection -> client).capacity(2).build();
    engine.start();
    try {
      for (int n = 1; n <= 6; n++) {
        long start = System.nanoTime();
        submissions.add(engine.submit(alert(n)));
        slowest = Math.max(slowest, System.nanoTime() - start);
      }
      List<DeliveryResult> results = new ArrayList<>();
      for (Submission submission : submissions) results.add(submission.outcome().get(30, TimeUnit.SECONDS));

      DeliveryHealth health = engine.health();
      long dropped = results.stream().filter(r -> r.status() == DeliveryResult.Status.DROPPED).count();
      assertThat(TimeUnit.NANOSECONDS.toMillis(slowest)).isLessThan(750);
      assertThat(health.dropped()).isEqualTo(dropped).isPositive();
      assertThat(health.delivered() + health.dropped()).isEqualTo(6);
      assertThat(mm.posts(TEAM, "builds")).hasSize((int) health.delivered());
      // The newest always gets through: it is the oldest that makes room.
      assertThat(results.get(5).status()).isEqualTo(DeliveryResult.Status.DELIVERED);
    } finally {
      engine.close();
    }
  }
}
