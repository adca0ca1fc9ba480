package org.commandcenter.sandbox.internal;

import static java.util.Objects.requireNonNull;

import com.google.gson.JsonElement;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/** A complete response, written by the server (or cut short when a fault says so). */
public final class HttpResponse {
  /** What Go's http.Error and its content sniffing produce for text and JSON written without a type. */
  public static final String TEXT_PLAIN_UTF8 = "text/plain; charset=utf-8";
  public static final String JSON = "application/json";

  private final int status;
  private final Map<String, String> headers = new LinkedHashMap<>();
  private final byte[] body;

  private HttpResponse(int status, String contentType, byte[] body) {
    this.status = status;
    this.body = requireNonNull(body, "body == null");
    if (contentType != null) headers.put("Content-Type", contentType);
  }

  public static HttpResponse of(int status, String contentType, byte[] body) {
    return new HttpResponse(status, contentType, body);
  }

  public static HttpResponse text(int status, String contentType, String body) {
    return new HttpResponse(status, contentType, body.getBytes(StandardCharsets.UTF_8));
  }

  public static HttpResponse json(int status, JsonElement json) {
    return text(status, JSON, Json.GSON.toJson(json));
  }

  /** Go's {@code http.Error(w, message, code)}: text/plain, nosniff, message plus a newline. */
  public static HttpResponse goHttpError(int status, String message) {
    return text(status, TEXT_PLAIN_UTF8, message + "\n").header("X-Content-Type-Options", "nosniff");
  }

  public HttpResponse header(String name, String value) {
    headers.put(name, value);
    return this;
  }

  public int status() {
    return status;
  }

  public Map<String, String> headers() {
    return headers;
  }

  public byte[] body() {
    return body;
  }
}
