package org.commandcenter.mattermost;

import java.io.IOException;

/**
 * The one exception of this client. It carries what Mattermost said (its {@code AppError} body:
 * {@code id}, {@code message}, {@code request_id}, {@code status_code}) and never a token or a
 * webhook key.
 */
public final class MattermostException extends IOException {
  private static final long serialVersionUID = 1L;

  private final int statusCode;
  private final String errorId;
  private final String serverMessage;
  private final String requestId;
  private final boolean retryable;

  /**
   * @param message a description free of secrets
   * @param statusCode the HTTP status, or 0 when there was no HTTP answer
   */
  public MattermostException(String message, int statusCode, String errorId, String serverMessage,
      String requestId, boolean retryable, Throwable cause) {
    super(message, cause);
    this.statusCode = statusCode;
    this.errorId = errorId;
    this.serverMessage = serverMessage;
    this.requestId = requestId;
    this.retryable = retryable;
  }

  public MattermostException(String message) {
    this(message, 0, null, null, null, false, null);
  }

  /** HTTP status of the last answer, or 0 if the server never answered (I/O error, timeout). */
  public int statusCode() {
    return statusCode;
  }

  /** Mattermost's error id such as {@code api.context.invalid_param.app_error}, or null. */
  public String errorId() {
    return errorId;
  }

  /** Mattermost's human-readable message, or null. */
  public String serverMessage() {
    return serverMessage;
  }

  /** The {@code X-Request-ID} (or {@code request_id} of the body) for the server's logs, or null. */
  public String requestId() {
    return requestId;
  }

  /** Whether trying again later may succeed (I/O errors, timeouts, 5xx, 429). */
  public boolean isRetryable() {
    return retryable;
  }
}
