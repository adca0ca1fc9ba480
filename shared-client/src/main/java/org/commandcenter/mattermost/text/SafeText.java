package org.commandcenter.mattermost.text;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.regex.Pattern;

/**
 * Makes untrusted text (commit messages, branch names, test names) safe to post: it renders as
 * the literal text and notifies nobody.
 *
 * <p>Mentions: Mattermost splits a message into words at every character that is not a letter,
 * digit or one of {@code : . - _ @}, then treats a word starting with {@code @} as a mention
 * (server/channels/app/mention_parser_standard.go); it does so on the Markdown text nodes, with
 * backslash escapes and character references already decoded (server/public/shared/markdown,
 * read by getExplicitMentions in server/channels/app/notification.go). A WORD JOINER (U+2060,
 * invisible, a format character) after the {@code @} splits {@code @channel} into {@code @} and
 * {@code channel} for the server and the webapp alike, while the text still reads the same. For
 * the same reason a {@code &} that could start a character reference ({@code &#64;}) gets a word
 * joiner rather than a backslash.
 *
 * <p>Slack syntax: incoming webhooks turn {@code <!channel>}, {@code <!here>}, {@code <!all>} into
 * mentions and {@code <url|label>} into links (server/channels/app/slack.go ProcessSlackText,
 * server/channels/app/webhook.go linkWithTextRegex), before any Markdown. Every {@code <} is
 * therefore written as the entity {@code &lt;}, which both Markdown renderers show as {@code <}.
 *
 * <p>Markdown: characters that start links, images, emphasis, code, tables, quotes, headings and
 * lists are backslash-escaped, using only characters the webapp's renderer (marked) can unescape
 * (its escape rule: {@code \ ` * { } [ ] ( ) # + - . ! _ > ~ |}), so the reader sees the original
 * and never a stray backslash. A setext underline ({@code ===}) and an indented line (which would
 * become a code block) start with a word joiner instead.
 *
 * <p>Bare links: a URL in plain text becomes a live link, and the server fetches a preview of the first one
 * (server/public/shared/markdown autolink.go: {@code scheme://} and {@code www.} autolinks, read by the link-preview
 * code in server/channels/app/post.go), so every viewer's client would load an address the committer chose. A word
 * joiner before {@code ://} and after {@code www} breaks both autolink forms (the webapp's marked GFM autolinks too).
 */
public final class SafeText {
  /** Invisible; not a letter or digit, so it ends a mention word. */
  static final char WORD_JOINER = '\u2060';
  private static final List<String> CHANNEL_KEYWORDS = List.of("channel", "here", "all");
  /** Character references that decode to {@code @} (HTML5: {@code &#64;}, {@code &#x40;}, {@code &commat;}). */
  private static final Pattern AT_REFERENCE = Pattern.compile("&(#0*64|#[xX]0*40|commat);$");

  private SafeText() {}

