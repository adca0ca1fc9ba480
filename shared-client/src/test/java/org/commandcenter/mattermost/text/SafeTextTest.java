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

  /** HTML5 character references that spell characters a mention needs (server/public/shared/markdown/html_entities.go). */
  private static final Pattern CHARACTER_REFERENCE = Pattern.compile("&(#[0-9]{1,8}|#[xX][0-9a-fA-F]{1,8}|commat|lt|gt|amp|quot|excl);");

  /**
   * What the server's mention parser reads: webhooks first expand Slack announcements
   * (server/channels/app/slack.go expandAnnouncement), then the Markdown text nodes are read with
   * backslash escapes and character references decoded (server/public/shared/markdown/inlines.go).
   */
  private static String serverText(String posted) {
    String text = posted.replace("<!channel>", "@channel").replace("<!here>", "@here").replace("<!all>", "@all");
    Matcher references = CHARACTER_REFERENCE.matcher(text);
    StringBuilder decoded = new StringBuilder();
    while (references.find()) {
      String ref = references.group(1);
      String value;
      if (ref.startsWith("#x") || ref.startsWith("#X")) {
        value = new String(Character.toChars(Integer.parseInt(ref.substring(2), 16)));
      } else if (ref.startsWith("#")) {
        value = new String(Character.toChars(Integer.parseInt(ref.substring(1))));
      } else {
        value = switch (ref) {
          case "commat" -> "@";
          case "lt" -> "<";
          case "gt" -> ">";
          case "amp" -> "&";
          case "quot" -> "\"";
          default -> "!";
        };
      }
      references.appendReplacement(decoded, Matcher.quoteReplacement(value));
    }
    references.appendTail(decoded);
    return decoded.toString().replaceAll("\\\\(\\p{Punct})", "$1");
  }

  private static boolean serverSeesMention(String posted, String mention) {
    Matcher words = SERVER_WORD.matcher(serverText(posted));
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
    for (String attack : List.of("@channel", "fix @here please", "(@all)", "_@channel", "x.@here", "@Channel!",
        "<!channel>", "<!here> now", "x<!all>", "&#64;channel", "&#x40;here", "&commat;all", "\\@channel",
        "&amp;#64;channel", "<@channel>")) {
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
    assertThat(SafeText.neutralize("[click](https://evil.example)")).isEqualTo("\\[click\\](https\u2060://evil.example)");
    assertThat(SafeText.neutralize("![x](https://evil.example/p.png)")).startsWith("!\\[x\\]");
    assertThat(SafeText.neutralize("<https://evil.example>")).isEqualTo("&lt;https\u2060://evil.example>");
    assertThat(SafeText.neutralize("<img src=x onerror=alert(1)>")).doesNotContain("<");
    assertThat(SafeText.neutralize("Build failed!")).isEqualTo("Build failed!");
    assertThat(SafeText.neutralize("&#64;channel")).isEqualTo("&\u2060#64;channel");
    assertThat(SafeText.neutralize("R&D & QA")).isEqualTo("R&\u2060D & QA");
  }

  /**
   * The server autolinks {@code scheme://} and {@code www.} in plain text and previews the first link
   * (server/public/shared/markdown/autolink.go; server/channels/app/post.go), so a bare URL in a commit message
   * would make every viewer's client fetch it. Neutralized, it reads the same and links nowhere.
   */
  @Test
  void bareUrlsStayTextSoNothingIsFetchedOrPreviewed() {
    String safe = SafeText.neutralize("see https://tracker.evil.example/p.png, ftp://x.example and www.evil.example");

    // The scheme and its "://" (and "www" and its dot) are never adjacent: neither autolink rule can match.
    assertThat(safe).doesNotContain("https://").doesNotContain("ftp://").doesNotContainIgnoringCase("www.");
    assertThat(safe.replace("\u2060", "")).isEqualTo("see https://tracker.evil.example/p.png, ftp://x.example and www.evil.example");
    assertThat(SafeText.neutralize("mirror www2.evil.example")).doesNotContain("www2.");
    assertThat(SafeText.neutralize("awww.nice")).isEqualTo("awww.nice");
    assertThat(SafeText.neutralize("ratio 1:2 at 10:30 // note")).isEqualTo("ratio 1:2 at 10:30 // note");
  }

  @Test
  void defeatsSlackLinkAndAnnouncementSyntaxThatWebhooksExpand() {
    // server/channels/app/webhook.go linkWithTextRegex turns <url|label> into [label](url) on webhooks.
    Pattern slackLink = Pattern.compile("<([^\\n<|>]+)\\|([^|\\n>]+)>");
    String safe = SafeText.neutralize("see <https://evil.example|the build log>");
    assertThat(slackLink.matcher(safe).find()).as(safe).isFalse();
    assertThat(SafeText.neutralize("<!channel>")).doesNotContain("<!channel>");
    assertThat(serverText(SafeText.neutralize("<!here> a < b")).replace("\u2060", "")).isEqualTo("<!here> a < b");
  }

  @Test
  void usesOnlyEscapesTheWebappCanUnescapeSoNoBackslashShows() {
    // marked (the webapp's renderer) unescapes only \\ ` * { } [ ] ( ) # + - . ! _ > ~ |
    Pattern visibleBackslash = Pattern.compile("\\\\[^\\\\`*{}\\[\\]()#+\\-.!_>~|]");
    for (String input : List.of("a <b> & c", "R&D", "===\n---", "x = y", "  indented", "1) one", "\\path\\to",
        "a|b", "~name", "#tag", "+1", "> q")) {
      String safe = SafeText.neutralize(input);
      assertThat(visibleBackslash.matcher(safe.replace("\\\\", "")).find()).as(input + " -> " + safe).isFalse();
    }
  }

  @Test
  void indentedLinesDoNotBecomeCodeBlocksAndSetextUnderlinesDoNotMakeHeadings() {
    assertThat(SafeText.neutralize("title\n===")).isEqualTo("title\n\u2060===");
    assertThat(SafeText.neutralize("\n    at Foo.bar(Foo.java:1)")).isEqualTo("\n\u2060    at Foo.bar(Foo.java:1)");
  }

  @Test
  void escapesHeadingsTablesListsAndQuotes() {
    assertThat(SafeText.neutralize("# Owned")).isEqualTo("\\# Owned");
    assertThat(SafeText.neutralize("  ## Owned")).isEqualTo("\u2060  \\## Owned");
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

  /**
   * The server's ProcessText (server/channels/app/mention_parser_standard.go) for the three channel-wide mentions:
   * words of letters, digits and : . - _ @; leading : . - _ trimmed; the word, the word without trailing . - : _,
   * or a part of it split at . - : names the mention.
   */
  private static boolean serverNotifiesChannel(String posted) {
    java.util.Set<String> system = java.util.Set.of("@here", "@channel", "@all");
    Matcher words = SERVER_WORD.matcher(serverText(posted));
    while (words.find()) {
      String word = words.group();
      if (word.startsWith(":") && word.endsWith(":") && word.length() > 1) {
        continue;
      }
      word = word.replaceFirst("^[:.\\-_]+", "").toLowerCase(java.util.Locale.ROOT);
      String trimmed = word;
      while (true) {
        if (system.contains(trimmed)) {
          return true;
        }
        if (trimmed.isEmpty() || ".-:_".indexOf(trimmed.charAt(trimmed.length() - 1)) < 0) {
          break;
        }
        trimmed = trimmed.substring(0, trimmed.length() - 1);
      }
      for (String part : word.split("[.\\-:]")) {
        if (system.contains(part)) {
          return true;
        }
      }
    }
    return false;
  }

  @Test
  void withoutChannelMentionsStopsEveryChannelWideFormTheServerReads() {
    for (String attack : List.of("@channel", "fix @here please", "(@all)", "_@channel", "x.@here", "@Channel!",
        "@channel_", "@here.", "@all:", "@channel.x", "<!channel>", "<!here> now", "(<!all>)", "&#64;channel",
        "&#x40;here", "&#064;all", "&commat;all", "\\@channel", "**@here**", "[@all](https://x.test)",
        "a-@channel")) {
      assertThat(serverNotifiesChannel(attack)).as("the model reads " + attack + " as a mention").isTrue();
      String safe = SafeText.withoutChannelMentions(attack);
      assertThat(serverNotifiesChannel(safe)).as(attack + " -> " + safe).isFalse();
      assertThat(safe.replace("\u2060", "")).isEqualTo(attack);
    }
  }

  @Test
  void withoutChannelMentionsKeepsUserMentionsMarkdownAndAddresses() {
    String markdown = "**Build #12** by @alice and @allison, see [log](https://ci.test/job/1) or mail ops@here.test\n"
        + "`code` > quote @channels @here_team";
    assertThat(SafeText.withoutChannelMentions(markdown)).isEqualTo(markdown);
  }
}
