package org.commandcenter.mattermost.rules;

/**
 * Emoji names ({@code server/public/model/emoji.go}: IsValidEmojiName): 1 to 64 of {@code a-z A-Z 0-9 + _ -}.
 * Icons refer to them as {@code :name:}.
 */
public final class EmojiNames {
  public static final int MAX_LENGTH = 64;

  private EmojiNames() {}

  public static boolean isValid(String name) {
    if (name == null || name.isEmpty() || name.length() > MAX_LENGTH) {
      return false;
    }
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      if (!(c >= 'a' && c <= 'z') && !(c >= 'A' && c <= 'Z') && !(c >= '0' && c <= '9')
          && c != '+' && c != '_' && c != '-') {
        return false;
      }
    }
    return true;
  }

  /** True for {@code :name:} with a valid name, the way an icon names an emoji. */
  public static boolean isReference(String value) {
    return value != null && value.length() > 2 && value.startsWith(":") && value.endsWith(":")
        && isValid(value.substring(1, value.length() - 1));
  }
}
