package org.commandcenter.notifier.core;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * What the notifier knows about one build, taken from Jenkins by the adapter. Workspace independent: everything
 * (log tail, test names) is already read, so the core never touches Jenkins objects.
 */
public final class BuildFacts {
  /** How many earlier completed results the adapter should pass in {@link Builder#previousResults}. */
  public static final int HISTORY_DEPTH = 10;

  private final String jobName;
  private final String jobDisplayName;
  private final String jobUrl;
  private final int buildNumber;
  private final String buildDisplayName;
  private final String buildUrl;
  private final BuildResult result;
  private final List<BuildResult> previousResults;
  private final Instant startTime;
  private final Duration duration;
  private final List<String> causes;
  private final List<Change> changes;
  private final String branch;
  private final Boolean mainLine;
  private final TestSummary testSummary;
  private final List<String> logTail;

  private BuildFacts(Builder builder) {
    this.jobName = builder.jobName;
    this.jobDisplayName = builder.jobDisplayName != null ? builder.jobDisplayName : builder.jobName;
    this.jobUrl = builder.jobUrl;
    this.buildNumber = builder.buildNumber;
    this.buildDisplayName =
        builder.buildDisplayName != null ? builder.buildDisplayName : "#" + builder.buildNumber;
    this.buildUrl = builder.buildUrl;
    this.result = builder.result;
    this.previousResults = builder.previousResults;
    this.startTime = builder.startTime;
    this.duration = builder.duration;
    this.causes = builder.causes;
    this.changes = builder.changes;
    this.branch = builder.branch;
    this.mainLine = builder.mainLine;
    this.testSummary = builder.testSummary;
    this.logTail = builder.logTail;
  }

  public static Builder builder() {
    return new Builder();
  }

  public Builder newBuilder() {
    return new Builder(this);
  }

  public String jobName() {
    return jobName;
  }

  public String jobDisplayName() {
    return jobDisplayName;
  }

  public String jobUrl() {
    return jobUrl;
  }

  public int buildNumber() {
    return buildNumber;
  }

  public String buildDisplayName() {
    return buildDisplayName;
  }

  public String buildUrl() {
    return buildUrl;
  }

  /** Null while the build is running. */
  public BuildResult result() {
    return result;
  }

  public boolean isRunning() {
    return result == null;
  }

  /** Results of earlier completed builds, most recent first. */
  public List<BuildResult> previousResults() {
    return previousResults;
  }

  /** Result of the most recent earlier build that was neither aborted nor not built, or null. */
  public BuildResult previousNonAbortedResult() {
    for (BuildResult previous : previousResults) {
      if (previous.isConclusive()) {
        return previous;
      }
    }
    return null;
  }

  public Instant startTime() {
    return startTime;
  }

  /** Null while running. */
  public Duration duration() {
    return duration;
  }

  public List<String> causes() {
    return causes;
  }

  public List<Change> changes() {
    return changes;
  }

  public String branch() {
    return branch;
  }

  /** As set by the adapter; null means "decide from the branch name", see {@link #isMainLine}. */
  public Boolean mainLine() {
    return mainLine;
  }

  /**
   * Whether this build is on the main line: as the adapter said, or else the branch is one of
   * {@link NotifyConfig#mainBranches()}; a job without a branch (freestyle) counts as the main line.
   */
  public boolean isMainLine(NotifyConfig config) {
    requireNonNull(config, "config == null");
    if (mainLine != null) {
      return mainLine;
    }
    if (branch == null) {
      return true;
    }
    String name = branch;
    if (name.startsWith("origin/")) {
      name = name.substring("origin/".length());
    } else if (name.startsWith("refs/heads/")) {
      name = name.substring("refs/heads/".length());
    }
    return config.mainBranches().contains(name);
  }

  /** Null when the build has no test results. */
  public TestSummary testSummary() {
    return testSummary;
  }

  public List<String> logTail() {
    return logTail;
  }

  @Override
  public boolean equals(Object other) {
    if (!(other instanceof BuildFacts)) {
      return false;
    }
    BuildFacts that = (BuildFacts) other;
    return buildNumber == that.buildNumber
        && jobName.equals(that.jobName)
        && jobDisplayName.equals(that.jobDisplayName)
        && Objects.equals(jobUrl, that.jobUrl)
        && buildDisplayName.equals(that.buildDisplayName)
        && Objects.equals(buildUrl, that.buildUrl)
        && result == that.result
        && previousResults.equals(that.previousResults)
        && Objects.equals(startTime, that.startTime)
        && Objects.equals(duration, that.duration)
        && causes.equals(that.causes)
        && changes.equals(that.changes)
        && Objects.equals(branch, that.branch)
        && Objects.equals(mainLine, that.mainLine)
        && Objects.equals(testSummary, that.testSummary)
        && logTail.equals(that.logTail);
  }

