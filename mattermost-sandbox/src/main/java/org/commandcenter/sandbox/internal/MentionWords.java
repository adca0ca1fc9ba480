package org.commandcenter.sandbox.internal;

import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The word rules of server/channels/app/mention_parser_standard.go (StandardMentionParser.ProcessText), for the
 * "@username" keywords only: words are runs of letters, digits and {@code : . - _ @}; leading {@code : . - _} are
 * trimmed; a word may also match without trailing {@code . - : _}, or split at {@code . - :}.
 */
final class MentionWords {
  private MentionWords() {
  }

  static void collect(String text, Map<String, String> keywords, Set<String> mentioned) {
    int i = 0;
    while (i < text.length()) {
      int start = i;
      while (i < text.length() && isWordChar(text.codePointAt(i))) i += Character.charCount(text.codePointAt(i));
      if (i == start) {
        i += Character.charCount(text.codePointAt(i));
        continue;
      }
      String word = text.substring(start, i);
      if (word.length() > 1 && word.startsWith(":") && word.endsWith(":")) continue; // an emoji
      word = word.replaceFirst("^[:.\\-_]+", "");
      if (match(word, keywords, mentioned)) continue;
      String withoutSuffix = word;
      boolean found = false;
      while (!withoutSuffix.isEmpty() && ".-:_".indexOf(withoutSuffix.charAt(withoutSuffix.length() - 1)) >= 0) {
        withoutSuffix = withoutSuffix.substring(0, withoutSuffix.length() - 1);
        if (match(withoutSuffix, keywords, mentioned)) {
          found = true;
          break;
        }
      }
      if (found || word.startsWith("@")) continue;
      for (String part : word.split("[.\\-:]")) {
        match(part, keywords, mentioned);
      }
    }
  }

  private static boolean match(String word, Map<String, String> keywords, Set<String> mentioned) {
    String id = keywords.get(word.toLowerCase(Locale.ROOT));
    if (id == null) return false;
    mentioned.add(id);
    return true;
  }

  private static boolean isWordChar(int c) {
    return c == ':' || c == '.' || c == '-' || c == '_' || c == '@' || Character.isLetter(c) || Character.isDigit(c)
        || Character.getType(c) == Character.LETTER_NUMBER || Character.getType(c) == Character.OTHER_NUMBER;
  }
}
