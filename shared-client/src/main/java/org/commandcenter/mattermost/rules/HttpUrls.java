package org.commandcenter.mattermost.rules;

import okhttp3.HttpUrl;

/**
 * Absolute http(s) URLs as the server accepts them ({@code server/public/model/utils.go}: IsValidHTTPURL): an
 * {@code http://} or {@code https://} prefix, what Go's {@code url.ParseRequestURI} accepts, and a host. Go is more
 * lenient than {@link java.net.URI}: it takes {@code |}, spaces or braces in path and query, and underscores in host
 * names ({@code http://mattermost_app:8065}, a Docker Compose service name), so those are accepted here too.
 */
public final class HttpUrls {
  private HttpUrls() {}

  public static boolean isValid(String value) {
    if (value == null) {
      return false;
    }
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

  /** Null and empty mean "not set" and pass; anything else must be {@link #isValid valid}. */
  public static void requireValidOrEmpty(String field, String value) {
    if (value != null && !value.isEmpty() && !isValid(value)) {
      throw Fields.invalid(field, "must be an absolute http:// or https:// URL");
    }
  }

  /**
   * The URL's parts, for checks beyond validity (user info, query, path), or null when the server would refuse
   * it. Host names with {@code _} parse, unlike with {@link java.net.URI}.
   */
  public static HttpUrl parse(String value) {
    return isValid(value) ? HttpUrl.parse(value) : null;
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
}
