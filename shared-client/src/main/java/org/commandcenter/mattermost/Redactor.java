package org.commandcenter.mattermost;

import java.util.ArrayList;
import java.util.List;

/** Removes webhook keys and tokens from any text before it reaches an exception or a log line. */
final class Redactor {
  static final String MASK = "***";

  private final List<String> secrets;

  Redactor(List<String> secrets) {
    List<String> nonEmpty = new ArrayList<>();
    for (String secret : secrets) {
      if (secret != null && secret.length() >= 4) {
        nonEmpty.add(secret);
      }
    }
    // Longest first, so a webhook URL is masked as a whole before its key.
    nonEmpty.sort((a, b) -> b.length() - a.length());
    this.secrets = List.copyOf(nonEmpty);
  }

  String redact(String text) {
    if (text == null) {
      return null;
    }
    String result = text;
    for (String secret : secrets) {
      result = result.replace(secret, MASK);
    }
    return result;
  }

  /** A throwable safe to attach as a cause: the original unless its messages mention a secret. */
  Throwable safeCause(Throwable cause) {
    if (cause == null) {
      return null;
    }
    boolean leaks = false;
    for (Throwable t = cause; t != null; t = t.getCause()) {
      String message = t.getMessage();
      if (message != null && !message.equals(redact(message))) {
        leaks = true;
        break;
      }
    }
    if (!leaks) {
      return cause;
    }
    Exception replacement = new Exception(cause.getClass().getName() + ": " + redact(cause.getMessage()));
    replacement.setStackTrace(cause.getStackTrace());
    return replacement;
  }
}
