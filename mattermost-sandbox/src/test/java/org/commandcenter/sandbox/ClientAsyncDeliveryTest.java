package org.commandcenter.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.commandcenter.sandbox.MattermostSandbox.JENKINS_BOT_TOKEN;
import static org.commandcenter.sandbox.MattermostSandbox.JENKINS_HOOK;
import static org.commandcenter.sandbox.MattermostSandbox.TEAM;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.commandcenter.mattermost.AsyncSender;
import org.commandcenter.mattermost.DeliveryStats;
import org.commandcenter.mattermost.MattermostClient;
import org.commandcenter.mattermost.Post;
import org.commandcenter.mattermost.PostResult;
import org.commandcenter.mattermost.RetryPolicy;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The asynchronous sender against the sandbox: an outage longer than the client's own retries is bridged by
 * redeliveries (each alert once, in order), and a full queue drops quickly and visibly; nothing is lost silently.
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

  private static Post alert(int n) {
    return Post.builder().channel("builds").text("Build #" + n + " failed").build();
  }

  @ParameterizedTest
  @ValueSource(booleans = {true, false})
  void redeliveriesBridgeAnOutageLongerThanTheClientsOwnRetries(boolean webhook) throws Exception {
    // REST resolves the channel before the outage, as a running plugin would have.
    MattermostClient client = client(webhook);
    if (!webhook) client.channel(TEAM, "builds");
    mm.faults().down();
    List<CompletableFuture<PostResult>> futures = new ArrayList<>();
    try (AsyncSender sender = AsyncSender.builder(client).redeliveries(10)
        .redeliveryDelay(Duration.ofMillis(100)).build()) {
      for (int n = 1; n <= 3; n++) futures.add(sender.submit(alert(n)));
      // The outage lasts until alert 1 has been held for redelivery three times (2 and 3 wait behind it), however
      // slow the machine.
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
      while (sender.stats().retried() < 3 && System.nanoTime() < deadline) Thread.sleep(20);
      assertThat(sender.stats().retried()).as("redeliveries scheduled during the outage").isGreaterThanOrEqualTo(3);
      mm.faults().up();
      for (CompletableFuture<PostResult> future : futures) future.get(20, TimeUnit.SECONDS);

      DeliveryStats stats = sender.stats();
      assertThat(stats.submitted()).isEqualTo(3);
      assertThat(stats.delivered()).isEqualTo(3);
      assertThat(stats.failed()).isZero();
      assertThat(stats.dropped()).isZero();
      assertThat(stats.retried()).isPositive();
    }
    // Each exactly once and in submission order: the alerts behind a held redelivery wait for it.
    assertThat(mm.posts(TEAM, "builds")).extracting(ReceivedPost::message)
        .containsExactly("Build #1 failed", "Build #2 failed", "Build #3 failed");
  }

  @ParameterizedTest
  @ValueSource(booleans = {true, false})
  void aFullQueueDropsAtOnceAndEveryOutcomeIsCounted(boolean webhook) throws Exception {
    // Every answer takes 1.5 s (within this client's 5 s read timeout): a submit that waited for a free slot instead
    // of giving up after the 20 ms hand-off would take that long.
    mm.faults().slow(Duration.ofMillis(1_500));
    List<CompletableFuture<PostResult>> futures = new ArrayList<>();
    long slowest = 0;
    try (AsyncSender sender = AsyncSender.builder(client(webhook)).capacity(2)
        .handOffTimeout(Duration.ofMillis(20)).build()) {
      for (int n = 1; n <= 6; n++) {
        long start = System.nanoTime();
        futures.add(sender.submit(alert(n)));
        slowest = Math.max(slowest, System.nanoTime() - start);
      }
      CompletableFuture.allOf(futures.toArray(new CompletableFuture<?>[0]))
          .handle((ignored, failure) -> null).get(20, TimeUnit.SECONDS);

      DeliveryStats stats = sender.stats();
      long refused = futures.stream().filter(CompletableFuture::isCompletedExceptionally).count();
      assertThat(TimeUnit.NANOSECONDS.toMillis(slowest)).isLessThan(750);
      assertThat(stats.dropped()).isEqualTo(refused).isPositive();
      assertThat(stats.submitted() + stats.dropped()).isEqualTo(6);
      assertThat(stats.delivered()).isEqualTo(stats.submitted());
      assertThat(mm.posts(TEAM, "builds")).hasSize((int) stats.delivered());
    }
  }
}
