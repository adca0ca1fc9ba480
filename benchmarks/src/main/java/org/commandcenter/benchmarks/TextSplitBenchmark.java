package org.commandcenter.benchmarks;

import java.util.concurrent.TimeUnit;
import org.commandcenter.mattermost.MattermostClient;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * (d) Splitting a long text into posts of at most 16383 characters: one line of millions of characters (the case
 * that was quadratic) and the same length as 100-character lines. Runs through the public
 * {@link MattermostClient#postsFor}, which splits exactly as a send does; nothing goes over the network.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2, time = 3)
@Measurement(iterations = 5, time = 3)
@Fork(value = 1, jvmArgs = "-Xmx2g")
public class TextSplitBenchmark {
  @Param({"4000000", "40000000"})
  public int characters;

  @Param({"oneLine", "lines"})
  public String shape;

  private String text;
  private MattermostClient client;

  @Setup
  public void setUp() {
    if (shape.equals("oneLine")) {
      text = "x".repeat(characters);
    } else {
      text = ("y".repeat(99) + "\n").repeat(characters / 100);
    }
    client = MattermostClient.builder().webhookUrl("http://127.0.0.1:9/hooks/abcdefghijklmnopqrstuvwxyz").build();
  }

  @Benchmark
  public int split() {
    return client.postsFor(text);
  }
}
