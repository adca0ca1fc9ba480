package org.commandcenter.jenkins.mattermost;

import hudson.model.Run;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The last lines of finished builds' logs, kept a short while. A Pipeline's {@code WorkflowRun.getLog(int)} reads the
 * whole log to find its end (workflow-job {@code WorkflowRun.java}), so when an alert lands and several people click
 * "Show log" at once, only the first click reads it. Running builds are always read afresh. The caller has checked
 * the asker's Job/Read before it asks; the lines are masked as the build log is.
 */
final class RecentLogTails {
  static final Duration KEEP = Duration.ofSeconds(30);
  static final int MAX_ENTRIES = 16;

  private final Clock clock;
  private final Map<String, Entry> entries = new LinkedHashMap<>(MAX_ENTRIES, 0.75f, true) {
    @Override
    protected boolean removeEldestEntry(Map.Entry<String, Entry> eldest) {
      return size() > MAX_ENTRIES;
    }
  };

  RecentLogTails(Clock clock) {
    this.clock = clock;
  }

  List<String> tail(Run<?, ?> run, int maxLines) throws IOException {
    if (run.isBuilding()) {
      return run.getLog(maxLines);
    }
    String key = run.getExternalizableId() + "@" + maxLines;
    Instant now = clock.instant();
    synchronized (entries) {
      Entry entry = entries.get(key);
      if (entry != null && entry.until.isAfter(now)) {
        return entry.lines;
      }
    }
    List<String> lines = List.copyOf(run.getLog(maxLines));
    synchronized (entries) {
      entries.put(key, new Entry(lines, now.plus(KEEP)));
    }
    return lines;
  }

  private record Entry(List<String> lines, Instant until) {}
}
