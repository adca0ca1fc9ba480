package org.commandcenter.benchmarks;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import org.commandcenter.mattermost.Delivery;
import org.commandcenter.mattermost.DeliveryEngine;
import org.commandcenter.mattermost.MattermostClient;
import org.commandcenter.mattermost.Outbox;
import org.commandcenter.mattermost.RetryPolicy;

/**
 * (e) The heap held by 10,000 waiting alerts (the outbox's default capacity): Mattermost does not answer (a port
 * bound but not listening), 10,000 typical failed-build alerts are submitted, and the heap in use after a full
 * collection is compared with the heap before. With the durable outbox the engine keeps only each alert's
 * metadata in memory (its content is on disk); the in-memory outbox is measured for comparison.
 *
 * <pre>java -cp benchmarks/target/benchmarks.jar org.commandcenter.benchmarks.OutboxHeapHarness</pre>
 */
public final class OutboxHeapHarness {
  private static final int ALERTS = 10_000;

  private OutboxHeapHarness() {
  }

  public static void main(String[] args) throws Exception {
    for (String kind : new String[] {"directory", "memory"}) {
      System.out.printf(Locale.ROOT, "%s outbox: %.1f MB held by %d waiting alerts%n", kind,
          held(kind.equals("directory")) / 1024.0 / 1024.0, ALERTS);
    }
  }

  private static long held(boolean durable) throws Exception {
    Path directory = Files.createTempDirectory("heap-outbox");
    try (Socket holder = new Socket()) {
      holder.bind(new InetSocketAddress("127.0.0.1", 0));
      MattermostClient client = MattermostClient.builder().siteUrl("http://127.0.0.1:" + holder.getLocalPort())
          .token("benchmark-bot-token").retryPolicy(RetryPolicy.noRetries(Duration.ofSeconds(1))).build();
      DeliveryEngine engine = DeliveryEngine.builder(connection -> client)
          .outbox(durable ? Outbox.directory(directory) : Outbox.inMemory())
          .maxRetryDelay(Duration.ofMinutes(10)).initialRetryDelay(Duration.ofMinutes(10))
          .build();
      engine.start();
      long before = usedAfterGc();
      for (int i = 1; i <= ALERTS; i++) {
        engine.submit(Delivery.builder().connection("jenkins").channel(Alerts.CHANNEL_ID)
            .post(Alerts.failedBuild(i)).coalesceKey("payments/main#" + i)
            .summary(Delivery.Summary.of(Delivery.Severity.ERROR, "payments/main #" + i + " failed",
                "https://ci.factory.example/job/payments/job/main/" + i + "/"))
            .build());
      }
      long after = usedAfterGc();
      if (engine.health().waiting() != ALERTS) {
        throw new IllegalStateException("expected " + ALERTS + " waiting but " + engine.health());
      }
      engine.close();
      return after - before;
    } finally {
      try (var paths = Files.walk(directory)) {
        paths.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
      }
    }
  }

  private static long usedAfterGc() throws InterruptedException {
    MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
    for (int i = 0; i < 5; i++) {
      System.gc();
      Thread.sleep(100);
    }
    return memory.getHeapMemoryUsage().getUsed();
  }
}
