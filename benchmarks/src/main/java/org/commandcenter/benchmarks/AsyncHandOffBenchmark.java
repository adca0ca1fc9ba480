package org.commandcenter.benchmarks;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.commandcenter.mattermost.AsyncSender;
import org.commandcenter.mattermost.DeliveryStats;
import org.commandcenter.mattermost.MattermostClient;
import org.commandcenter.mattermost.Post;
import org.commandcenter.mattermost.PostResult;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * (c) The time a caller (a Jenkins executor, the SonarQube CE thread) spends handing an alert to the async sender.
 * Sample mode reports the percentiles; the delivery counts are printed at the end so a run that only measured
 * drops is visible. Between calls (outside the measured time) the benchmark lets the backlog drain to a burst of
 * {@value #MAX_BACKLOG}, as alerts arrive in real life, instead of timing a queue that a tight loop overfills.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class AsyncHandOffBenchmark {
  static final int MAX_BACKLOG = 64;

  private LoopbackMattermost server;
  private AsyncSender sender;
  private Post alert;

  @Setup(Level.Trial)
  public void start() throws Exception {
    server = LoopbackMattermost.plain();
    MattermostClient client = MattermostClient.builder().siteUrl(server.url()).token("benchmark-bot-token").build();
    sender = AsyncSender.builder(client)
        .capacity(1_000)
        .handOffTimeout(Duration.ofMillis(1))
        .build();
    alert = Alerts.failedBuild(7);
  }

  @Setup(Level.Invocation)
  public void letBacklogDrain() {
    while (sender.stats().pending() > MAX_BACKLOG) {
      LockSupport.parkNanos(20_000);
    }
  }

  @TearDown(Level.Trial)
  public void stop() {
    DeliveryStats stats = sender.stats();
    sender.close();
    server.close();
    System.out.println();
    System.out.println("async sender: " + stats + ", server received " + server.postsReceived());
  }

  @Benchmark
  public CompletableFuture<PostResult> handOff() {
    return sender.submit(alert);
  }
}
