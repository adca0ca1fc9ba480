package org.commandcenter.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.commandcenter.sandbox.MattermostSandbox.JENKINS_BOT_TOKEN;
import static org.commandcenter.sandbox.MattermostSandbox.JENKINS_HOOK;
import static org.commandcenter.sandbox.MattermostSandbox.TEAM;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.commandcenter.mattermost.Attachment;
import org.commandcenter.mattermost.Field;
import org.commandcenter.mattermost.MattermostClient;
import org.commandcenter.mattermost.MattermostException;
import org.commandcenter.mattermost.Post;
import org.commandcenter.mattermost.PostResult;
import org.commandcenter.mattermost.RetryPolicy;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The shared client against the sandbox under every fault: each alert arrives exactly once (none lost, none
 * duplicated) and what the client reports matches what arrived.
 */
class ClientDeliveryTest extends SandboxPerTest {
  /** The client's two transports. */
  enum Transport { WEBHOOK, REST }

  private static final int ALERTS = 3;

  private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();


  @AfterEach
  void stopTimer() {
    timer.shutdownNow();
  }

  private MattermostClient client(Transport transport) {
    // Enough attempts that the backoffs alone (at least ~2 s with jitter) outlast a 300 ms outage on a loaded machine.
    RetryPolicy retries = RetryPolicy.builder().maxAttempts(12).initialBackoff(Duration.ofMillis(50))
        .maxBackoff(Duration.ofMillis(400)).deadline(Duration.ofSeconds(20)).build();
    MattermostClient.Builder builder = MattermostClient.builder().retryPolicy(retries)
        .connectTimeout(Duration.ofSeconds(2)).readTimeout(Duration.ofSeconds(5));
    if (transport == Transport.WEBHOOK) builder.webhookUrl(mm.hookUrl(JENKINS_HOOK));
    else builder.siteUrl(mm.url()).token(JENKINS_BOT_TOKEN).team(TEAM);
    return builder.build();
  }

  private static Post alert(int n) {
    return Post.builder().channel("builds").text("Build #" + n + " failed")
        .addAttachment(Attachment.builder().fallback("Build #" + n + " failed").color("#e40303")
            .title("payments-service #" + n).addField(Field.of("Branch", "main", true)).build())
        .build();
  }

  /** Answered (or dropped) post creations the sandbox has recorded. */
  private long creates() {
    return mm.requests().stream().filter(r -> r.method().equals("POST") && r.path().equals("/api/v4/posts")).count();
  }

  /** Sends ALERTS alerts with the fault switched on before each, and checks what arrived. */
  private void deliversExactlyOnce(Transport transport, Consumer<Faults> fault) throws Exception {
    deliversExactlyOnce(client(transport), transport, fault);
  }

  private void deliversExactlyOnce(MattermostClient client, Transport transport, Consumer<Faults> fault)
      throws Exception {
    client.send(Post.builder().channel("builds").text("warm-up").build());
    List<PostResult> results = new ArrayList<>();
    for (int n = 1; n <= ALERTS; n++) {
      fault.accept(mm.faults());
      results.add(client.send(alert(n)));
      mm.faults().clear();
    }

    List<ReceivedPost> posts = mm.posts(TEAM, "builds");
    List<String> expected = new ArrayList<>(List.of("warm-up"));
    for (int n = 1; n <= ALERTS; n++) expected.add("Build #" + n + " failed");
    assertThat(posts).extracting(ReceivedPost::message).containsExactlyElementsOf(expected);
    assertThat(posts.subList(1, posts.size())).allSatisfy(p -> assertThat(p.attachments()).hasSize(1));
    if (transport == Transport.REST) {
      for (int n = 0; n < ALERTS; n++) {
        assertThat(results.get(n).postId()).isEqualTo(posts.get(n + 1).id());
        assertThat(results.get(n).channelId()).isEqualTo(mm.channelId(TEAM, "builds"));
      }
    }
  }

  @ParameterizedTest
  @EnumSource(Transport.class)
  void deliversOnceWhenServerIsDownForAWhile(Transport transport) throws Exception {
    deliversExactlyOnce(transport, faults -> {
      faults.down();
      timer.schedule(() -> faults.up(), 300, TimeUnit.MILLISECONDS);
    });
  }

