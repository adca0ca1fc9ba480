package org.commandcenter.sonar.mattermost;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/** When an analysis is worth an alert. */
public enum NotifyMode {
  /** Every analysis whose quality gate fails. */
  FAILED("failed"),
  /** Only when the gate status differs from the previous analysis of the same branch or pull request. */
  CHANGES("changes"),
  /** Every analysis. */
  ALWAYS("always");

  private final String value;

  NotifyMode(String value) {
    this.value = value;
  }

  public String value() {
    return value;
  }

  static List<String> optionValues() {
    return Arrays.stream(values()).map(NotifyMode::value).toList();
  }

  static NotifyMode parse(String field, String text) {
    String normalized = text.trim().toLowerCase(Locale.ROOT);
    for (NotifyMode mode : values()) {
      if (mode.value.equals(normalized)) {
        return mode;
      }
    }
    throw new IllegalArgumentException(field + ": expected one of " + optionValues() + " but was '" + text + "'");
  }
}
