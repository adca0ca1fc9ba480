package org.commandcenter.mattermost;

import static java.util.Objects.requireNonNull;

import java.time.Duration;

/**
 * How a send is retried: exponential backoff with jitter on I/O errors, 5xx and 429, bounded by a
 * number of attempts and by one overall deadline for the whole send (every attempt and wait).
 */
public final class RetryPolicy {
  private static final RetryPolicy DEFAULTS = builder().build();

  private final int maxAttempts;
  private final Duration initialBackoff;
  private final Duration maxBackoff;
  private final double multiplier;
  private final double jitter;
  private final Duration deadline;

  private RetryPolicy(Builder builder) {
    this.maxAttempts = builder.maxAttempts;
    this.initialBackoff = builder.initialBackoff;
    this.maxBackoff = builder.maxBackoff;
    this.multiplier = builder.multiplier;
    this.jitter = builder.jitter;
    this.deadline = builder.deadline;
  }

  /** 5 attempts, 500 ms doubling up to 15 s, ±50 % jitter, 60 s per send. */
  public static RetryPolicy defaults() {
    return DEFAULTS;
  }

  /** A single attempt, with the given deadline. */
  public static RetryPolicy noRetries(Duration deadline) {
    return builder().maxAttempts(1).deadline(deadline).build();
  }

  public static Builder builder() {
    return new Builder();
  }

  public Builder newBuilder() {
    return new Builder(this);
  }

  public int maxAttempts() {
    return maxAttempts;
  }

  public Duration initialBackoff() {
    return initialBackoff;
  }

  public Duration maxBackoff() {
    return maxBackoff;
  }

  public double multiplier() {
    return multiplier;
  }

  /** Fraction of each backoff that is randomised: 0 = none, 0.5 = the wait is 50–100 % of it. */
  public double jitter() {
    return jitter;
  }

  public Duration deadline() {
    return deadline;
  }

  /**
   * The wait before retry number {@code retry} (1 = first retry), given a uniform random number in
   * [0, 1).
   */
  long backoffMillis(int retry, double random) {
    double base = initialBackoff.toMillis() * Math.pow(multiplier, Math.max(0, retry - 1));
    double capped = Math.min(base, maxBackoff.toMillis());
    return Math.round(capped * (1.0 - jitter * random));
  }

  @Override
  public String toString() {
    return "RetryPolicy{maxAttempts=" + maxAttempts + ", initialBackoff=" + initialBackoff
        + ", maxBackoff=" + maxBackoff + ", multiplier=" + multiplier + ", jitter=" + jitter
        + ", deadline=" + deadline + "}";
  }

  public static final class Builder {
    private int maxAttempts = 5;
    private Duration initialBackoff = Duration.ofMillis(500);
    private Duration maxBackoff = Duration.ofSeconds(15);
    private double multiplier = 2.0;
    private double jitter = 0.5;
    private Duration deadline = Duration.ofSeconds(60);

    Builder() {}

    Builder(RetryPolicy policy) {
      this.maxAttempts = policy.maxAttempts;
      this.initialBackoff = policy.initialBackoff;
      this.maxBackoff = policy.maxBackoff;
      this.multiplier = policy.multiplier;
      this.jitter = policy.jitter;
      this.deadline = policy.deadline;
    }

    /** Total attempts including the first; 1 disables retries. */
    public Builder maxAttempts(int maxAttempts) {
      if (maxAttempts < 1) {
        throw Checks.invalid("maxAttempts", "must be at least 1");
      }
      this.maxAttempts = maxAttempts;
      return this;
    }

    public Builder initialBackoff(Duration initialBackoff) {
      requireNonNull(initialBackoff, "initialBackoff == null");
      if (initialBackoff.isNegative()) {
        throw Checks.invalid("initialBackoff", "must not be negative");
      }
      this.initialBackoff = initialBackoff;
      return this;
    }

    public Builder maxBackoff(Duration maxBackoff) {
      requireNonNull(maxBackoff, "maxBackoff == null");
      if (maxBackoff.isNegative()) {
        throw Checks.invalid("maxBackoff", "must not be negative");
      }
      this.maxBackoff = maxBackoff;
      return this;
    }

    public Builder multiplier(double multiplier) {
      if (!(multiplier >= 1.0) || Double.isInfinite(multiplier)) {
        throw Checks.invalid("multiplier", "must be at least 1.0");
      }
      this.multiplier = multiplier;
      return this;
    }

    public Builder jitter(double jitter) {
      if (!(jitter >= 0.0 && jitter <= 1.0)) {
        throw Checks.invalid("jitter", "must be between 0.0 and 1.0");
      }
      this.jitter = jitter;
      return this;
    }

    /** The most one send may take, all attempts and waits included. */
    public Builder deadline(Duration deadline) {
      requireNonNull(deadline, "deadline == null");
      if (deadline.isNegative() || deadline.isZero()) {
        throw Checks.invalid("deadline", "must be positive");
      }
      this.deadline = deadline;
      return this;
    }

    public RetryPolicy build() {
      if (maxBackoff.compareTo(initialBackoff) < 0) {
        throw Checks.invalid("maxBackoff", "must not be less than initialBackoff");
      }
      return new RetryPolicy(this);
    }
  }
}
