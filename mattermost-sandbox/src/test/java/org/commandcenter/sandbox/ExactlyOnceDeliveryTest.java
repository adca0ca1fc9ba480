package org.commandcenter.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.commandcenter.sandbox.MattermostSandbox.JENKINS_BOT_TOKEN;
import static org.commandcenter.sandbox.MattermostSandbox.TEAM;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import org.commandcenter.mattermost.Delivery;
import org.commandcenter.mattermost.DeliveryEngine;
import org.commandcenter.mattermost.DeliveryResult;
import org.commandcenter.mattermost.MattermostClient;
import org.commandcenter.mattermost.Post;
import org.commandcenter.mattermost.RetryPolicy;
import org.commandcenter.mattermost.Submission;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Nothing twice over REST when an answer is lost after the post was stored and the repeat comes 31 s later, when
 * the stand-in (as Mattermost) has forgotten the pending_post_id: one clock, moved by the test, for both.
 */
class ExactlyOnceDeliveryTest {
  private static final Instant START = Instant.parse("2026-12-01T10:00:00Z");

  private final SimulatedClock clock = new SimulatedClock(START);
  private MattermostSandbox mm;
  private DeliveryEngine engine;
  private MattermostClient client;

  @BeforeEach
  void start() throws Exception {
    mm = MattermostSandbox.builder().withSampleData().clock(clock).build().start();
    // OkHttp's own silent retry of a request that failed on a reused connection would repeat the create at once,
    // within the window; without it, the repeat is the engine's, 31 s later.
    client = MattermostClient.builder().siteUrl(mm.url()).token(JENKINS_BOT_TOKEN).team(TEAM)
        .okHttpClient(new okhttp3.OkHttpClient.Builder().retryOnConnectionFailure(false).build())
        .retryPolicy(RetryPolicy.noRetries(Duration.ofSeconds(5))).build();
    // The channel is known, as in a running plugin: the faults hit the create itself.
    client.channel(TEAM, "builds");
    // The first retry would come after 31 s of the shared clock.
    engine = DeliveryEngine.builder(connection -> client).clock(clock)
        .initialRetryDelay(Duration.ofSeconds(31)).build();
    engine.start();
  }

  @AfterEach
  void stop() {
    engine.close();
    mm.close();
  }

  private Submission alert(String text) {
    return engine.submit(Delivery.builder().connection("jenkins").channel("builds")
        .post(Post.builder().text(text).build()).build());
  }

  @Test
  void aResponseLostAfterTheStoreAndRepeated31sLaterIsNotPostedTwice() throws Exception {
    mm.faults().loseResponseAfterStore(1);
    Submission submission = alert("Build #42 failed");
    assertThat(submission.firstAttempt().get(10, TimeUnit.SECONDS).status())
        .isEqualTo(DeliveryResult.Status.WAITING);
    assertThat(mm.posts(TEAM, "builds")).hasSize(1);

    clock.advance(Duration.ofSeconds(31));
    DeliveryResult result = submission.outcome().get(10, TimeUnit.SECONDS);

    assertThat(result.status()).isEqualTo(DeliveryResult.Status.DELIVERED);
    assertThat(mm.posts(TEAM, "builds")).extracting(ReceivedPost::message).containsExactly("Build #42 failed");
    assertThat(result.posts().get(0).postId()).isEqualTo(mm.posts(TEAM, "builds").get(0).id());
    assertThat(mm.requests()).anySatisfy(request -> assertThat(request.path())
        .isEqualTo("/api/v4/channels/" + mm.channelId(TEAM, "builds") + "/posts"));
  }

  @Test
  void aBodyCutOffAfterTheStoreAndRepeated31sLaterIsNotPostedTwice() throws Exception {
    mm.faults().resetMidResponse(1);
    Submission submission = alert("Build #43 failed");
    submission.firstAttempt().get(10, TimeUnit.SECONDS);

    clock.advance(Duration.ofSeconds(31));

    assertThat(submission.outcome().get(10, TimeUnit.SECONDS).status()).isEqualTo(DeliveryResult.Status.DELIVERED);
    assertThat(mm.posts(TEAM, "builds")).hasSize(1);
  }

  @Test
  void aLostResponseThatStoredNothingIsSentAgain() throws Exception {
    // The post was not stored (the request never got through): the read-back finds nothing and the repeat posts it.
    mm.faults().serverErrors(1, 502);
    Submission submission = alert("Build #44 failed");
    submission.firstAttempt().get(10, TimeUnit.SECONDS);

    clock.advance(Duration.ofSeconds(31));

    assertThat(submission.outcome().get(10, TimeUnit.SECONDS).status()).isEqualTo(DeliveryResult.Status.DELIVERED);
    assertThat(mm.posts(TEAM, "builds")).extracting(ReceivedPost::message).containsExactly("Build #44 failed");
  }

  /** What the test guards against: after 31 s the stand-in takes the same pending_post_id as a new post. */
  @Test
  void withoutTheReadBackTheStandInWouldStoreARepeatAfter31s() throws Exception {
    String body = "{\"channel_id\":\"" + mm.channelId(TEAM, "builds") + "\",\"message\":\"m\","
        + "\"pending_post_id\":\"pendingpostid0000000000042\"}";
    Wire.post(mm.url() + "/api/v4/posts", body, JENKINS_BOT_TOKEN);
    clock.advance(Duration.ofSeconds(31));
    Wire.post(mm.url() + "/api/v4/posts", body, JENKINS_BOT_TOKEN);
    assertThat(mm.posts(TEAM, "builds")).hasSize(2);
  }
}
