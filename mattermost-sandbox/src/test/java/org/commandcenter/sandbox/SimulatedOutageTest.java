package org.commandcenter.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.commandcenter.sandbox.MattermostSandbox.JENKINS_BOT_TOKEN;
import static org.commandcenter.sandbox.MattermostSandbox.TEAM;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.commandcenter.mattermost.Delivery;
import org.commandcenter.mattermost.DeliveryEngine;
import org.commandcenter.mattermost.DeliveryHealth;
import org.commandcenter.mattermost.MattermostClient;
import org.commandcenter.mattermost.Post;
import org.commandcenter.mattermost.RetryPolicy;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Ten minutes of a Mattermost in trouble, in simulated time (the stand-in and the engine share a clock that the
 * test moves a second every few milliseconds): down, busy (503), slow past the client's timeout, answers cut off and
 * lost after the post was stored, a proxy's 502, a 429 storm under the real default rate limit, restarts, down
 * again; each fault for 50 s of a minute, so that it meets new posts and not only the read-backs of earlier ones.
 * Alerts keep coming all along, into two channels. Afterwards every alert is in Mattermost exactly once (as its own
 * post or as a line of a digest), in order per channel, and the backlog went out as digests.
 */
class SimulatedOutageTest {
  private static final Instant START = Instant.parse("2026-12-01T10:00:00Z");
  private static final Pattern ALERT = Pattern.compile("alert-(\\d+)\\b");
  private static final int ALERTS = 120;

  private final SimulatedClock clock = new SimulatedClock(START);
  private MattermostSandbox mm;
  private DeliveryEngine engine;

  @BeforeEach
  void start() throws Exception {
    mm = MattermostSandbox.builder().withSampleData().clock(clock)
        .settings(SandboxSettings.builder().rateLimit(RateLimit.of(10, 100)).build()).build().start();
    MattermostClient client = MattermostClient.builder().siteUrl(mm.url()).token(JENKINS_BOT_TOKEN).team(TEAM)
        .okHttpClient(new okhttp3.OkHttpClient.Builder().retryOnConnectionFailure(false).build())
        .connectTimeout(Duration.ofMillis(500)).readTimeout(Duration.ofMillis(100))
        .retryPolicy(RetryPolicy.builder().maxAttempts(2).initialBackoff(Duration.ofMillis(5))
            .maxBackoff(Duration.ofMillis(10)).deadline(Duration.ofSeconds(2)).build())
        .build();
    // A probe at most every 5 s, so that each minute's fault meets the posts of that minute.
    engine = DeliveryEngine.builder(connection -> client).clock(clock).maxRetryDelay(Duration.ofSeconds(5)).build();
    engine.start();
  }

  @AfterEach
  void stop() {
    engine.close();
    mm.close();
  }

  /** Every fifth alert has no summary: it is never folded, and no digest may jump over it. */
  private Delivery alert(int n) {
    String channel = n % 2 == 0 ? "builds" : "alerts";
    Delivery.Builder delivery = Delivery.builder().connection("jenkins").channel(channel)
        .post(Post.builder().text("alert-" + n + " failed: see the log").build());
    if (n % 5 != 0) {
      delivery.summary(Delivery.Summary.of(n % 3 == 0 ? Delivery.Severity.ERROR : Delivery.Severity.WARNING,
          "alert-" + n + " failed", "https://ci.example.com/job/app/" + n + "/"));
    }
    return delivery.build();
  }

  /** The faults of each minute of the outage. */
  private void phase(int minute) {
    mm.faults().clear();
    switch (minute) {
      case 0:
      case 8:
      case 9:
        mm.faults().down();
        break;
      case 1:
        mm.faults().serverErrors(Integer.MAX_VALUE, 503);
        break;
      case 2:
        mm.faults().slow(Duration.ofMillis(150)); // past the client's 100 ms: stored after it gave up
        break;
      case 3:
        mm.faults().resetMidResponse(Integer.MAX_VALUE);
        break;
      case 4:
        mm.faults().loseResponseAfterStore(Integer.MAX_VALUE);
        break;
      case 5:
        mm.faults().serverErrors(Integer.MAX_VALUE, 502);
        break;
      case 6:
        mm.faults().tooManyRequests(Integer.MAX_VALUE, 5);
        break;
      default:
        // Minute 7: restarts every ten seconds (see the loop).
    }
  }

  @Test
  void nothingLostNothingTwiceInOrderAndTheBacklogAsDigests() throws Exception {
    // A plugin that has been running: it knows its channels, so the faults hit the posts themselves.
    for (String channel : List.of("builds", "alerts")) {
      engine.submit(Delivery.builder().connection("jenkins").channel(channel)
          .post(Post.builder().text("running").build()).build()).outcome().get(10, TimeUnit.SECONDS);
    }
    int submitted = 0;
    for (int second = 0; second < 600; second++) {
      if (second % 60 == 0) {
        phase(second / 60);
      } else if (second % 60 == 50 && second < 480) {
        mm.faults().clear(); // ten seconds of relief: the next fault meets fresh posts, not only read-backs
      }
      if (second / 60 == 7 && second % 10 == 5) {
        mm.restart();
      }
      if (second % 5 == 0 && submitted < ALERTS) {
        engine.submit(alert(++submitted));
      }
      clock.advance(Duration.ofSeconds(1));
      Thread.sleep(5);
    }
    mm.faults().clear();
    DeliveryHealth during = engine.health();
    assertThat(during.unreachableSince()).isPresent();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (engine.health().waiting() > 0 && System.nanoTime() < deadline) {
      clock.advance(Duration.ofSeconds(1));
      Thread.sleep(5);
    }

    DeliveryHealth health = engine.health();
    assertThat(health.waiting()).as("still waiting: %s", health).isZero();
    assertThat(health.delivered()).isEqualTo(ALERTS + 2);
    assertThat(health.failed()).isZero();
    assertThat(health.dropped()).isZero();
    assertThat(health.isReachable()).isTrue();

    Map<Integer, Integer> seen = new HashMap<>();
    int digests = 0;
    for (String channel : List.of("builds", "alerts")) {
      List<Integer> order = new ArrayList<>();
      for (ReceivedPost post : mm.posts(TEAM, channel)) {
        List<Integer> numbers = new ArrayList<>();
        Matcher matcher = ALERT.matcher(post.message());
        while (matcher.find()) {
          numbers.add(Integer.parseInt(matcher.group(1)));
        }
        if (post.message().startsWith(":bell:")) {
          digests++;
          numbers.sort(null);
        }
        numbers.forEach(n -> seen.merge(n, 1, Integer::sum));
        order.addAll(numbers);
      }
      assertThat(order).as("alerts of %s in order", channel).isSorted();
    }
    assertThat(seen).as("each alert once").hasSize(ALERTS).allSatisfy((n, count) -> assertThat(count).isOne());
    assertThat(digests).as("digest posts").isPositive();
    // The faults met requests (posts, and the read-backs before repeating them); posts were stored with the
    // answer lost.
    assertThat(mm.requests()).extracting(RecordedRequest::status).contains(0, 429, 502, 503);
    List<RecordedRequest> creates = mm.requests().stream()
        .filter(request -> request.method().equals("POST") && request.path().equals("/api/v4/posts")).toList();
    assertThat(creates).extracting(RecordedRequest::status).contains(0, 201);
    assertThat(mm.requests()).as("read-backs").anySatisfy(request -> assertThat(request.path()).endsWith("/posts")
        .startsWith("/api/v4/channels/"));
  }
}