  @ParameterizedTest
  @EnumSource(Transport.class)
  void deliversOnceThroughBurstsOf503(Transport transport) throws Exception {
    deliversExactlyOnce(transport, faults -> faults.serverErrors(3));
  }

  @ParameterizedTest
  @EnumSource(Transport.class)
  void deliversOnceThroughProxy502s(Transport transport) throws Exception {
    deliversExactlyOnce(transport, faults -> faults.serverErrors(2, 502));
  }

  @ParameterizedTest
  @EnumSource(Transport.class)
  void deliversOnceThrough429Storms(Transport transport) throws Exception {
    deliversExactlyOnce(transport, faults -> faults.tooManyRequests(4, 0));
  }

  @ParameterizedTest
  @EnumSource(Transport.class)
  void deliversOnceThroughSlowResponses(Transport transport) throws Exception {
    deliversExactlyOnce(transport, faults -> faults.slow(1, Duration.ofMillis(300)));
  }

  @ParameterizedTest
  @EnumSource(Transport.class)
  void deliversOnceUnderTheRealRateLimiter(Transport transport) throws Exception {
    // One a second (burst 1): the client's back-to-back requests run into it unless each took a second to answer.
    mm.settings(SandboxSettings.builder().rateLimit(RateLimit.of(1, 1)).build());
    deliversExactlyOnce(transport, faults -> { });
    assertThat(mm.requests()).as("the limiter refused some requests").anySatisfy(r -> assertThat(r.status()).isEqualTo(429));
  }

  /** Over a webhook the 200 status line proves the post is stored, so a body cut off after it is not re-sent. */
  @ParameterizedTest
  @EnumSource(Transport.class)
  void deliversOnceWhenConnectionResetsMidResponse(Transport transport) throws Exception {
    deliversExactlyOnce(transport, faults -> faults.resetMidResponse(1));
  }

  @ParameterizedTest
  @EnumSource(value = Transport.class, names = "REST")
  void deliversOnceWhenResponseIsLostAfterStore(Transport transport) throws Exception {
    deliversExactlyOnce(transport, faults -> faults.loseResponseAfterStore(1));
  }

  @ParameterizedTest
  @EnumSource(value = Transport.class, names = "REST")
  void deliversOnceWhenServerAnswersAfterTheClientGaveUp(Transport transport) throws Exception {
    // The client gives up after 1 s; the first answer comes after 4 s, so only a 3 s stall could reorder the two.
    MattermostClient impatient = client(transport).newBuilder().readTimeout(Duration.ofSeconds(1)).build();
    deliversExactlyOnce(impatient, transport, faults -> faults.slow(1, Duration.ofSeconds(4)));
    // Wait until the last abandoned request has been answered too (warm-up + a late and a retried create per alert),
    // however slow the machine, then check it added nothing.
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
    while (creates() < 1 + 2 * ALERTS && System.nanoTime() < deadline) Thread.sleep(20);
    assertThat(creates()).isGreaterThanOrEqualTo(1 + 2 * ALERTS);
    assertThat(mm.posts(TEAM, "builds")).hasSize(ALERTS + 1);
  }

  /**
   * Mattermost has no de-duplication for incoming webhooks, so when the whole answer to a stored webhook post is lost
   * the client cannot tell and retries: nothing is lost, but a repeat is possible. This pins that behaviour down.
   */
  @ParameterizedTest
  @EnumSource(value = Transport.class, names = "WEBHOOK")
  void webhookLosesNothingWhenTheWholeAnswerIsLostButCannotDeduplicate(Transport transport) throws Exception {
    MattermostClient client = client(transport);

    mm.faults().loseResponseAfterStore(1);
    client.send(alert(1));

    List<String> messages = new ArrayList<>();
    mm.posts(TEAM, "builds").forEach(p -> messages.add(p.message()));
    assertThat(messages).contains("Build #1 failed");
    assertThat(messages).hasSizeBetween(1, 2);
  }

