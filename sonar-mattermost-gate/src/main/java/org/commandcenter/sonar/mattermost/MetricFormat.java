package org.commandcenter.sonar.mattermost;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Locale;
import org.sonar.api.measures.CoreMetrics;
import org.sonar.api.measures.Metric;

/**
 * Human-readable metric names and values. Names and types come from the running server's {@link CoreMetrics};
 * metrics it does not know (plugins', newer servers') get a name and type guessed from the key.
 */
public final class MetricFormat {

  /** SonarQube counts technical debt in 8-hour days. */
  private static final int MINUTES_PER_DAY = 8 * 60;

  private final String key;
  private final String name;
  private final String type;

  private MetricFormat(String key, String name, String type) {
    this.key = key;
    this.name = name;
    this.type = type;
  }

  public static MetricFormat of(String metricKey) {
    try {
      Metric<?> metric = CoreMetrics.getMetric(metricKey);
      // By name: value types differ between API versions.
      return new MetricFormat(metricKey, metric.getName(), metric.getType().name());
    } catch (RuntimeException e) { // NoSuchElementException: not a core metric
      return new MetricFormat(metricKey, nameFromKey(metricKey), typeFromKey(metricKey));
    }
  }

  public String key() {
    return key;
  }

  public String name() {
    return name;
  }

  /** The value type name, as {@code Metric.ValueType}: INT, FLOAT, PERCENT, RATING, WORK_DUR, MILLISEC, LEVEL … */
  public String type() {
    return type;
  }

  /** Formats a raw measure value; a value that does not parse is shown as it is. */
  public String format(String raw) {
    if (raw == null) {
      return "no value";
    }
    String value = raw.trim();
    try {
      switch (type) {
        case "PERCENT":
          return decimal(value, 1) + "%";
        case "RATING":
          return rating(value);
        case "INT":
          return new BigDecimal(value).setScale(0, RoundingMode.HALF_UP).toPlainString();
        case "FLOAT":
          return decimal(value, 2);
        case "WORK_DUR":
          return workDuration(Math.round(Double.parseDouble(value)));
        case "MILLISEC":
          return millis(Math.round(Double.parseDouble(value)));
        case "LEVEL":
          return level(value);
        case "BOOL":
          return Boolean.parseBoolean(value) ? "yes" : "no";
        default:
          return value;
      }
    } catch (NumberFormatException | ArithmeticException e) {
      return value;
    }
  }

  /**
   * What the condition requires, for a condition that fails when the value is greater ({@code greaterFails}) or
   * less than the threshold: "≤ 3.0%", "≥ 80.0%", "A", "B or better".
   */
  public String requirement(boolean greaterFails, String threshold) {
    String formatted = format(threshold);
    if ("RATING".equals(type) && greaterFails) {
      return "A".equals(formatted) ? "A" : formatted + " or better";
    }
    if ("RATING".equals(type)) {
      return formatted + " or worse";
    }
    return (greaterFails ? "≤ " : "≥ ") + formatted;
  }

  private static String decimal(String value, int scale) {
    BigDecimal number = new BigDecimal(value).setScale(scale, RoundingMode.HALF_UP);
    // Percentages keep their one decimal (80.0%), like SonarQube shows them; other decimals drop trailing zeros.
    return scale == 1 ? number.toPlainString() : number.stripTrailingZeros().toPlainString();
  }

  private static String rating(String value) {
    int rating = (int) Math.round(Double.parseDouble(value));
    if (rating < 1 || rating > 5) {
      return value;
    }
    return String.valueOf((char) ('A' + rating - 1));
  }

  /** Like SonarQube's own display: "1d 2h", "2h 5min", "5min" (minutes are dropped once there are days). */
  static String workDuration(long minutes) {
    if (minutes == 0) {
      return "0min";
    }
    long rest = Math.abs(minutes);
    long days = rest / MINUTES_PER_DAY;
    long hours = (rest % MINUTES_PER_DAY) / 60;
    long mins = rest % 60;
    java.util.List<String> parts = new java.util.ArrayList<>();
    if (days > 0) {
      parts.add(days + "d");
    }
    if (hours > 0) {
      parts.add(hours + "h");
    }
    if (mins > 0 && days == 0) {
      parts.add(mins + "min");
    }
    return (minutes < 0 ? "-" : "") + String.join(" ", parts);
  }

  static String millis(long millis) {
    if (Math.abs(millis) < 1000) {
      return millis + " ms";
    }
    if (Math.abs(millis) < 60_000) {
      return BigDecimal.valueOf(millis, 3).setScale(1, RoundingMode.HALF_UP).toPlainString() + " s";
    }
    long seconds = Math.round(millis / 1000.0);
    long minutes = seconds / 60;
    if (minutes < 60) {
      return minutes + " min " + (seconds % 60) + " s";
    }
    return (minutes / 60) + " h " + (minutes % 60) + " min";
  }

  private static String level(String value) {
    switch (value.toUpperCase(Locale.ROOT)) {
      case "OK":
        return "Passed";
      case "ERROR":
        return "Failed";
      case "WARN":
        return "Warning";
      default:
        return value;
    }
  }

  static String nameFromKey(String key) {
    boolean onNewCode = key.startsWith("new_");
    String base = onNewCode ? key.substring(4) : key;
    String words = base.replace('_', ' ').trim();
    if (words.isEmpty()) {
      return key;
    }
    String name = Character.toUpperCase(words.charAt(0)) + words.substring(1);
    return onNewCode ? name + " on New Code" : name;
  }

  static String typeFromKey(String key) {
    if (key.endsWith("_rating")) {
      return "RATING";
    }
    if (key.endsWith("_density") || key.endsWith("coverage") || key.endsWith("_percent")
        || key.endsWith("_reviewed") || key.contains("success_density")) {
      return "PERCENT";
    }
    if (key.endsWith("_remediation_effort") || key.equals("sqale_index") || key.endsWith("_technical_debt")
        || key.equals("new_technical_debt")) {
      return "WORK_DUR";
    }
    if (key.equals("alert_status")) {
      return "LEVEL";
    }
    return "FLOAT";
  }
}
