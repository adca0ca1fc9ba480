package org.commandcenter.mattermost.rules;

import java.nio.charset.StandardCharsets;

/**
 * Ids of posts, channels, users, teams and files ({@code server/public/model/utils.go}: IsValidId): 26 bytes, every
 * character a letter or a number. The server only ever generates 26 characters of lowercase base32 (NewId), but
 * accepts what IsValidId accepts, so we do too.
 */
public final class MattermostIds {
  public static final int LENGTH = 26;

  private MattermostIds() {}

  public static boolean isValid(String value) {
    if (value != null && value.length() == LENGTH && isAsciiAlphanumeric(value)) {
      return true; // what the server generates: checked on every send, so without encoding or code points
    }
    if (value == null || value.length() > LENGTH || value.getBytes(StandardCharsets.UTF_8).length != LENGTH) {
      return false;
    }
    return value.codePoints().allMatch(MattermostIds::isLetterOrNumber);
  }

  /** @throws IllegalArgumentException {@code field: must be a 26-character Mattermost id} */
  public static String require(String field, String value) {
    if (!isValid(value)) {
      throw Fields.invalid(field, "must be a 26-character Mattermost id");
    }
    return value;
  }

  private static boolean isAsciiAlphanumeric(String value) {
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (!(c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c >= 'A' && c <= 'Z')) {
        return false;
      }
    }
    return true;
  }

  /** Go's unicode.IsLetter || unicode.IsNumber (categories L and N). */
  private static boolean isLetterOrNumber(int codePoint) {
    if (Character.isLetter(codePoint)) {
      return true;
    }
    int type = Character.getType(codePoint);
    return type == Character.DECIMAL_DIGIT_NUMBER || type == Character.LETTER_NUMBER
        || type == Character.OTHER_NUMBER;
  }
}