  @Override
  public int hashCode() {
    return Objects.hash(jobName, buildNumber, result, previousResults, branch);
  }

  @Override
  public String toString() {
    return "BuildFacts{" + jobName + " #" + buildNumber + ", result=" + result + "}";
  }

  public static final class Builder {
    private String jobName;
    private String jobDisplayName;
    private String jobUrl;
    private int buildNumber;
    private String buildDisplayName;
    private String buildUrl;
    private BuildResult result;
    private List<BuildResult> previousResults = List.of();
    private Instant startTime;
    private Duration duration;
    private List<String> causes = List.of();
    private List<Change> changes = List.of();
    private String branch;
    private Boolean mainLine;
    private TestSummary testSummary;
    private List<String> logTail = List.of();

    Builder() {}

    Builder(BuildFacts facts) {
      this.jobName = facts.jobName;
      this.jobDisplayName = facts.jobDisplayName;
      this.jobUrl = facts.jobUrl;
      this.buildNumber = facts.buildNumber;
      this.buildDisplayName = facts.buildDisplayName;
      this.buildUrl = facts.buildUrl;
      this.result = facts.result;
      this.previousResults = facts.previousResults;
      this.startTime = facts.startTime;
      this.duration = facts.duration;
      this.causes = facts.causes;
      this.changes = facts.changes;
      this.branch = facts.branch;
      this.mainLine = facts.mainLine;
      this.testSummary = facts.testSummary;
      this.logTail = facts.logTail;
    }

    /** Required: the job's full name, e.g. {@code team/app/main}. */
    public Builder jobName(String jobName) {
      this.jobName = jobName;
      return this;
    }

    public Builder jobDisplayName(String jobDisplayName) {
      this.jobDisplayName = Checks.emptyToNull(jobDisplayName);
      return this;
    }

    /** Absolute URL of the job, or null when Jenkins' root URL is not configured. */
    public Builder jobUrl(String jobUrl) {
      this.jobUrl = Checks.emptyToNull(jobUrl);
      return this;
    }

    /** Required, at least 1. */
    public Builder buildNumber(int buildNumber) {
      this.buildNumber = buildNumber;
      return this;
    }

    public Builder buildDisplayName(String buildDisplayName) {
      this.buildDisplayName = Checks.emptyToNull(buildDisplayName);
      return this;
    }

    public Builder buildUrl(String buildUrl) {
      this.buildUrl = Checks.emptyToNull(buildUrl);
      return this;
    }

    /** Null while running. */
    public Builder result(BuildResult result) {
      this.result = result;
      return this;
    }

    /** Results of earlier completed builds, most recent first; only the first {@link #HISTORY_DEPTH} are kept. */
    public Builder previousResults(List<BuildResult> previousResults) {
      requireNonNull(previousResults, "previousResults == null");
      List<BuildResult> copy = List.copyOf(previousResults);
      this.previousResults = copy.size() > HISTORY_DEPTH ? copy.subList(0, HISTORY_DEPTH) : copy;
      return this;
    }

    /** Convenience for a single previous completed build; null means there was none. */
    public Builder previousResult(BuildResult previousResult) {
      this.previousResults = previousResult == null ? List.of() : List.of(previousResult);
      return this;
    }

    public Builder startTime(Instant startTime) {
      this.startTime = startTime;
      return this;
    }

    public Builder duration(Duration duration) {
      this.duration = duration;
      return this;
    }

    public Builder causes(List<String> causes) {
      requireNonNull(causes, "causes == null");
      this.causes = List.copyOf(causes);
      return this;
    }

    public Builder changes(List<Change> changes) {
      requireNonNull(changes, "changes == null");
      this.changes = List.copyOf(changes);
      return this;
    }

    public Builder branch(String branch) {
      this.branch = Checks.emptyToNull(branch);
      return this;
    }

    public Builder mainLine(Boolean mainLine) {
      this.mainLine = mainLine;
      return this;
    }

    public Builder testSummary(TestSummary testSummary) {
      this.testSummary = testSummary;
      return this;
    }

    /** The last lines of the console log, plain text (console notes already stripped). */
    public Builder logTail(List<String> logTail) {
      requireNonNull(logTail, "logTail == null");
      this.logTail = List.copyOf(logTail);
      return this;
    }

    /** @throws IllegalArgumentException naming the field, e.g. {@code buildNumber: must be >= 1}. */
    public BuildFacts build() {
      Checks.requireNotBlank("jobName", jobName);
      if (buildNumber < 1) {
        throw Checks.invalid("buildNumber", "must be >= 1");
      }
      Checks.requireHttpUrlOrNull("jobUrl", jobUrl);
      Checks.requireHttpUrlOrNull("buildUrl", buildUrl);
      if (duration != null && duration.isNegative()) {
        throw Checks.invalid("duration", "must not be negative");
      }
      return new BuildFacts(this);
    }
  }
}
