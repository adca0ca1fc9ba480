package org.commandcenter.sandbox;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import org.commandcenter.sandbox.internal.Json;

/** What the server answered a request made through the sandbox's Java API: status and JSON body. */
public final class ApiAnswer {
  private final int status;
  private final JsonObject body;

  ApiAnswer(int status, JsonObject body) {
    this.status = status;
    this.body = body;
  }

  public int status() {
    return status;
  }

  /** A copy of the body: the API's answer, or its AppError ({@code id}, {@code message}, {@code detailed_error}). */
  public JsonObject json() {
    return body.deepCopy();
  }

  public String body() {
    return Json.GSON.toJson(body);
  }

  /** The AppError id, or "" on success. */
  public String errorId() {
    return string("id");
  }

  /** The AppError's message, e.g. "Action integration error.", or "". */
  public String message() {
    return string("message");
  }

  /** The AppError's detailed_error (which a real server shows only in developer mode), or "". */
  public String detailedError() {
    return string("detailed_error");
  }

  private String string(String name) {
    JsonElement value = status == 200 ? null : body.get(name);
    return value != null && value.isJsonPrimitive() ? value.getAsString() : "";
  }

  static ApiAnswer of(int status, String json) {
    return new ApiAnswer(status, JsonParser.parseString(json).getAsJsonObject());
  }

  @Override
  public String toString() {
    return "ApiAnswer{" + status + (status == 200 ? "" : " " + errorId() + ": " + message() + " (" + detailedError()
        + ")") + "}";
  }
}
