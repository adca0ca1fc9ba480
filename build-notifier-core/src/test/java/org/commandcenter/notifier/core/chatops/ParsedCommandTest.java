package org.commandcenter.notifier.core.chatops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

/** What {@code /jenkins} understands, and how it says what it does not. */
class ParsedCommandTest {
  @Test
  void readsABuildWithFolderedJobAndQuotedParameters() {
    ParsedCommand command = ParsedCommand.parse("build team/app/main VERSION=\"1.2 rc\" TARGET='eu west' "
        + "NOTE=\u201Csmart quotes\u201D EMPTY=");

    assertThat(command.kind()).isEqualTo(ParsedCommand.Kind.BUILD);
    assertThat(command.job()).isEqualTo("team/app/main");
    assertThat(command.parameters()).containsExactly(java.util.Map.entry("VERSION", "1.2 rc"),
        java.util.Map.entry("TARGET", "eu west"), java.util.Map.entry("NOTE", "smart quotes"),
        java.util.Map.entry("EMPTY", ""));
  }

  @Test
  void keepsJobNamesCaseSensitiveButNotTheSubcommand() {
    ParsedCommand command = ParsedCommand.parse("Status Team/App/Main");
    assertThat(command.kind()).isEqualTo(ParsedCommand.Kind.STATUS);
    assertThat(command.job()).isEqualTo("Team/App/Main");
  }

  @Test
  void readsBuildNumbersWithOrWithoutHash() {
    assertThat(ParsedCommand.parse("log team/app/main #42").number()).isEqualTo(42);
    assertThat(ParsedCommand.parse("abort team/app/main 7").number()).isEqualTo(7);
    assertThat(ParsedCommand.parse("abort /team/app/main/").job()).isEqualTo("team/app/main");
    assertThat(ParsedCommand.parse("abort team/app/main").number()).isZero();
    assertThat(ParsedCommand.parse("status").job()).isNull();
    assertThat(ParsedCommand.parse("").kind()).isEqualTo(ParsedCommand.Kind.HELP);
    assertThat(ParsedCommand.parse("  help ").kind()).isEqualTo(ParsedCommand.Kind.HELP);
  }

  @Test
  void explainsWhatItCannotRead() {
    assertThatThrownBy(() -> ParsedCommand.parse("build")).hasMessageStartingWith("build needs a job name");
    assertThatThrownBy(() -> ParsedCommand.parse("build app VERSION")).hasMessageContaining("NAME=value");
    assertThatThrownBy(() -> ParsedCommand.parse("build app A=1 A=2")).hasMessage("parameter A is given twice");
    assertThatThrownBy(() -> ParsedCommand.parse("build app A=\"1")).hasMessage("a quote (\") is not closed");
    assertThatThrownBy(() -> ParsedCommand.parse("log app #x")).hasMessage("'#x' is not a build number; write #42");
    assertThatThrownBy(() -> ParsedCommand.parse("log app #0")).hasMessageContaining("not a build number");
    assertThatThrownBy(() -> ParsedCommand.parse("log team//main")).hasMessageContaining("not a job name");
    assertThatThrownBy(() -> ParsedCommand.parse("biuld app")).hasMessage("there is no subcommand 'biuld'; "
        + "did you mean build?");
    assertThatThrownBy(() -> ParsedCommand.parse("status a b c")).hasMessage("status takes one job name at most");
  }

  @Test
  void suggestsOnlyNearNamesTheUserCanSee() {
    List<String> visible = List.of("team/app/main", "team/app/release", "team/web/main", "ops/deploy");
    assertThat(DidYouMean.suggest("team/app/mian", visible, 3)).containsExactly("team/app/main");
    assertThat(DidYouMean.suggest("Team/App/Main", visible, 3)).first().isEqualTo("team/app/main");
    assertThat(DidYouMean.suggest("main", visible, 3)).containsExactly("team/app/main", "team/web/main");
    assertThat(DidYouMean.suggest("payments", visible, 3)).isEmpty();
  }
}
