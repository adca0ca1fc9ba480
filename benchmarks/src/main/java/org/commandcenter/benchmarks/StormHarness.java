package org.commandcenter.benchmarks;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.commandcenter.mattermost.Delivery;
import org.commandcenter.mattermost.DeliveryEngine;
import org.commandcenter.mattermost.MattermostClient;
import org.commandcenter.mattermost.Outbox;
import org.commandcenter.mattermost.Post;
import org.commandcenter.sandbox.MattermostSandbox;
import org.commandcenter.sandbox.RateLimit;
import org.commandcenter.sandbox.ReceivedPost;
import org.commandcenter.sandbox.SandboxSettings;

/**
 * (d) An alert storm, timed (not JMH: one run is one storm): 1,000 alerts from 50 jobs failing within one second,
 * submitted by 50 threads (one per job, as 50 Jenkins executors would) to one delivery engine on a durable outbox,
 * against the Mattermost stand-in with Mattermost's default rate limit (10 requests/s, burst 100). Reports the time
 * until the last alert is visible in the channel (as its own post or as a line of a digest), the requests that
 * reached the stand-in, and alerts lost or duplicated.
 *
 * <pre>java -cp benchmarks/target/benchmarks.jar org.commandcenter.benchmarks.StormHarness [runs]</pre>
 */
public final class StormHarness {
  private static final int JOBS = 50;
  private static final int ALERTS_PER_JOB = 20;
  private static final int ALERTS = JOBS * ALERTS_PER_JOB;
  private static final Pattern ALERT = Pattern.compile("job-(\\d+) #(\\d+) failed");

  private StormHarness() {
  }

  public static void main(String[] args) throws Exception {
    int runs = args.length > 0 ? Integer.parseInt(args[0]) : 5;
    System.out.printf(Locale.ROOT, "%d alerts from %d jobs within 1 s, default rate limit (10/s, burst 100)%n",
        ALERTS, JOBS);
    for (int run = 1; run <= runs; run++) {
      Result result = storm();
      System.out.printf(Locale.ROOT, "run %d: last alert visible after %d ms, %d requests (%d posts), lost %d,"
          + " duplicated %d%n", run, result.visibleMillis, result.requests, result.posts, result.lost,
          result.duplicated);
    }
  }

  private record Result(long visibleMillis, int requests, int posts, int lost, int duplicated) {}

  private static Result storm() throws Exception {
    Path outbox = Files.createTempDirectory("storm-outbox");
    try (MattermostSandbox mattermost = MattermostSandbox.builder().withSampleData()
        .settings(SandboxSettings.builder().rateLimit(RateLimit.of(10, 100)).build()).build().start()) {
      MattermostClient client = MattermostClient.builder().siteUrl(mattermost.url())
          .token(MattermostSandbox.JENKINS_BOT_TOKEN).team(MattermostSandbox.TEAM).build();
      DeliveryEngine engine = DeliveryEngine.builder(connection -> client).outbox(Outbox.directory(outbox)).build();
      engine.start();
      ExecutorService jobs = Executors.newFixedThreadPool(JOBS);
      CountDownLatch go = new CountDownLatch(1);
      long start;
      try {
        for (int job = 1; job <= JOBS; job++) {
          int number = job;
          jobs.execute(() -> {
            try {
              go.await();
              // The job's 20 alerts spread over the second.
              for (int build = 1; build <= ALERTS_PER_JOB; build++) {
                engine.submit(alert(number, build));
                Thread.sleep(1000 / ALERTS_PER_JOB / 2);
              }
            } catch (InterruptedException e) {
              Thread.currentThread().interrupt();
            }
          });
        }
        start = System.nanoTime();
        go.countDown();
        long visible = -1;
        long deadline = start + TimeUnit.SECONDS.toNanos(120);
        while (System.nanoTime() < deadline) {
          if (count(mattermost).size() == ALERTS) {
            visible = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
            break;
          }
          Thread.sleep(5);
        }
        Thread.sleep(500); // anything late would be a duplicate
        Map<String, Integer> seen = count(mattermost);
        int lost = ALERTS - seen.size();
        int duplicated = seen.values().stream().mapToInt(n -> n - 1).sum();
        return new Result(visible, mattermost.requests().size(), mattermost.allPosts().size(), lost, duplicated);
      } finally {
        jobs.shutdownNow();
        engine.close();
      }
    } finally {
      deleteRecursively(outbox);
    }
  }

  /** Each alert (job and build) as many times as it is visible: its own post, or its line in a digest. */
  private static Map<String, Integer> count(MattermostSandbox mattermost) {
    Map<String, Integer> seen = new HashMap<>();
    List<ReceivedPost> posts = mattermost.posts(MattermostSandbox.TEAM, "builds");
    for (ReceivedPost post : posts) {
      Matcher matcher = ALERT.matcher(post.message());
      while (matcher.find()) {
        seen.merge(matcher.group(1) + "#" + matcher.group(2), 1, Integer::sum);
      }
    }
    return seen;
  }

  private static Delivery alert(int job, int build) {
    String text = "job-" + job + " #" + build + " failed";
    return Delivery.builder().connection("jenkins").channel("builds")
        .post(Post.builder().text(":red_circle: " + text + " ([log](https://ci.example.com/job/job-" + job + "/" + build
            + "/console))").build())
        .summary(Delivery.Summary.of(Delivery.Severity.ERROR, text,
            "https://ci.example.com/job/job-" + job + "/" + build + "/"))
        .coalesceKey("job-" + job + "#" + build)
        .build();
  }

  private static void deleteRecursively(Path directory) throws java.io.IOException {
    try (var paths = Files.walk(directory)) {
      paths.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
    }
  }
}
