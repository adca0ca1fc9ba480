package org.commandcenter.sandbox.internal;

import java.util.Optional;

/** app.ParseAuthTokenFromRequest (server/channels/app/session.go) and the session lookup behind it. */
public final class Sessions {
  /** Where the token came from; a query-string token is refused for non-OAuth sessions (web/handlers.go). */
  public enum Location { NONE, HEADER, COOKIE, QUERY }

  private Sessions() {
  }

  public static Location tokenLocation(HttpRequest request) {
    return parse(request).location;
  }

  public static String token(HttpRequest request) {
    return parse(request).token;
  }

  private static final class Parsed {
    final String token;
    final Location location;

    Parsed(String token, Location location) {
      this.token = token;
      this.location = location;
    }
  }

  private static Parsed parse(HttpRequest request) {
    String auth = request.header("Authorization");
    if (auth != null) {
      if (auth.length() > 7 && auth.substring(0, 7).equalsIgnoreCase("bearer ")) return new Parsed(auth.substring(7), Location.HEADER);
      if (auth.length() > 6 && auth.substring(0, 6).equalsIgnoreCase("token ")) return new Parsed(auth.substring(6), Location.HEADER);
    }
    String cookie = request.header("Cookie");
    if (cookie != null) {
      for (String piece : cookie.split(";")) {
        String c = piece.trim();
        if (c.startsWith("MMAUTHTOKEN=")) return new Parsed(c.substring("MMAUTHTOKEN=".length()), Location.COOKIE);
      }
    }
    String query = request.query("access_token");
    if (query != null && !query.isEmpty()) return new Parsed(query, Location.QUERY);
    return new Parsed("", Location.NONE);
  }

  /** The user of a valid personal access token (or bot token), if any. */
  public static Optional<Store.User> user(Store store, HttpRequest request) {
    Parsed parsed = parse(request);
    if (parsed.token.isEmpty()) return Optional.empty();
    return store.userByToken(parsed.token);
  }
}
