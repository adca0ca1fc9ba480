package org.commandcenter.sandbox.internal;

import static java.util.Objects.requireNonNull;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/** One request as the handlers see it: the body is already read, up to the route's limit. */
public final class HttpRequest {
  private final String method;
  private final String path;
  private final String rawQuery;
  private final Map<String, List<String>> headers;
  private final byte[] body;
  private final boolean bodyTooLarge;
  private final String remoteIp;
  private final String requestId;

  public HttpRequest(String method, String path, String rawQuery, Map<String, List<String>> headers, byte[] body,
      boolean bodyTooLarge, String remoteIp, String requestId) {
    this.method = requireNonNull(method, "method == null");
    this.path = requireNonNull(path, "path == null");
    this.rawQuery = rawQuery == null ? "" : rawQuery;
    TreeMap<String, List<String>> copy = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    headers.forEach((k, v) -> copy.put(k, List.copyOf(v)));
    this.headers = Collections.unmodifiableMap(copy);
    this.body = body;
    this.bodyTooLarge = bodyTooLarge;
    this.remoteIp = remoteIp;
    this.requestId = requestId;
  }

  public String method() {
    return method;
  }

  /** The decoded path, e.g. {@code /api/v4/users/email/a@b.c}. */
  public String path() {
    return path;
  }

  public String header(String name) {
    List<String> values = headers.get(name);
    return values == null || values.isEmpty() ? null : values.get(0);
  }

  public byte[] body() {
    return body;
  }

  public String bodyText() {
    return new String(body, StandardCharsets.UTF_8);
  }

  /** True when the client sent more than the route accepts; {@link #body()} then holds only the accepted prefix. */
  public boolean bodyTooLarge() {
    return bodyTooLarge;
  }

  public String remoteIp() {
    return remoteIp;
  }

  public String requestId() {
    return requestId;
  }

  public String query(String name) {
    List<String> values = queryParams().get(name);
    return values == null || values.isEmpty() ? null : values.get(0);
  }

  public Map<String, List<String>> queryParams() {
    return parseForm(rawQuery);
  }

  /** The media type of Content-Type, lower-cased, without parameters; "" when absent. */
  public String mediaType() {
    String contentType = header("Content-Type");
    if (contentType == null) return "";
    int semicolon = contentType.indexOf(';');
    String type = semicolon >= 0 ? contentType.substring(0, semicolon) : contentType;
    return type.trim().toLowerCase(Locale.ROOT);
  }

  public static Map<String, List<String>> parseForm(String encoded) {
    Map<String, List<String>> result = new LinkedHashMap<>();
    if (encoded == null || encoded.isEmpty()) return result;
    for (String pair : encoded.split("&")) {
      if (pair.isEmpty()) continue;
      int eq = pair.indexOf('=');
      String key = eq >= 0 ? pair.substring(0, eq) : pair;
      String value = eq >= 0 ? pair.substring(eq + 1) : "";
      try {
        key = URLDecoder.decode(key, StandardCharsets.UTF_8);
        value = URLDecoder.decode(value, StandardCharsets.UTF_8);
      } catch (IllegalArgumentException e) {
        continue;
      }
      result.computeIfAbsent(key, k -> new ArrayList<>()).add(value);
    }
    return result;
  }
}
