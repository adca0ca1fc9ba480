package org.commandcenter.mattermost.text;

import static java.util.Objects.requireNonNull;

import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/** Explicit @-mentions of named users: the only way mentions get into our messages. */
public final class Mentions {
  /** Username rules of server/public/model/user.go (IsValidUsername): 1–64 of a-z 0-9 . - _. */
  private static final Pattern USERNAME = Pattern.compile("[a-z0-9.\\-_]{1,64}");
  /** Names Mattermost reserves, which would notify a whole channel or nobody. */
  private static final Set<String> RESERVED = Set.of("all", "channel", "here", "matterbot", "system");

  private Mentions() {}

  /**
   * {@code @alice @bob} for the given user names (a leading {@code @} is allowed), in order,
   * without duplicates; empty for no names.
   *
   * @throws IllegalArgumentException naming the bad entry, e.g. {@code usernames[1]: ...}
   */
  public static String of(Collection<String> usernames) {
    requireNonNull(usernames, "usernames == null");
    Set<String> names = new LinkedHashSet<>();
    int index = 0;
    for (String username : usernames) {
      String field = "usernames[" + index++ + "]";
      if (username == null) {
        throw new IllegalArgumentException(field + ": must not be null");
      }
      String name = username.trim();
      if (name.startsWith("@")) {
        name = name.substring(1);
      }
      name = name.toLowerCase(Locale.ROOT);
      if (!USERNAME.matcher(name).matches()) {
        throw new IllegalArgumentException(field + ": not a Mattermost user name (a-z, 0-9, '.', '-', '_')");
      }
      if (RESERVED.contains(name)) {
        throw new IllegalArgumentException(field + ": '" + name + "' is reserved and cannot be mentioned");
      }
      names.add(name);
    }
    StringBuilder out = new StringBuilder();
    for (String name : names) {
      if (out.length() > 0) {
        out.append(' ');
      }
      out.append('@').append(name);
    }
    return out.toString();
  }
}
