package org.commandcenter.mattermost.rules;

import java.util.Set;

/**
 * User names ({@code server/public/model/user.go}: IsValidUsername): 1 to 64 of {@code a-z 0-9 . - _}, except the
 * restricted names. A name is mentionable when a {@code @name} notifies exactly that user: not the restricted ones
 * and not {@code here} (a channel-wide mention, {@code server/public/model/post.go}).
 */
public final class Usernames {
  public static final int MAX_LENGTH = 64;
  private static final Set<String> RESTRICTED = Set.of("all", "channel", "matterbot", "system");

  private Usernames() {}

  public static boolean isValid(String name) {
    if (name == null || name.isEmpty() || name.length() > MAX_LENGTH || RESTRICTED.contains(name)) {
      return false;
    }
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      if (!(c >= 'a' && c <= 'z') && !(c >= '0' && c <= '9') && c != '.' && c != '-' && c != '_') {
        return false;
      }
    }
    return true;
  }

  public static boolean isMentionable(String name) {
    return isValid(name) && !name.equals("here");
  }

  /** True for names a user cannot have because they mean something else (whole channel, the system). */
  public static boolean isReserved(String name) {
    return RESTRICTED.contains(name) || "here".equals(name);
  }
}
