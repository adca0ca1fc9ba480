package org.commandcenter.notifier.core;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/** Test results of a build (from the junit plugin), with what the regression rule needs of the previous build. */
public final class TestSummary {
  private final int total;
  private final int failed;
  private final int skipped;
  private final List<String> failedTests;
  private final List<String> previousFailedTests;
  private final Integer previousFailedCount;

  private TestSummary(Builder builder) {
    this.total = builder.total;
    this.failed = builder.failed;
    this.skipped = builder.skipped;
    this.failedTests = Collections.unmodifiableList(new ArrayList<>(builder.failedTests));
    this.previousFailedTests =
        builder.previousFailedTests == null
            ? null
            : Collections.unmodifiableList(new ArrayList<>(builder.previousFailedTests));
    this.previousFailedCount = builder.previousFailedCount;
  }

  public static Builder builder() {
    return new Builder();
  }

  public Builder newBuilder() {
    return new Builder(this);
  }

  public int total() {
    return total;
  }

  public int failed() {
    return failed;
  }

  public int skipped() {
    return skipped;
  }

  public int passed() {
    return total - failed - skipped;
  }

  /** Names of the failing tests, in report order (possibly only the first ones). */
  public List<String> failedTests() {
    return failedTests;
  }

  /** Failing test names of the previous completed build, or null when unknown. */
  public List<String> previousFailedTests() {
    return previousFailedTests;
  }

  /** Failed count of the previous completed build, or null when unknown. */
  public Integer previousFailedCount() {
    if (previousFailedCount != null) {
      return previousFailedCount;
    }
    return previousFailedTests == null ? null : previousFailedTests.size();
  }

  /** Failing tests that were not failing in the previous build; empty when the previous names are unknown. */
  public List<String> newlyFailingTests() {
    if (previousFailedTests == null) {
      return List.of();
    }
    Set<String> before = new HashSet<>(previousFailedTests);
    List<String> result = new ArrayList<>();
    for (String name : failedTests) {
      if (!before.contains(name)) {
        result.add(name);
      }
    }
    return result;
  }

  /** The "more or different failing tests" half of the regression rule. */
  public boolean isWorseThanPrevious() {
    Integer before = previousFailedCount();
    if (before != null && failed > before) {
      return true;
    }
    return !newlyFailingTests().isEmpty();
  }

  @Override
  public boolean equals(Object other) {
    if (!(other instanceof TestSummary)) {
      return false;
    }
    TestSummary that = (TestSummary) other;
    return total == that.total
        && failed == that.failed
        && skipped == that.skipped
        && failedTests.equals(that.failedTests)
        && Objects.equals(previousFailedTests, that.previousFailedTests)
        && Objects.equals(previousFailedCount, that.previousFailedCount);
  }

  @Override
  public int hashCode() {
    return Objects.hash(total, failed, skipped, failedTests, previousFailedTests, previousFailedCount);
  }

  @Override
  public String toString() {
    return "TestSummary{total=" + total + ", failed=" + failed + ", skipped=" + skipped + "}";
  }

  public static final class Builder {
    private int total;
    private int failed;
    private int skipped;
    private List<String> failedTests = List.of();
    private List<String> previousFailedTests;
    private Integer previousFailedCount;

    Builder() {}

    Builder(TestSummary summary) {
      this.total = summary.total;
      this.failed = summary.failed;
      this.skipped = summary.skipped;
      this.failedTests = summary.failedTests;
      this.previousFailedTests = summary.previousFailedTests;
      this.previousFailedCount = summary.previousFailedCount;
    }

    public Builder total(int total) {
      this.total = total;
      return this;
    }

    public Builder failed(int failed) {
      this.failed = failed;
      return this;
    }

    public Builder skipped(int skipped) {
      this.skipped = skipped;
      return this;
    }

    public Builder failedTests(List<String> failedTests) {
      requireNonNull(failedTests, "failedTests == null");
      this.failedTests = List.copyOf(failedTests);
      return this;
    }

    /** Null means unknown. */
    public Builder previousFailedTests(List<String> previousFailedTests) {
      this.previousFailedTests = previousFailedTests == null ? null : List.copyOf(previousFailedTests);
      return this;
    }

    /** Null means unknown (then the size of previousFailedTests is used, if known). */
    public Builder previousFailedCount(Integer previousFailedCount) {
      this.previousFailedCount = previousFailedCount;
      return this;
    }

    /** @throws IllegalArgumentException naming the field when counts are inconsistent. */
    public TestSummary build() {
      if (total < 0) {
        throw Checks.invalid("total", "must be >= 0");
      }
      if (failed < 0) {
        throw Checks.invalid("failed", "must be >= 0");
      }
      if (skipped < 0) {
        throw Checks.invalid("skipped", "must be >= 0");
      }
      if (failed + skipped > total) {
        throw Checks.invalid("total", "must be at least failed + skipped (" + (failed + skipped) + ")");
      }
      if (previousFailedCount != null && previousFailedCount < 0) {
        throw Checks.invalid("previousFailedCount", "must be >= 0");
      }
      return new TestSummary(this);
    }
  }
}
