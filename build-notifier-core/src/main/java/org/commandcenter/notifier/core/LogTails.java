package org.commandcenter.notifier.core;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * How a log tail is shown, wherever it is shown (a failure's thread, "Show log", {@code /jenkins log}): long lines
 * cut, and the whole kept well under Mattermost's 16383-character post (server/public/model/post.go
 * PostMessageMaxRunesV2) by dropping the oldest lines.
 */
public final class LogTails {
  /** A single log line longer than this is cut: minified output would otherwise fill the whole tail. */
  public static final int MAX_LINE_LENGTH = 500;
  public static final int MAX_CHARS = 12_000;

  private LogTails() {}

  /** The lines joined, long lines cut and the start dropped when the whole is too long; plain text, not Markdown. */
  public static String join(List<String> lines) {
    requireNonNull(lines, "lines == null");
    StringBuilder text = new StringBuilder();
    for (String line : lines) {
      String clean = line.replace("\r", "");
      text.append(clean.length() > MAX_LINE_LENGTH ? clean.substring(0, MAX_LINE_LENGTH) + " …" : clean);
      text.append('\n');
    }
    if (text.length() > MAX_CHARS) {
      int cut = text.length() - MAX_CHARS;
      int nextLine = text.indexOf("\n", cut);
      text.delete(0, nextLine < 0 ? cut : nextLine + 1);
      text.insert(0, "[… earlier lines cut]\n");
    }
    return text.toString().stripTrailing();
  }
}
