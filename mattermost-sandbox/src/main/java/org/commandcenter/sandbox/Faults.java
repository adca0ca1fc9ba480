package org.commandcenter.sandbox;

import static java.util.Objects.requireNonNull;

import java.time.Duration;

/**
 * Fault switches for tests. Each counted fault applies to the next {@code n} requests that reach a Mattermost
 * route ({@code /hooks}, {@code /api/v4}, {@code /plugins}); the inbox and {@code /_sandbox} endpoints are never
 * faulted. Thread-safe; switch per test and {@link #clear()} afterwards.
 */
public final class Faults {
  /** Called by the sandbox to close or reopen its listener. */
  interface Switch {
    void down();

    void up();
  }

  private Switch listener;
  private boolean down;
  private int serverErrors;
  private int serverErrorStatus = 503;
  private int tooManyRequests;
  private int retryAfterSeconds = 1;
  private int resets;
  private int losses;
  private int slowCount;
  private Duration slowDelay = Duration.ZERO;
  private int applied;

  Faults() {
  }

  synchronized void attach(Switch listener) {
    this.listener = listener;
  }

  /** Closes the listening socket: clients get "connection refused" until {@link #up()}. */
  public Faults down() {
    Switch target;
    synchronized (this) {
      if (down) return this;
      down = true;
      target = listener;
    }
    if (target != null) target.down();
    return this;
  }

  /** Listens again on the same port. */
  public Faults up() {
    Switch target;
    synchronized (this) {
      if (!down) return this;
      down = false;
      target = listener;
    }
    if (target != null) target.up();
    return this;
  }

  public synchronized boolean isDown() {
    return down;
  }

  /** Delays every following response by {@code delay} (before the request is processed). */
  public Faults slow(Duration delay) {
    return slow(Integer.MAX_VALUE, delay);
  }

  /** Delays the next {@code n} responses by {@code delay} (before the request is processed). */
  public synchronized Faults slow(int n, Duration delay) {
    requireNonNull(delay, "delay == null");
    if (n < 0) throw new IllegalArgumentException("n: must be >= 0 but was " + n);
    if (delay.isNegative()) throw new IllegalArgumentException("delay: must not be negative but was " + delay);
    this.slowCount = n;
    this.slowDelay = delay;
    return this;
  }

  /** The next {@code n} requests get Mattermost's 503 {@code api.context.server_busy.app_error}; nothing is stored. */
  public Faults serverErrors(int n) {
    return serverErrors(n, 503);
  }

  /**
   * The next {@code n} requests fail with {@code status} and nothing is stored: 500/503 carry Mattermost's AppError
   * JSON, other codes (502, 504) the plain-text body a reverse proxy sends.
   */
  public synchronized Faults serverErrors(int n, int status) {
    if (n < 0) throw new IllegalArgumentException("n: must be >= 0 but was " + n);
    if (status < 500 || status > 599) throw new IllegalArgumentException("status: must be 5xx but was " + status);
    this.serverErrors = n;
    this.serverErrorStatus = status;
    return this;
  }

  /** The next {@code n} requests get 429 {@code limit exceeded} with {@code Retry-After}; nothing is stored. */
  public synchronized Faults tooManyRequests(int n, int retryAfterSeconds) {
    if (n < 0) throw new IllegalArgumentException("n: must be >= 0 but was " + n);
    if (retryAfterSeconds < 0) {
      throw new IllegalArgumentException("retryAfterSeconds: must be >= 0 but was " + retryAfterSeconds);
    }
    this.tooManyRequests = n;
    this.retryAfterSeconds = retryAfterSeconds;
    return this;
  }

  /** The next {@code n} requests are processed (posts stored), then the response body is cut off and the connection closed. */
  public synchronized Faults resetMidResponse(int n) {
    if (n < 0) throw new IllegalArgumentException("n: must be >= 0 but was " + n);
    this.resets = n;
    return this;
  }

  /** The next {@code n} requests are processed (posts stored), then the connection is closed without any response. */
  public synchronized Faults loseResponseAfterStore(int n) {
    if (n < 0) throw new IllegalArgumentException("n: must be >= 0 but was " + n);
    this.losses = n;
    return this;
  }

  /** Switches every fault off (and brings the listener back up). */
  public Faults clear() {
    synchronized (this) {
      serverErrors = 0;
      tooManyRequests = 0;
      resets = 0;
      losses = 0;
      slowCount = 0;
      slowDelay = Duration.ZERO;
    }
    return up();
  }

  /** How many requests a fault was applied to since the sandbox started. */
  public synchronized int applied() {
    return applied;
  }

  /** Takes the faults for one request. */
  synchronized Plan next() {
    Duration delay = Duration.ZERO;
    if (slowCount > 0) {
      if (slowCount != Integer.MAX_VALUE) slowCount--;
      delay = slowDelay;
    }
    Plan plan;
    if (serverErrors > 0) {
      serverErrors--;
      plan = new Plan(delay, serverErrorStatus, 0, Plan.Ending.NORMAL);
    } else if (tooManyRequests > 0) {
      tooManyRequests--;
      plan = new Plan(delay, 429, retryAfterSeconds, Plan.Ending.NORMAL);
    } else if (resets > 0) {
      resets--;
      plan = new Plan(delay, 0, 0, Plan.Ending.RESET_MID_RESPONSE);
    } else if (losses > 0) {
      losses--;
      plan = new Plan(delay, 0, 0, Plan.Ending.LOSE_RESPONSE);
    } else {
      plan = new Plan(delay, 0, 0, Plan.Ending.NORMAL);
    }
    if (plan.isFault()) applied++;
    return plan;
  }

  /** What to do to one request. */
  static final class Plan {
    enum Ending { NORMAL, RESET_MID_RESPONSE, LOSE_RESPONSE }

    final Duration delay;
    final int failWithStatus;
    final int retryAfterSeconds;
    final Ending ending;

    Plan(Duration delay, int failWithStatus, int retryAfterSeconds, Ending ending) {
      this.delay = delay;
      this.failWithStatus = failWithStatus;
      this.retryAfterSeconds = retryAfterSeconds;
      this.ending = ending;
    }

    boolean isFault() {
      return !delay.isZero() || failWithStatus != 0 || ending != Ending.NORMAL;
    }
  }
}
