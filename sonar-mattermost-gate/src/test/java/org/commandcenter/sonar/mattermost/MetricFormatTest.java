package org.commandcenter.sonar.mattermost;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MetricFormatTest {

  @Test
  void namesCoreMetricsAsSonarQubeDoes() {
    assertThat(MetricFormat.of("new_coverage").name()).isEqualTo("Coverage on New Code");
    assertThat(MetricFormat.of("ncloc").name()).isEqualTo("Lines of Code");
    assertThat(MetricFormat.of("new_reliability_rating").name()).isEqualTo("Reliability Rating on New Code");
  }

  @Test
  void guessesNameAndTypeOfMetricsTheServerApiDoesNotKnow() {
    MetricFormat metric = MetricFormat.of("new_software_quality_maintainability_rating");

    assertThat(metric.name()).isEqualTo("Software quality maintainability rating on New Code");
    assertThat(metric.type()).isEqualTo("RATING");
    assertThat(metric.format("2")).isEqualTo("B");
    assertThat(MetricFormat.of("custom_density").format("12.345")).isEqualTo("12.3%");
    assertThat(MetricFormat.of("custom_remediation_effort").format("75")).isEqualTo("1h 15min");
    assertThat(MetricFormat.of("custom_count").format("7")).isEqualTo("7");
  }

  @Test
  void formatsPercentagesWithOneDecimal() {
    MetricFormat coverage = MetricFormat.of("new_coverage");

    assertThat(coverage.type()).isEqualTo("PERCENT");
    assertThat(coverage.format("45.25")).isEqualTo("45.3%");
    assertThat(coverage.format("80")).isEqualTo("80.0%");
    assertThat(coverage.requirement(false, "80")).isEqualTo("≥ 80.0%");
    assertThat(MetricFormat.of("new_duplicated_lines_density").requirement(true, "3")).isEqualTo("≤ 3.0%");
  }

  @Test
  void formatsRatingsAsLetters() {
    MetricFormat rating = MetricFormat.of("new_security_rating");

    assertThat(rating.type()).isEqualTo("RATING");
    assertThat(rating.format("1")).isEqualTo("A");
    assertThat(rating.format("3.0")).isEqualTo("C");
    assertThat(rating.format("5")).isEqualTo("E");
    assertThat(rating.requirement(true, "1")).isEqualTo("A");
    assertThat(rating.requirement(true, "2")).isEqualTo("B or better");
  }

  @Test
  void formatsCounts() {
    MetricFormat violations = MetricFormat.of("new_violations");

    assertThat(violations.type()).isEqualTo("INT");
    assertThat(violations.format("12")).isEqualTo("12");
    assertThat(violations.requirement(true, "0")).isEqualTo("≤ 0");
    assertThat(MetricFormat.of("ncloc").requirement(true, "5")).isEqualTo("≤ 5");
  }

  @Test
  void formatsTechnicalDebtInEightHourDays() {
    MetricFormat debt = MetricFormat.of("sqale_index");

    assertThat(debt.type()).isEqualTo("WORK_DUR");
    assertThat(debt.format("0")).isEqualTo("0min");
    assertThat(debt.format("45")).isEqualTo("45min");
    assertThat(debt.format("150")).isEqualTo("2h 30min");
    assertThat(debt.format("600")).isEqualTo("1d 2h");
    assertThat(debt.format("960")).isEqualTo("2d");
    assertThat(debt.requirement(true, "480")).isEqualTo("≤ 1d");
  }

  @Test
  void formatsDurationsInMilliseconds() {
    assertThat(MetricFormat.millis(850)).isEqualTo("850 ms");
    assertThat(MetricFormat.millis(1500)).isEqualTo("1.5 s");
    assertThat(MetricFormat.millis(125_000)).isEqualTo("2 min 5 s");
    assertThat(MetricFormat.millis(7_260_000)).isEqualTo("2 h 1 min");
    assertThat(MetricFormat.of("test_execution_time").format("1500")).isEqualTo("1.5 s");
  }

  @Test
  void formatsDecimalsLevelsAndBooleans() {
    assertThat(MetricFormat.of("complexity").format("12")).isEqualTo("12");
    assertThat(MetricFormat.of("file_complexity").format("3.456")).isEqualTo("3.46");
    assertThat(MetricFormat.of("alert_status").format("ERROR")).isEqualTo("Failed");
    assertThat(MetricFormat.of("alert_status").format("OK")).isEqualTo("Passed");
  }

  @Test
  void showsUnparseableValuesAsTheyAre() {
    assertThat(MetricFormat.of("new_coverage").format("n/a")).isEqualTo("n/a");
    assertThat(MetricFormat.of("new_security_rating").format("9")).isEqualTo("9");
    assertThat(MetricFormat.of("new_coverage").format(null)).isEqualTo("no value");
  }
}
