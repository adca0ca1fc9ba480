package org.commandcenter.mattermost;

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

  /**
   * The server's IsValidHTTPURL (server/public/model/utils.go): an {@code http://} or {@code https://}
   * prefix, what Go's url.ParseRequestURI accepts, and a host. Go is more lenient than
   * {@link java.net.URI}: it takes {@code |}, spaces or braces in path and query, and underscores
   * in host names (Docker service names), so those are accepted here too.
   */
  static boolean isHttpUrl(String value) {
    String rest;
    if (value.startsWith("http://")) {
      rest = value.substring("http://".length());
    } else if (value.startsWith("https://")) {
      rest = value.substring("https://".length());
    } else {
      return false;
    }
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c < 0x20 || c == 0x7f) {
        return false; // net/url: invalid control character in URL
      }
    }
    // ParseRequestURI cuts the query first, then the authority at the first '/'; '#' is no delimiter.
    int queryStart = rest.indexOf('?');
    String beforeQuery = queryStart < 0 ? rest : rest.substring(0, queryStart);
    int authorityEnd = beforeQuery.indexOf('/');
    String authority = authorityEnd < 0 ? beforeQuery : beforeQuery.substring(0, authorityEnd);
    if (authorityEnd >= 0 && !hasValidEscapes(beforeQuery.substring(authorityEnd))) {
      return false; // net/url: invalid URL escape
    }
    String host = authority.substring(authority.lastIndexOf('@') + 1);
    if (host.startsWith("[")) {
      int close = host.indexOf(']');
      return close > 1 && isPort(host.substring(close + 1));
    }
    int colon = host.lastIndexOf(':');
    String name = colon < 0 ? host : host.substring(0, colon);
    if (name.isEmpty() || (colon >= 0 && !isPort(host.substring(colon)))) {
      return false;
    }
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      // Go's shouldEscape(c, encodeHost): letters, digits and -._~!$&'()*+,;=[]<>" (and non-ASCII) are fine.
      if (c < 0x80 && !Character.isLetterOrDigit(c) && "-._~!$&'()*+,;=[]<>\"".indexOf(c) < 0) {
        return false;
      }
    }
    return true;
  }

  /** Every '%' starts a two-digit hex escape. */
  private static boolean hasValidEscapes(String path) {
    for (int i = 0; i < path.length(); i++) {
      if (path.charAt(i) == '%') {
        if (i + 2 >= path.length() || Character.digit(path.charAt(i + 1), 16) < 0
            || Character.digit(path.charAt(i + 2), 16) < 0) {
          return false;
        }
        i += 2;
      }
    }
    return true;
  }

  /** Go's validOptionalPort: empty, or a colon followed by digits only. */
  private static boolean isPort(String port) {
    if (port.isEmpty()) {
      return true;
    }
    if (port.charAt(0) != ':') {
      return false;
    }
    for (int i = 1; i < port.length(); i++) {
      if (port.charAt(i) < '0' || port.charAt(i) > '9') {
        return false;
      }
    }
    return true;
  }

  static int codePointLength(String value) {
    return value.codePointCount(0, value.length());
  }
}