  public static String neutralize(String untrusted) {
    requireNonNull(untrusted, "untrusted == null");
    String text = untrusted.replace("\r\n", "\n").replace('\r', '\n');
    StringBuilder out = new StringBuilder(text.length() + 16);
    boolean lineStart = true;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '\n') {
        out.append(c);
        lineStart = true;
        continue;
      }
      if (lineStart && (c == ' ' || c == '\t')) {
        if (i == 0 || text.charAt(i - 1) == '\n') {
          out.append(WORD_JOINER); // never an indented code block, where escapes would show
        }
        out.append(c);
        continue;
      }
      if (c == '@') {
        out.append(c);
        if (mentionCanStartAt(text, i)) {
          out.append(WORD_JOINER);
        }
      } else if (c == ':' && startsSchemeSeparator(text, i)) {
        out.append(WORD_JOINER).append(c); // "https://…" must not become a live link
      } else if (c == '.' && endsBareWww(text, i)) {
        out.append(WORD_JOINER).append(c); // nor "www.…"
      } else if (c == '<') {
        out.append("&lt;"); // no <!channel>, <url|label>, <autolink> or HTML
      } else if (c == '&') {
        out.append(c);
        if (i + 1 < text.length() && startsCharacterReference(text.charAt(i + 1))) {
          out.append(WORD_JOINER); // &#64; must not decode into an @
        }
      } else if (alwaysEscaped(c)) {
        out.append('\\').append(c);
      } else if (lineStart && (c == '#' || c == '-' || c == '+' || c == '>')) {
        out.append('\\').append(c); // heading, list item, setext underline, rule or quote
      } else if (lineStart && c == '=') {
        out.append(WORD_JOINER).append(c); // setext heading underline; marked cannot unescape \=
      } else if (lineStart && Character.isDigit(c)) {
        int end = i;
        while (end < text.length() && Character.isDigit(text.charAt(end))) {
          end++;
        }
        out.append(text, i, end);
        if (end < text.length() && (text.charAt(end) == '.' || text.charAt(end) == ')')) {
          out.append('\\'); // ordered list item "1." or "1)"
        }
        i = end - 1;
      } else {
        out.append(c);
      }
      lineStart = false;
    }
    return out.toString();
  }

  /**
   * Markdown written by someone trusted with formatting but not with notifying a whole channel (a Jenkinsfile's
   * step text): everything stays as written except {@code @channel}, {@code @all} and {@code @here}, which get a
   * word joiner after the {@code @} so they read the same and notify nobody. Covered: any case, the forms the
   * server still reads as a mention ({@code x.@here}, {@code @channel:}, {@code _@all},
   * server/channels/app/mention_parser_standard.go ProcessText), a backslash-escaped or character-reference
   * {@code @} ({@code \@all}, {@code &#64;channel}, {@code &commat;here}), and the Slack forms incoming webhooks
   * expand ({@code <!channel>}, server/channels/app/slack.go). Mentions of users stay live.
   */
  public static String withoutChannelMentions(String markdown) {
    requireNonNull(markdown, "markdown == null");
    StringBuilder out = null;
    int copied = 0;
    for (int i = 0; i < markdown.length(); i++) {
      int keywordEnd = channelKeywordEnd(markdown, i);
      if (keywordEnd < 0 || !neutralizedBefore(markdown, i)) {
        continue;
      }
      if (out == null) {
        out = new StringBuilder(markdown.length() + 16);
      }
      out.append(markdown, copied, i).append(WORD_JOINER);
      copied = i;
      i = keywordEnd - 1;
    }
    return out == null ? markdown : out.append(markdown, copied, markdown.length()).toString();
  }

  /** The end of {@code channel}, {@code all} or {@code here} (any case) at {@code at} when it ends a mention word; or -1. */
  private static int channelKeywordEnd(String text, int at) {
    for (String keyword : CHANNEL_KEYWORDS) {
      int end = at + keyword.length();
      if (text.regionMatches(true, at, keyword, 0, keyword.length()) && endsMentionWord(text, end)) {
        return end;
      }
    }
    return -1;
  }

  /**
   * Whether a word that reached {@code at} ends there for the mention parser: at a character that splits words, at
   * one of {@code . - :} (it splits the word again), or at a run of {@code _ . - :} that it trims off the end.
   */
  private static boolean endsMentionWord(String text, int at) {
    int i = at;
    while (i < text.length() && text.charAt(i) == '_') {
      i++;
    }
    if (i == text.length()) {
      return true;
    }
    char next = text.charAt(i);
    return ".-:".indexOf(next) >= 0 || !(Character.isLetterOrDigit(next) || next == '_' || next == '@');
  }

  /** Whether the keyword at {@code at} follows what the server would read as a mention's or announcement's start. */
  private static boolean neutralizedBefore(String text, int at) {
    if (at == 0) {
      return false;
    }
    char before = text.charAt(at - 1);
    if (before == '@') {
      // "alice@here.com" is one word to the server, never a mention; "x.@here" or "(@here" is.
      return at == 1 || !Character.isLetterOrDigit(text.charAt(at - 2));
    }
    if (before == '!') {
      return at >= 2 && text.charAt(at - 2) == '<';
    }
    return before == ';' && AT_REFERENCE.matcher(text.substring(Math.max(0, at - 12), at)).find();
  }

  /**
   * A fenced code block holding {@code content} verbatim, e.g. a log tail. The fence is longer
   * than any backtick run inside, so the content cannot close it. Mentions inside code are
   * never notified.
   */
  public static String codeBlock(String content) {
    requireNonNull(content, "content == null");
    String body = content.replace("\r\n", "\n").replace('\r', '\n');
    int longestRun = 0;
    int run = 0;
    for (int i = 0; i < body.length(); i++) {
      run = body.charAt(i) == '`' ? run + 1 : 0;
      longestRun = Math.max(longestRun, run);
    }
    String fence = "`".repeat(Math.max(3, longestRun + 1));
    StringBuilder out = new StringBuilder(body.length() + 2 * fence.length() + 2);
    out.append(fence).append('\n').append(body);
    if (!body.endsWith("\n")) {
      out.append('\n');
    }
    return out.append(fence).toString();
  }

  /**
   * A Markdown link {@code [label](url)} with a neutralized label; {@code url} must be http(s).
   */
  public static String link(String label, String url) {
    requireNonNull(label, "label == null");
    requireNonNull(url, "url == null");
    if (!(url.startsWith("http://") || url.startsWith("https://"))) {
      throw new IllegalArgumentException("url: must be an http:// or https:// URL");
    }
    StringBuilder target = new StringBuilder(url.length());
    for (int i = 0; i < url.length(); i++) {
      char c = url.charAt(i);
      switch (c) {
        case ' ': target.append("%20"); break;
        case '(': target.append("%28"); break;
        case ')': target.append("%29"); break;
        case '<': target.append("%3C"); break;
        case '>': target.append("%3E"); break;
        case '\n': case '\r': case '\t': break;
        default: target.append(c);
      }
    }
    return "[" + neutralize(label).replace("\n", " ") + "](" + target + ")";
  }

  /** A {@code ://} right after a letter or digit: the end of a URL scheme. */
  private static boolean startsSchemeSeparator(String text, int at) {
    return at > 0 && Character.isLetterOrDigit(text.charAt(at - 1)) && text.startsWith("//", at + 1);
  }

  /** The dot of a {@code www.} (or {@code www1.} to {@code www999.}, autolink.go wwwAutoLinkRegex) starting a word. */
  private static boolean endsBareWww(String text, int at) {
    int w = at;
    while (w > 0 && at - w < 3 && Character.isDigit(text.charAt(w - 1))) {
      w--;
    }
    return w >= 3 && text.regionMatches(true, w - 3, "www", 0, 3)
        && (w == 3 || !Character.isLetterOrDigit(text.charAt(w - 4)));
  }

  /** Whether an {@code @} at {@code at} would begin a mention word for the server. */
  private static boolean mentionCanStartAt(String text, int at) {
    if (at + 1 >= text.length() || !isMentionChar(text.charAt(at + 1))) {
      return false;
    }
    // "alice@example.com" is an address, not a mention: the @ is inside a word.
    return at == 0 || !Character.isLetterOrDigit(text.charAt(at - 1));
  }

  private static boolean isMentionChar(char c) {
    return Character.isLetterOrDigit(c) || c == '.' || c == '-' || c == '_' || c == ':';
  }

  /** {@code &#...;} and {@code &name;} are character references in CommonMark and marked. */
  private static boolean startsCharacterReference(char next) {
    return next == '#' || (next >= 'a' && next <= 'z') || (next >= 'A' && next <= 'Z');
  }

  private static boolean alwaysEscaped(char c) {
    switch (c) {
      case '\\': case '`': case '*': case '_': case '~': case '[': case ']': case '|':
        return true;
      default:
        return false;
    }
  }
}
