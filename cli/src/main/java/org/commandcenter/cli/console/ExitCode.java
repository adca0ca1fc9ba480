package org.commandcenter.cli.console;

/**
 * The process exit codes of {@code command-center}. Scripts and CI jobs branch on these, so they are
 * part of the public contract (docs/cli.md) and never renumbered.
 */
public final class ExitCode {
  /** Delivered, printed or all checks passed. */
  public static final int OK = 0;
  /** Delivery failed after the retries (network, server error, rate limit), or a doctor check failed. */
  public static final int FAILED = 1;
  /** Bad command line or invalid message (the error names the option or field). */
  public static final int USAGE = 2;
  /** Token or webhook rejected, or the bot lacks a permission (HTTP 401/403). */
  public static final int AUTH = 3;
  /** Team, channel, thread or webhook not found (HTTP 404). */
  public static final int NOT_FOUND = 4;
  /** TLS failed: certificate not trusted, name mismatch or expired; run {@code command-center doctor}. */
  public static final int TLS = 5;

  private ExitCode() {}
}
