package org.commandcenter.benchmarks;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.commandcenter.mattermost.Delivery;
import org.commandcenter.mattermost.DeliveryEngine;
import org.commandcenter.mattermost.MattermostClient;
import org.commandcenter.mattermost.Outbox;
import org.commandcenter.mattermost.Post;
import org.commandcenter.mattermost.Submission;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * (c) The time a build thread (a Jenkins executor, the SonarQube CE thread) spends handing an alert to the delivery
 * engine: with the durable outbox the delivery is encoded and forced to disk before {@code submit} returns. Sample
 * mode reports the percentiles. Between calls (outside the measured time) the backlog drains to at most
 * {@value #MAX_BACKLOG} waiting alerts, as alerts arrive in real life, instead of timing a tight loop.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class EnqueueBenchmark {
  static final int MAX_BACKLOG = 64;

  /** {@code directory}: the durable outbox (in /tmp, the machine's one disk); {@code memory}: for comparison. */
  @Param({"directory", "memory"})
  public String outbox;

  private LoopbackMattermost server;
  private DeliveryEngine engine;
  private Path directory;
  private Post alert;
  private int build;

  @Setup(Level.Trial)
  public void start() throws Exception {
    server = LoopbackMattermost.plain();
    MattermostClient client = MattermostClient.builder().siteUrl(server.url()).token("benchmark-bot-token").build();
    directory = Files.createTempDirectory("enqueue-outbox");
    engine = DeliveryEngine.builder(connection -> client)
        .outbox(outbox.equals("directory") ? Outbox.directory(directory) : Outbox.inMemory())
        .build();
    engine.start();
    alert = Alerts.failedBuild(7);
  }

  @Setup(Level.Invocation)
  public void letBacklogDrain() {
    while (engine.health().waiting() > MAX_BACKLOG) {
      LockSupport.parkNanos(20_000);
    }
  }

  @TearDown(Level.Trial)
  public void stop() throws Exception {
    System.out.println();
    System.out.println("delivery engine: " + engine.health() + ", server received " + server.postsReceived());
    engine.close();
    server.close();
    try (var paths = Files.walk(directory)) {
      paths.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
    }
  }

  @Benchmark
  public Submission submit() {
    return engine.submit(Delivery.builder().connection("jenkins").channel(Alerts.CHANNEL_ID).post(alert)
        .coalesceKey("payments/main#" + (++build)).build());
  }
}