  @ParameterizedTest
  @EnumSource(Transport.class)
  void reportsFailureAndNothingArrivesWhenRetriesRunOut(Transport transport) throws Exception {
    MattermostClient client = client(transport).newBuilder()
        .retryPolicy(RetryPolicy.builder().maxAttempts(2).initialBackoff(Duration.ofMillis(10)).build()).build();
    mm.faults().serverErrors(5);

    assertThatThrownBy(() -> client.send(alert(1)))
        .isInstanceOfSatisfying(MattermostException.class, e -> {
          assertThat(e.statusCode()).isEqualTo(503);
          assertThat(e.isRetryable()).isTrue();
          assertThat(e.getMessage()).doesNotContain(JENKINS_HOOK).doesNotContain(JENKINS_BOT_TOKEN);
        });
    assertThat(mm.posts(TEAM, "builds")).isEmpty();
  }

  @ParameterizedTest
  @EnumSource(Transport.class)
  void concurrentSendersDeliverEveryAlertOnce(Transport transport) throws Exception {
    MattermostClient client = client(transport);
    mm.faults().serverErrors(4);
    List<CompletableFuture<PostResult>> sends = new ArrayList<>();
    for (int n = 1; n <= 6; n++) {
      int number = n;
      sends.add(CompletableFuture.supplyAsync(() -> {
        try {
          return client.send(alert(number));
        } catch (MattermostException e) {
          throw new IllegalStateException(e);
        }
      }));
    }
    CompletableFuture.allOf(sends.toArray(new CompletableFuture<?>[0])).get(30, TimeUnit.SECONDS);

    assertThat(mm.posts(TEAM, "builds")).extracting(ReceivedPost::message).containsExactlyInAnyOrder(
        "Build #1 failed", "Build #2 failed", "Build #3 failed", "Build #4 failed", "Build #5 failed", "Build #6 failed");
  }

  /** Team Edition (no licence) refuses acknowledgements with 501: a permanent answer, so one request and no post. */
  @ParameterizedTest
  @EnumSource(value = Transport.class, names = "REST")
  void unlicensedServerRefusesAcknowledgementWithoutRetrying(Transport transport) throws Exception {
    mm.settings(SandboxSettings.builder().professionalLicense(false).build());
    MattermostClient client = client(transport);
    int before = mm.requests().size();

    assertThatThrownBy(() -> client.send(alert(1).newBuilder()
        .priority(org.commandcenter.mattermost.Priority.builder(org.commandcenter.mattermost.Priority.Level.URGENT)
            .requestedAck(true).build()).build()))
        .isInstanceOfSatisfying(MattermostException.class, e -> {
          assertThat(e.statusCode()).isEqualTo(501);
          assertThat(e.isRetryable()).isFalse();
        });
    // the channel lookup and one create
    assertThat(mm.requests().subList(before, mm.requests().size()))
        .filteredOn(r -> r.path().startsWith("/api/v4/posts")).hasSize(1);
    assertThat(mm.posts(TEAM, "builds")).isEmpty();
  }

  /** A persistent notification nobody in the channel can receive is a permanent 500: not retried, nothing stored. */
  @ParameterizedTest
  @EnumSource(value = Transport.class, names = "REST")
  void persistentNotificationWithoutRecipientsFailsOnceWithoutRetrying(Transport transport) throws Exception {
    MattermostClient client = client(transport);
    int before = mm.requests().size();

    assertThatThrownBy(() -> client.send(Post.builder().channel("builds").text("@bob the build broke")
        .priority(org.commandcenter.mattermost.Priority.builder(org.commandcenter.mattermost.Priority.Level.URGENT)
            .persistentNotifications(true).build()).build()))
        .isInstanceOfSatisfying(MattermostException.class, e -> {
          assertThat(e.statusCode()).isEqualTo(500);
          assertThat(e.isRetryable()).isFalse();
        });
    assertThat(mm.requests().subList(before, mm.requests().size()))
        .filteredOn(r -> r.path().startsWith("/api/v4/posts")).hasSize(1);
    assertThat(mm.posts(TEAM, "builds")).isEmpty();
  }
}
