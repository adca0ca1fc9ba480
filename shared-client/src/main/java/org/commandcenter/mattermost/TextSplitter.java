package org.commandcenter.mattermost;

import java.text.BreakIterator;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Splits long Markdown into pieces of at most {@code max} Unicode code points (Mattermost counts
 * runes: server/public/model/post.go IsValid). Pieces end on line boundaries where possible, never
 * inside a character or grapheme, and a fenced code block is kept whole when it fits in one piece;
 * a longer one is closed at the end of a piece and reopened at the start of the next, so every
 * piece renders on its own.
 */
final class TextSplitter {
  /** PostMessageMaxRunesV2 = 65535 bytes / 4 (server/public/model/post.go). */
  static final int MAX_POST_RUNES = 16383;

  private static final Pattern FENCE = Pattern.compile("^ {0,3}(`{3,}|~{3,})(.*)$");
  /** Characters after a cut that the grapheme rules may look at (combining marks, modifiers, ZWJ sequences). */
  private static final int BOUNDARY_LOOKAHEAD = 64;

  private final int max;
  private final List<String> pieces = new ArrayList<>();
  private final StringBuilder current = new StringBuilder();
  private int currentRunes;
  /** The opening line and closing marker of the fence we are in, or null. */
  private String fenceOpenLine;
  private String fenceMarker;
  /** Where the current fence opened within {@link #current}, or -1 if it opened in an earlier piece. */
  private int fenceStart = -1;

  private TextSplitter(int max) {
    this.max = max;
  }

  static List<String> split(String text, int max) {
    if (max < 16) {
      throw new IllegalArgumentException("max: must be at least 16");
    }
    if (text.codePointCount(0, text.length()) <= max) {
      return List.of(text);
    }
    TextSplitter splitter = new TextSplitter(max);
    for (String line : lines(text)) {
      splitter.add(line);
    }
    splitter.flush();
    return List.copyOf(splitter.pieces);
  }

  /** Lines with their terminating newline kept. */
  private static List<String> lines(String text) {
    List<String> lines = new ArrayList<>();
    int start = 0;
    while (start < text.length()) {
      int newline = text.indexOf('\n', start);
      int end = newline < 0 ? text.length() : newline + 1;
      lines.add(text.substring(start, end));
      start = end;
    }
    return lines;
  }

  private void add(String line) {
    int lineRunes = runes(line);
    // A line that opens a fence must leave room for the marker that may have to close it in this piece.
    if (currentRunes + lineRunes + reserveWith(line) > max) {
      if (fenceOpenLine != null && fenceStart > 0
          && runes(current.substring(fenceStart)) + lineRunes + closingReserve() <= max) {
        // Move the whole fence so far to the next piece rather than cut it.
        String fencePart = current.substring(fenceStart);
        current.setLength(fenceStart);
        emit();
        current.append(fencePart);
        currentRunes = runes(fencePart);
        fenceStart = 0;
      } else if (currentRunes > openingRunes()) {
        cut();
      }
      // A single line longer than a piece: cut it at grapheme boundaries, preferring a space. The line is consumed
      // through an index and each cut looks at one piece's worth of it, so one huge line costs linear time.
      int from = 0;
      while (currentRunes + lineRunes + closingReserve() > max) {
        int room = max - currentRunes - closingReserve();
        if (room < 1) {
          // An absurdly long fence opening line: give up on fence repair for this block.
          fenceOpenLine = null;
          fenceMarker = null;
          fenceStart = -1;
          emit();
          continue;
        }
        int end = headEnd(line, from, room, lineRunes);
        int headRunes = Character.codePointCount(line, from, end);
        current.append(line, from, end);
        currentRunes += headRunes;
        lineRunes -= headRunes;
        from = end;
        cut();
      }
      line = line.substring(from);
    }
    current.append(line);
    currentRunes += lineRunes;
    trackFence(line);
  }

  private void trackFence(String line) {
    String content = line.endsWith("\n") ? line.substring(0, line.length() - 1) : line;
    Matcher matcher = FENCE.matcher(content);
    if (!matcher.matches()) {
      return;
    }
    String marker = matcher.group(1);
    if (fenceOpenLine == null) {
      if (marker.charAt(0) == '`' && matcher.group(2).contains("`")) {
        return; // Not a fence: backtick fences cannot have backticks in their info string.
      }
      fenceOpenLine = content.stripLeading();
      fenceMarker = marker;
      fenceStart = current.length() - line.length();
    } else if (marker.charAt(0) == fenceMarker.charAt(0) && marker.length() >= fenceMarker.length()
        && matcher.group(2).isBlank()) {
      fenceOpenLine = null;
      fenceMarker = null;
      fenceStart = -1;
    }
  }

