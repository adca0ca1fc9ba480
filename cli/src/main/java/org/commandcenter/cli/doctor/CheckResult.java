package org.commandcenter.cli.doctor;

import static java.util.Objects.requireNonNull;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/** One line of the doctor's report: what was checked, how it went, and the fix when it did not pass. */
public final class CheckResult {
  private final String id;
  private final String title;
  private final CheckStatus status;
  private final String detail;
  private final String fix;
  private final Map<String, Object> facts;

  private CheckResult(String id, String title, CheckStatus status, String detail, String fix, Map<String, Object> facts) {
    this.id = requireNonNull(id, "id == null");
    this.title = requireNonNull(title, "title == null");
    this.status = requireNonNull(status, "status == null");
    this.detail = detail == null ? "" : detail;
    this.fix = fix == null ? "" : fix;
    this.facts = Collections.unmodifiableMap(new LinkedHashMap<>(facts));
  }

  private CheckResult(String id, String title, CheckStatus status, String detail, String fix) {
    this(id, title, status, detail, fix, Map.of());
  }

  /**
   * This result with machine-readable findings for {@code --json} (e.g. a TURN check's diagnosis,
   * STUN error code and relayed address); values are strings, numbers, booleans or lists of them.
   */
  public CheckResult withFacts(Map<String, ?> facts) {
    requireNonNull(facts, "facts == null");
    return new CheckResult(id, title, status, detail, fix, new LinkedHashMap<>(facts));
  }

  public static CheckResult pass(String id, String title, String detail) {
    return new CheckResult(id, title, CheckStatus.PASS, detail, "");
  }

  public static CheckResult warn(String id, String title, String detail, String fix) {
    return new CheckResult(id, title, CheckStatus.WARN, detail, fix);
  }

  public static CheckResult fail(String id, String title, String detail, String fix) {
    return new CheckResult(id, title, CheckStatus.FAIL, detail, fix);
  }

  public static CheckResult skip(String id, String title, String reason) {
    return new CheckResult(id, title, CheckStatus.SKIP, reason, "");
  }

  /** Stable machine name, e.g. {@code tls}, {@code channel:builds}, {@code turn:udp}. */
  public String id() {
    return id;
  }

  public String title() {
    return title;
  }

  public CheckStatus status() {
    return status;
  }

  public String detail() {
    return detail;
  }

  /** What to change; empty when the check passed. */
  public String fix() {
    return fix;
  }

  /** Machine-readable findings, in insertion order; empty for most checks. */
  public Map<String, Object> facts() {
    return facts;
  }

  public boolean passed() {
    return status == CheckStatus.PASS || status == CheckStatus.WARN;
  }

  @Override
  public String toString() {
    return status.symbol() + " " + id + ": " + detail;
  }
}
