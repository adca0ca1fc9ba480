package org.commandcenter.notifier.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class MessageTemplateTest {
  @Test
  void expandsBothVariableFormsLikeReplaceMacro() {
    assertThat(MessageTemplate.expand("$JOB_NAME #${BUILD_NUMBER} on ${env.NODE}",
        Map.of("JOB_NAME", "app", "BUILD_NUMBER", "42", "env.NODE", "agent1")))
        .isEqualTo("app #42 on agent1");
  }

  @Test
  void leavesUnknownVariablesAndDoubleDollarLikeJenkins() {
    assertThat(MessageTemplate.expand("$UNKNOWN ${ALSO} costs $$5 $a.b", Map.of("a", "x")))
        .isEqualTo("$UNKNOWN ${ALSO} costs $5 x.b");
  }

  @Test
  void substitutedValuesCannotPingOrInjectButTheTemplateCan() {
    assertThat(MessageTemplate.expand("@here branch $BRANCH_NAME", Map.of("BRANCH_NAME", "@channel [x](http://e)")))
        .isEqualTo("@here branch @\u2060channel \\[x\\](http\u2060://e)");
  }

  @Test
  void nullTemplateStaysNull() {
    assertThat(MessageTemplate.expand(null, Map.of())).isNull();
  }
}
