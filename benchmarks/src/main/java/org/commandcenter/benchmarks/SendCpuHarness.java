package org.commandcenter.benchmarks;

import com.sun.management.OperatingSystemMXBean;
import java.lang.management.ManagementFactory;
import java.util.Arrays;
import java.util.Locale;
import org.commandcenter.mattermost.MattermostClient;
import org.commandcenter.mattermost.Post;
import org.commandcenter.mattermost.tls.CaTrust;

/**
 * (b') The CPU time of the whole process per post — client, OkHttp and the loopback server together — for the shared
 * client and for bare OkHttp sending the same body, in alternating rounds of one thread. CPU time, unlike throughput,
 * barely moves with what else runs on a 2-core machine, so the ratio of the two is what the client adds per send;
 * the server's share is the same in both. Medians of the measured rounds (the first rounds warm up).
 *
 * <pre>java -cp benchmarks/target/benchmarks.jar org.commandcenter.benchmarks.SendCpuHarness [rounds] [sends]</pre>
 */
public final class SendCpuHarness {
  private static final String TOKEN = "benchmark-bot-token";
  private static final int WARM_UP_ROUNDS = 3;

  private SendCpuHarness() {
  }

  public static void main(String[] args) throws Exception {
    int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 15;
    int sends = args.length > 1 ? Integer.parseInt(args[1]) : 10_000;
    for (String scheme : new String[] {"http", "https"}) {
      measure(scheme, rounds, sends);
    }
  }

  private static void measure(String scheme, int rounds, int sends) throws Exception {
    OperatingSystemMXBean os = (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    TestPki pki = new TestPki();
    boolean tls = scheme.equals("https");
    try (LoopbackMattermost server = tls
        ? LoopbackMattermost.tls(pki.serverCertificates.sslContext())
        : LoopbackMattermost.plain()) {
      MattermostClient.Builder builder = MattermostClient.builder().siteUrl(server.url()).token(TOKEN);
      if (tls) {
        builder.trust(CaTrust.fromPem(pki.caPem()).withoutSystemTrust());
      }
      MattermostClient client = builder.build();
      Post alert = Alerts.failedBuild(42);
      KeptAliveOkHttpSender bare = new KeptAliveOkHttpSender(server.url(), TOKEN,
          SendThroughputBenchmark.baselineJson(alert), tls ? pki.clientCertificates() : null);
      double[] shared = new double[rounds];
      double[] reference = new double[rounds];
      for (int round = 0; round < WARM_UP_ROUNDS + rounds; round++) {
        long start = os.getProcessCpuTime();
        for (int i = 0; i < sends; i++) {
          client.send(alert);
        }
        long middle = os.getProcessCpuTime();
        for (int i = 0; i < sends; i++) {
          bare.send();
        }
        long end = os.getProcessCpuTime();
        if (round >= WARM_UP_ROUNDS) {
          shared[round - WARM_UP_ROUNDS] = (middle - start) / 1e3 / sends;
          reference[round - WARM_UP_ROUNDS] = (end - middle) / 1e3 / sends;
        }
      }
      double sharedMedian = median(shared);
      double referenceMedian = median(reference);
      System.out.printf(Locale.ROOT, "%s: CPU per post, median of %d rounds of %d: shared client %.1f µs, bare OkHttp"
          + " %.1f µs: the shared client needs %.0f%% of bare OkHttp's CPU (with the same CPU it sends %.0f%% of the"
          + " posts bare OkHttp sends)%n",
          scheme, rounds, sends, sharedMedian, referenceMedian, 100 * sharedMedian / referenceMedian,
          100 * referenceMedian / sharedMedian);
    }
  }

  private static double median(double[] values) {
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    return sorted[sorted.length / 2];
  }
}
