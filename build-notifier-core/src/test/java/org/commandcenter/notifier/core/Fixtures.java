package org.commandcenter.notifier.core;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Builds the facts of typical builds of the job "app » main". */
public final class Fixtures {
  public static final String JOB_URL = "https://ci.example.com/job/app/job/main/";
  public static final String BUILD_URL = "https://ci.example.com/job/app/job/main/42/";

  private Fixtures() {}

  public static BuildFacts.Builder build(BuildResult result, BuildResult... previous) {
    return BuildFacts.builder()
        .jobName("app/main")
        .jobDisplayName("app » main")
        .jobUrl(JOB_URL)
        .buildNumber(42)
        .buildUrl(BUILD_URL)
        .result(result)
        .previousResults(Arrays.asList(previous))
        .duration(result == null ? null : Duration.ofSeconds(192))
        .branch("main");
  }

  public static TestSummary tests(int total, List<String> failed, List<String> previousFailed) {
    return TestSummary.builder()
        .total(total)
        .failed(failed.size())
        .failedTests(failed)
        .previousFailedTests(previousFailed)
        .build();
  }

  public static List<String> lines(int count) {
    List<String> lines = new ArrayList<>();
    for (int i = 1; i <= count; i++) {
      lines.add("line " + i);
    }
    return lines;
  }
}
