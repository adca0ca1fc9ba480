package org.commandcenter.notifier.core;

/**
 * Why the port could not do what was asked (a disabled job, a parameter Jenkins refuses, a log it cannot read). The
 * message is shown to the user who asked, as plain text: it must name the problem and carry no secret.
 */
public final class ChatOpsException extends Exception {
  private static final long serialVersionUID = 1L;

  public ChatOpsException(String message) {
    super(message);
  }

  public ChatOpsException(String message, Throwable cause) {
    super(message, cause);
  }
}
