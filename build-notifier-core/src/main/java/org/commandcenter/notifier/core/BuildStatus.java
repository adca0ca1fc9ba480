package org.commandcenter.notifier.core;

import java.time.Duration;
import java.time.Instant;

/**
 * One build as {@code /jenkins status} reports it.
 *
 * @param result null while the build runs
 * @param duration null while the build runs
 * @param url the build's absolute URL, or null
 */
public record BuildStatus(String job, int number, BuildResult result, Instant started, Duration duration,
    String url) {
  public BuildStatus {
    Checks.requireNotBlank("job", job);
    if (number < 1) {
      throw Checks.invalid("number", "must be >= 1");
    }
    Checks.requireHttpUrlOrNull("url", url);
    url = Checks.emptyToNull(url);
  }

  public boolean isRunning() {
    return result == null;
  }
}