  /** Ends the current piece here, closing and reopening an open fence around the cut. */
  private void cut() {
    if (fenceOpenLine != null) {
      if (current.length() > 0 && current.charAt(current.length() - 1) != '\n') {
        current.append('\n');
      }
      current.append(fenceMarker);
      emit();
      current.append(fenceOpenLine).append('\n');
      currentRunes = runes(current);
      fenceStart = -1;
    } else {
      emit();
    }
  }

  private void emit() {
    String piece = stripTrailingNewlines(current.toString());
    if (!piece.isBlank()) {
      pieces.add(piece);
    }
    current.setLength(0);
    currentRunes = 0;
  }

  private void flush() {
    if (current.length() > 0) {
      emit();
    }
  }

  /** The room to keep free once {@code line} is added: that of the open fence, or of the fence the line opens. */
  private int reserveWith(String line) {
    if (fenceOpenLine != null) {
      return closingReserve();
    }
    String content = line.endsWith("\n") ? line.substring(0, line.length() - 1) : line;
    Matcher matcher = FENCE.matcher(content);
    if (!matcher.matches() || (matcher.group(1).charAt(0) == '`' && matcher.group(2).contains("`"))) {
      return 0;
    }
    return 1 + matcher.group(1).length();
  }

  /** Room kept free to close an open fence: a newline plus the marker. */
  private int closingReserve() {
    return fenceOpenLine == null ? 0 : 1 + fenceMarker.length();
  }

  private int openingRunes() {
    return fenceOpenLine == null || fenceStart >= 0 ? 0 : runes(fenceOpenLine) + 1;
  }

  /**
   * Where the longest part of {@code line} from {@code from} of at most {@code room} code points ends on a grapheme
   * boundary. Only a window of that part (and a little after it, for the boundary rules) is examined.
   */
  private static int headEnd(String line, int from, int room, int remainingRunes) {
    int limit = line.offsetByCodePoints(from, Math.min(room, remainingRunes));
    String window = line.substring(from, Math.min(line.length(), limit + BOUNDARY_LOOKAHEAD));
    int local = limit - from;
    BreakIterator graphemes = BreakIterator.getCharacterInstance();
    graphemes.setText(window);
    int end = graphemes.isBoundary(local) ? local : graphemes.preceding(local);
    // Older JDKs split emoji ZWJ sequences and modifiers; step back over those too.
    while (end > 0 && !isSafeBoundary(window, end)) {
      end = window.offsetByCodePoints(end, -1);
    }
    if (end <= 0) {
      end = local; // One grapheme longer than a piece: fall back to a code point boundary.
    }
    int space = window.lastIndexOf(' ', end - 1);
    if (space > end * 4 / 5) {
      end = space + 1;
    }
    return from + end;
  }

  private static boolean isSafeBoundary(String text, int index) {
    if (index >= text.length()) {
      return true;
    }
    if (Character.isLowSurrogate(text.charAt(index)) || text.charAt(index - 1) == '\u200D') {
      return false;
    }
    int next = text.codePointAt(index);
    int type = Character.getType(next);
    return next != 0x200D
        && type != Character.NON_SPACING_MARK && type != Character.ENCLOSING_MARK
        && type != Character.COMBINING_SPACING_MARK
        && !(next >= 0xFE00 && next <= 0xFE0F) // variation selectors
        && !(next >= 0x1F3FB && next <= 0x1F3FF) // skin-tone modifiers
        && !(next >= 0xE0020 && next <= 0xE007F); // tag sequences (subdivision flags)
  }

  private static String stripTrailingNewlines(String text) {
    int end = text.length();
    while (end > 0 && (text.charAt(end - 1) == '\n' || text.charAt(end - 1) == '\r')) {
      end--;
    }
    return text.substring(0, end);
  }

  private static int runes(CharSequence text) {
    return Character.codePointCount(text, 0, text.length());
  }
}
