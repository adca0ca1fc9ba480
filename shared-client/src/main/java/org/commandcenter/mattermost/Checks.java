package org.commandcenter.mattermost;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.regex.Pattern;

/** Shared validation helpers; every failure names the field so callers can fix their input. */
final class Checks {
  /** Mattermost ids are 26 lowercase base32 characters (server/public/model/utils.go IsValidId). */
  private static final Pattern ID = Pattern.compile("[a-z0-9]{26}");

  private Checks() {}

  static IllegalArgumentException invalid(String field, String problem) {
    return new IllegalArgumentException(field + ": " + problem);
  }

  static boolean isId(String value) {
    return value != null && ID.matcher(value).matches();
  }

  static String requireId(String field, String value) {
    if (!isId(value)) {
      throw invalid(field, "must be a 26-character Mattermost id");
    }
    return value;
  }

  static String requireNotBlank(String field, String value) {
    if (value == null || value.isBlank()) {
      throw invalid(field, "must not be blank");
    }
    return value;
  }

  /** Links must be absolute http(s) URLs with a host (server/public/model/slack_attachment.go IsValid). */
  static void requireHttpUrl(String field, String value) {
    if (value == null || value.isEmpty()) {
      return;
    }
    if (!isHttpUrl(value)) {
      throw invalid(field, "must be an absolute http:// or https:// URL");
    }
  }

  static boolean isHttpUrl(String value) {
    if (!(value.startsWith("http://") || value.startsWith("https://"))) {
      return false;
    }
    try {
      URI uri = new URI(value);
      return uri.getHost() != null && !uri.getHost().isEmpty();
    } catch (URISyntaxException e) {
      return false;
    }
  }

  static int codePointLength(String value) {
    return value.codePointCount(0, value.length());
  }
}
