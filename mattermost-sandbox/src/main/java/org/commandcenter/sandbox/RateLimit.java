package org.commandcenter.sandbox;

/**
 * Mattermost's {@code RateLimitSettings} as far as the sandbox needs them: requests per second and burst,
 * varied by the client's IP address (the server's default, {@code VaryByRemoteAddr=true}).
 */
public final class RateLimit {
  private final int perSec;
  private final int maxBurst;

  private RateLimit(int perSec, int maxBurst) {
    if (perSec <= 0) throw new IllegalArgumentException("perSec: must be > 0 but was " + perSec);
    if (maxBurst < 0) throw new IllegalArgumentException("maxBurst: must be >= 0 but was " + maxBurst);
    this.perSec = perSec;
    this.maxBurst = maxBurst;
  }

  /** Mattermost's defaults are {@code of(10, 100)}. */
  public static RateLimit of(int perSec, int maxBurst) {
    return new RateLimit(perSec, maxBurst);
  }

  public int perSec() {
    return perSec;
  }

  public int maxBurst() {
    return maxBurst;
  }

  @Override
  public String toString() {
    return "RateLimit{perSec=" + perSec + ", maxBurst=" + maxBurst + "}";
  }
}
