package org.commandcenter.sandbox.internal;

import com.google.gson.JsonObject;
import java.util.Map;

/**
 * Mattermost's {@code model.AppError} (server/public/model/utils.go): serialised as
 * {@code {"id","message","detailed_error","request_id","status_code"}}; a wrapped error is appended to
 * {@code detailed_error}, and web/handlers.go wipes {@code detailed_error} unless developer mode is on.
 */
public final class AppError extends Exception {
  private static final long serialVersionUID = 1L;

  private final String where;
  private final String id;
  private final String message;
  private final String detailed;
  private final int statusCode;
  private final String wrapped;

  private AppError(String where, String id, String message, String detailed, int statusCode, String wrapped) {
    super(id, null, false, false);
    this.where = where;
    this.id = id;
    this.message = message;
    this.detailed = detailed == null ? "" : detailed;
    this.statusCode = statusCode;
    this.wrapped = wrapped;
  }

  public static AppError of(String where, String id, int statusCode) {
    return new AppError(where, id, Messages.translate(id, Map.of()), "", statusCode, null);
  }

  public static AppError of(String where, String id, Map<String, ?> params, String detailed, int statusCode) {
    return new AppError(where, id, Messages.translate(id, params), detailed, statusCode, null);
  }

  /** Like Go's {@code Wrap}: the cause shows up in {@code detailed_error}. */
  public AppError wrap(AppError cause) {
    return new AppError(where, id, message, detailed, statusCode, cause.errorText());
  }

  public AppError wrap(String cause) {
    return new AppError(where, id, message, detailed, statusCode, cause);
  }

  public AppError withStatus(int status) {
    return new AppError(where, id, message, detailed, status, wrapped);
  }

  public String id() {
    return id;
  }

  public int statusCode() {
    return statusCode;
  }

  public String message() {
    return message;
  }

  /** AppError.Error(): "where: message, detailed, wrapped". */
  public String errorText() {
    StringBuilder sb = new StringBuilder();
    if (!where.isEmpty()) sb.append(where).append(": ");
    sb.append(message);
    if (!detailed.isEmpty()) sb.append(", ").append(detailed);
    if (wrapped != null) sb.append(", ").append(wrapped);
    return sb.toString();
  }

  public JsonObject toJson(String requestId, boolean developerMode) {
    JsonObject json = new JsonObject();
    json.addProperty("id", id);
    json.addProperty("message", message);
    String detailedError = "";
    if (developerMode) {
      detailedError = detailed;
      if (wrapped != null) detailedError = detailedError.isEmpty() ? wrapped : detailedError + ", " + wrapped;
    }
    json.addProperty("detailed_error", detailedError);
    if (requestId != null && !requestId.isEmpty()) json.addProperty("request_id", requestId);
    if (statusCode != 0) json.addProperty("status_code", statusCode);
    return json;
  }
}
