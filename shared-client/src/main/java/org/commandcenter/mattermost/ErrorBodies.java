package org.commandcenter.mattermost;

import com.google.gson.Gson;
import com.google.gson.JsonParseException;
import com.google.gson.annotations.SerializedName;
import java.util.Set;

/**
 * Turns a failed answer into a {@link MattermostException}. Mattermost answers errors with an
 * AppError body {@code {id, message, detailed_error, request_id, status_code}}
 * (server/public/model/utils.go AppError.ToJSON) and the {@code X-Request-ID} header; its rate
 * limiter answers 429 with the plain text {@code limit exceeded} (server/channels/app/ratelimit.go).
 */
final class ErrorBodies {
  private static final int MAX_MESSAGE_LENGTH = 500;

  /** The AppError wire form; only read, never written. */
  static final class AppError {
    String id;
    String message;
    @SerializedName("detailed_error")
    String detailedError;
    @SerializedName("request_id")
    String requestId;
    @SerializedName("status_code")
    int statusCode;
  }

  private ErrorBodies() {}

  /**
   * 500s that repeat on every attempt: a reply whose root is in another channel
   * (server/channels/app/post.go CreatePost) and persistent notifications without recipients.
   */
  private static final Set<String> PERMANENT_SERVER_ERRORS = Set.of(
      "api.post.create_post.channel_root_id.app_error",
      "api.post.post_priority.persistent_notification_validation_error.request_error");

  /** 429 and 5xx, except 501 (a disabled feature or missing license) and 505. */
  static boolean isRetryableStatus(int code) {
    return code == 429 || (code >= 500 && code != 501 && code != 505);
  }

  static MattermostException fromAnswer(String action, HttpAnswer answer, Gson gson, Redactor redactor) {
    String errorId = null;
    String serverMessage = null;
    String requestId = answer.headers.get("X-Request-ID");
    String body = answer.body == null ? "" : answer.body.trim();
    AppError appError = parseAppError(body, gson);
    if (appError != null) {
      errorId = emptyToNull(appError.id);
      serverMessage = emptyToNull(appError.message);
      if (requestId == null) {
        requestId = emptyToNull(appError.requestId);
      }
    } else if (!body.isEmpty()) {
      serverMessage = body;
    }
    // Redact before truncating: a cut could leave a secret's prefix that no longer matches.
    serverMessage = truncate(redactor.redact(serverMessage));
    errorId = redactor.redact(errorId);
    StringBuilder message = new StringBuilder()
        .append(action).append(" failed: HTTP ").append(answer.code);
    if (errorId != null) {
      message.append(' ').append(errorId);
    }
    if (serverMessage != null) {
      message.append(": ").append(serverMessage);
    }
    if (answer.code >= 300 && answer.code < 400) {
      message.append(" (redirects are not followed: configure the final URL)");
    }
    if (requestId != null) {
      message.append(" (request id ").append(requestId).append(')');
    }
    boolean retryable = isRetryableStatus(answer.code)
        && (errorId == null || !PERMANENT_SERVER_ERRORS.contains(errorId));
    return new MattermostException(redactor.redact(message.toString()), answer.code, errorId,
        serverMessage, requestId, retryable, null);
  }

  private static AppError parseAppError(String body, Gson gson) {
    if (!body.startsWith("{")) {
      return null;
    }
    try {
      AppError error = gson.fromJson(body, AppError.class);
      return error != null && (error.id != null || error.message != null) ? error : null;
    } catch (JsonParseException e) {
      return null;
    }
  }

  private static String truncate(String text) {
    if (text == null || text.length() <= MAX_MESSAGE_LENGTH) {
      return text;
    }
    int end = MAX_MESSAGE_LENGTH;
    if (Character.isHighSurrogate(text.charAt(end - 1))) {
      end--;
    }
    return text.substring(0, end) + "…";
  }

  private static String emptyToNull(String value) {
    return value == null || value.isEmpty() ? null : value;
  }
}
