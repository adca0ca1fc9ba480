package org.commandcenter.local;

import java.io.PrintWriter;
import java.time.Duration;

/** What the person at the terminal reads: sections, steps, warnings, and a one-line progress indicator. */
public final class Console {
  private final PrintWriter out;
  private final boolean ascii;
  private final boolean terminal;
  private int progressWidth;
  private long lastProgressLine = -1;

  public Console(PrintWriter out, boolean ascii) {
    this(out, ascii, false);
  }

  /** @param terminal true when a person watches: progress redraws one line; otherwise a line every 10 s */
  public Console(PrintWriter out, boolean ascii, boolean terminal) {
    this.out = out;
    this.ascii = ascii;
    this.terminal = terminal;
  }

  public PrintWriter writer() {
    endProgress();
    return out;
  }

  public synchronized void section(String title) {
    title = plain(title);
    endProgress();
    out.println();
    out.println((ascii ? "== " : "━━ ") + title);
    out.flush();
  }

  public synchronized void step(String text) {
    text = plain(text);
    endProgress();
    out.println((ascii ? "  - " : "  • ") + text);
    out.flush();
  }

  public synchronized void detail(String text) {
    text = plain(text);
    endProgress();
    out.println("      " + text);
    out.flush();
  }

  public synchronized void warn(String text) {
    text = plain(text);
    endProgress();
    out.println((ascii ? "  ! " : "  ⚠ ") + text);
    out.flush();
  }

  public synchronized void line(String text) {
    text = plain(text);
    endProgress();
    out.println(text);
    out.flush();
  }

  /** Rewrites one line in place: {@code [#####.....] SonarQube STARTING 0:42}. */
  public synchronized void progress(String what, Duration elapsed, Duration expected) {
    int width = 30;
    double ratio = Math.min(0.97, (double) elapsed.toMillis() / Math.max(1, expected.toMillis()));
    int filled = (int) Math.round(ratio * width);
    String bar = (ascii ? "#" : "█").repeat(filled) + (ascii ? "." : "░").repeat(width - filled);
    String text = String.format("  [%s] %s %d:%02d", bar, what, elapsed.toMinutes(), elapsed.toSecondsPart());
    if (!terminal) {
      long tens = elapsed.toSeconds() / 10;
      if (tens != lastProgressLine) {
        lastProgressLine = tens;
        out.println(text);
        out.flush();
      }
      return;
    }
    out.print("\r" + text + " ".repeat(Math.max(0, progressWidth - text.length())));
    out.flush();
    progressWidth = text.length();
  }

  private String plain(String text) {
    return ascii ? text.replace("—", "-").replace("…", "...").replace("≥", ">=") : text;
  }

  private void endProgress() {
    if (progressWidth > 0) {
      out.println();
      progressWidth = 0;
    }
  }
}
