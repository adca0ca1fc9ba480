package org.commandcenter.notifier.core.chatops;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits a command's text into words the way a shell would for simple cases: whitespace separates, double or single
 * quotes (also typographic ones, which phones type) group, and may start inside a word ({@code NAME="a b"}); a
 * backslash escapes the next character inside double quotes.
 */
final class Tokens {
  private Tokens() {}

  /** @throws IllegalArgumentException with a message for the user, e.g. for an unterminated quote */
  static List<String> split(String text) {
    List<String> words = new ArrayList<>();
    StringBuilder word = new StringBuilder();
    boolean inWord = false;
    int i = 0;
    while (i < text.length()) {
      char c = text.charAt(i);
      if (Character.isWhitespace(c)) {
        if (inWord) {
          words.add(word.toString());
          word.setLength(0);
          inWord = false;
        }
        i++;
        continue;
      }
      inWord = true;
      char close = closingQuote(c);
      if (close == 0) {
        word.append(c);
        i++;
        continue;
      }
      int end = i + 1;
      boolean closed = false;
      while (end < text.length()) {
        char d = text.charAt(end);
        if (d == close) {
          closed = true;
          break;
        }
        if (d == '\\' && c == '"' && end + 1 < text.length()) {
          end++;
          d = text.charAt(end);
        }
        word.append(d);
        end++;
      }
      if (!closed) {
        throw new IllegalArgumentException("a quote (" + c + ") is not closed");
      }
      i = end + 1;
    }
    if (inWord) {
      words.add(word.toString());
    }
    return words;
  }

  private static char closingQuote(char open) {
    switch (open) {
      case '"':
        return '"';
      case '\'':
        return '\'';
      case '\u201C':
        return '\u201D';
      case '\u2018':
        return '\u2019';
      default:
        return 0;
    }
  }
}
