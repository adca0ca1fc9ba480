package org.commandcenter.notifier.core;

/**
 * The one exception of the core: a notification could not be sent and the caller asked to fail on error, or the
 * input was invalid. The message is for the user, names the field or channel, and never contains a secret.
 */
public final class NotificationException extends Exception {
  private static final long serialVersionUID = 1L;

  public NotificationException(String message) {
    super(message);
  }

  public NotificationException(String message, Throwable cause) {
    super(message, cause);
  }
}
