package org.commandcenter.mattermost.text;

import static java.util.Objects.requireNonNull;

/**
 * Makes untrusted text (commit messages, branch names, test names) safe to post: it renders as
 * the literal text and notifies nobody.
 *
 * <p>Mentions: Mattermost splits a message into words at every character that is not a letter,
 * digit or one of {@code : . - _ @}, then treats a word starting with {@code @} as a mention
 * (server/channels/app/mention_parser_standard.go). A WORD JOINER (U+2060, invisible, a format
 * character) after the {@code @} splits {@code @channel} into {@code @} and {@code channel} for the
 * server and the webapp alike, while the text still reads the same.
 *
 * <p>Markdown: characters that start links, images, emphasis, code, tables, quotes, headings and
 * lists are backslash-escaped; CommonMark hides the backslash, so the reader sees the original.
 */
public final class SafeText {
  /** Invisible; not a letter or digit, so it ends a mention word. */
  static final char WORD_JOINER = '\u2060';

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
        out.append(c);
        continue;
      }
      if (c == '@') {
        out.append(c);
        if (mentionCanStartAt(text, i)) {
          out.append(WORD_JOINER);
        }
      } else if (alwaysEscaped(c)) {
        out.append('\\').append(c);
      } else if (lineStart && (c == '#' || c == '-' || c == '+' || c == '=' || c == '>')) {
        out.append('\\').append(c); // heading, list item, setext underline, rule or quote
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

  private static boolean alwaysEscaped(char c) {
    switch (c) {
      case '\\': case '`': case '*': case '_': case '~': case '[': case ']': case '<': case '|':
      case '&': // entities such as &#64; would turn back into an @

        return true;
      default:
        return false;
    }
  }
}
