package org.commandcenter.sandbox;

import java.nio.file.Path;
import java.time.Duration;
import org.commandcenter.mattermost.Delivery;
import org.commandcenter.mattermost.DeliveryEngine;
import org.commandcenter.mattermost.DeliveryHealth;
import org.commandcenter.mattermost.MattermostClient;
import org.commandcenter.mattermost.Outbox;
import org.commandcenter.mattermost.Post;
import org.commandcenter.mattermost.RetryPolicy;

/**
 * The process {@link CrashRecoveryTest} kills: a delivery engine on a file outbox, as a host would run it.
 *
 * <pre>
 * queue  DIR URL TOKEN EVEN ODD COUNT  submits COUNT alerts (even ones to channel id EVEN, odd ones to ODD),
 *                                    prints "QUEUED COUNT", then keeps delivering until killed
 * resume DIR URL TOKEN               resumes the outbox, prints "DONE " and the counts once nothing waits, exits
 * </pre>
 */
public final class OutboxChild {
  private OutboxChild() {
  }

  public static void main(String[] args) throws Exception {
    String mode = args[0];
    Path outbox = Path.of(args[1]);
    MattermostClient client = MattermostClient.builder().siteUrl(args[2]).token(args[3])
        .team(MattermostSandbox.TEAM)
        .connectTimeout(Duration.ofSeconds(2)).readTimeout(Duration.ofSeconds(5))
        .retryPolicy(RetryPolicy.noRetries(Duration.ofSeconds(5)))
        .build();
    DeliveryEngine engine = DeliveryEngine.builder(connection -> client)
        .outbox(Outbox.directory(outbox))
        .initialRetryDelay(Duration.ofMillis(100)).maxRetryDelay(Duration.ofMillis(200))
        .build();
    engine.start();
    if (mode.equals("queue")) {
      int count = Integer.parseInt(args[6]);
      for (int n = 1; n <= count; n++) {
        engine.submit(alert(n, args[4], args[5]));
      }
      System.out.println("QUEUED " + count);
      System.out.flush();
      Thread.sleep(Long.MAX_VALUE);
    } else {
      long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
      while (engine.health().waiting() > 0 && System.nanoTime() < deadline) {
        Thread.sleep(20);
      }
      DeliveryHealth health = engine.health();
      engine.close();
      System.out.println("DONE waiting=" + health.waiting() + " delivered=" + health.delivered() + " failed="
          + health.failed() + " dropped=" + health.dropped());
      System.out.flush();
      System.exit(health.waiting() == 0 ? 0 : 1);
    }
  }

  /** Alert n goes to one channel when even, to the other when odd: two channels, each in its own order. */
  static Delivery alert(int n, String even, String odd) {
    return Delivery.builder().connection("jenkins").channel(n % 2 == 0 ? even : odd)
        .post(Post.builder().text("Build #" + n + " failed").build())
        .build();
  }
}
