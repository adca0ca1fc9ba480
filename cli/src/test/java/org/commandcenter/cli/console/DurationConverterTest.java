package org.commandcenter.cli.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import picocli.CommandLine.TypeConversionException;

class DurationConverterTest {
  private final DurationConverter converter = new DurationConverter();

  @Test
  void readsDurationsAsPeopleWriteThem() {
    assertThat(converter.convert("500ms")).hasMillis(500);
    assertThat(converter.convert("30s")).hasSeconds(30);
    assertThat(converter.convert("2m")).hasMinutes(2);
    assertThat(converter.convert("45")).hasSeconds(45);
    assertThat(converter.convert("PT1H")).hasHours(1);
  }

  @Test
  void explainsWhatItExpects() {
    assertThatThrownBy(() -> converter.convert("soon")).isInstanceOf(TypeConversionException.class)
        .hasMessageContaining("examples: 500ms, 30s, 2m, 1h");
  }
}
