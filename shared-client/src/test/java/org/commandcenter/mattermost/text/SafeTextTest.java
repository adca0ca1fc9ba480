package org.commandcenter.mattermost.text;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class SafeTextTest {
  /**
   * The server's word split (server/channels/app/mention_parser_standard.go): words are runs of
   * letters, digits and : . - _ @; a word (after trimming leading : . - _) starting with @ mentions.
   */
  private static final Pattern SERVER_WORD = Pattern.compile("[\\p{L}\\p{N}:.\\-_@]+");

  private static boolean serverSeesMention(String text, String mention) {
    Matcher words = SERVER_WORD.matcher(text);
    while (words.find()) {
      String word = words.group().replaceFirst("^[:.\\-_]+", "");
      for (String part : word.split("[.\\-:]")) {
        if (part.equalsIgnoreCase(mention)) {
          return true;
        }
      }
      if (word.toLowerCase().startsWith(mention)) {
        return true;
      }
    }
    return false;
  }

  @Test
  void neutralizesChannelWideMentions() {
    for (String attack : List.of("@channel", "fix @here please", "(@all)", "_@channel", "x.@here", "@Channel!")) {
      String safe = SafeText.neutralize(attack);
      for (String mention : List.of("@channel", "@here", "@all")) {
        assertThat(serverSeesMention(safe, mention)).as(attack + " -> " + safe).isFalse();
      }
    }
  }

  @Test
  void neutralizesUserMentionsButKeepsEmailAddresses() {
    assertThat(serverSeesMention(SafeText.neutralize("thanks @alice"), "@alice")).isFalse();
    assertThat(SafeText.neutralize("mail bob@example.com")).isEqualTo("mail bob@example.com");
  }

  @Test
  void neutralizedTextReadsTheSame() {
    String safe = SafeText.neutralize("@channel");
    assertThat(safe.replace("\u2060", "")).isEqualTo("@channel");
  }

  @Test
  void escapesLinkImageAndHtmlInjection() {
    assertThat(SafeText.neutralize("[click](https://evil.example)")).isEqualTo("\\[click\\](https://evil.example)");
    assertThat(SafeText.neutralize("![x](https://evil.example/p.png)")).startsWith("!\\[x\\]");
    assertThat(SafeText.neutralize("<https://evil.example>")).isEqualTo("\\<https://evil.example>");
    assertThat(SafeText.neutralize("Build failed!")).isEqualTo("Build failed!");
    assertThat(SafeText.neutralize("&#64;channel")).startsWith("\\&");
  }

  @Test
  void escapesHeadingsTablesListsAndQuotes() {
    assertThat(SafeText.neutralize("# Owned")).isEqualTo("\\# Owned");
    assertThat(SafeText.neutralize("  ## Owned")).isEqualTo("  \\## Owned");
    assertThat(SafeText.neutralize("a | b\n---|---")).isEqualTo("a \\| b\n\\---\\|---");
    assertThat(SafeText.neutralize("> quote")).isEqualTo("\\> quote");
    assertThat(SafeText.neutralize("1. item")).isEqualTo("1\\. item");
    assertThat(SafeText.neutralize("- item")).isEqualTo("\\- item");
    assertThat(SafeText.neutralize("**bold** `code` ~~x~~")).isEqualTo("\\*\\*bold\\*\\* \\`code\\` \\~\\~x\\~\\~");
    assertThat(SafeText.neutralize("issue #42 fixed")).isEqualTo("issue #42 fixed");
  }

  @Test
  void codeBlockFenceCannotBeClosedByContent() {
    String block = SafeText.codeBlock("before\n```\n@channel\n````x");
    assertThat(block).startsWith("`````\n").endsWith("\n`````");
    assertThat(SafeText.codeBlock("plain")).isEqualTo("```\nplain\n```");
  }

  @Test
  void linkNeutralizesLabelAndKeepsUrlInsideParentheses() {
    assertThat(SafeText.link("feature/[x]", "https://ci.example/job/a b/(1)"))
        .isEqualTo("[feature/\\[x\\]](https://ci.example/job/a%20b/%281%29)");
    assertThatThrownBy(() -> SafeText.link("x", "javascript:alert(1)")).hasMessageStartingWith("url: ");
  }

  @Test
  void mentionsOnlyValidatedUserNames() {
    assertThat(Mentions.of(List.of("alice", "@Bob", "alice", "carol.d-e_f"))).isEqualTo("@alice @bob @carol.d-e_f");
    assertThat(Mentions.of(List.of())).isEmpty();
    assertThatThrownBy(() -> Mentions.of(List.of("alice", "channel"))).hasMessageStartingWith("usernames[1]: ");
    assertThatThrownBy(() -> Mentions.of(List.of("al ice"))).hasMessageStartingWith("usernames[0]: ");
    assertThatThrownBy(() -> Mentions.of(List.of("@here"))).hasMessageStartingWith("usernames[0]: ");
  }
}
