package org.commandcenter.cli.doctor;

import java.util.Locale;

/** The outcome of one doctor check. Only {@link #FAIL} makes {@code doctor} exit non-zero. */
public enum CheckStatus {
  PASS("✔"),
  /** Works, but something will bite later (a private relayed address, a certificate about to expire). */
  WARN("⚠"),
  FAIL("✘"),
  /** Not run: not configured, or a check it depends on failed. */
  SKIP("–");

  private final String symbol;

  CheckStatus(String symbol) {
    this.symbol = symbol;
  }

  public String symbol() {
    return symbol;
  }

  public String jsonName() {
    return name().toLowerCase(Locale.ROOT);
  }
}
