package org.commandcenter.benchmarks;

import java.util.concurrent.TimeUnit;
import org.commandcenter.mattermost.Post;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/** (a) What it costs to build and validate a typical failed-build alert, sanitising included. */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class BuildAlertBenchmark {
  private int buildNumber;

  @Benchmark
  public Post buildFailedBuildAlert() {
    return Alerts.failedBuild(++buildNumber);
  }
}
