package org.commandcenter.mattermost.rules;

import java.util.Set;
import java.util.regex.Pattern;

/**
 * Attachment colours ({@code server/public/model/slack_attachment.go}, message_attachment.go IsValid): the Slack
 * names {@code good}, {@code warning} and {@code danger}, or {@code #RRGGBB} — the {@code #} and all six digits
 * required ({@code #abc} and {@code 36a64f} are refused).
 */
public final class Colors {
  private static final Set<String> NAMED = Set.of("good", "warning", "danger");
  private static final Pattern HEX = Pattern.compile("#[0-9a-fA-F]{6}");

  private Colors() {}

  public static boolean isValid(String color) {
    return color != null && (NAMED.contains(color) || isHex(color));
  }

  /** {@code #RRGGBB}: the server's hexColorRegex, shared by attachment colours and action styles. */
  public static boolean isHex(String color) {
    return color != null && HEX.matcher(color).matches();
  }
}
