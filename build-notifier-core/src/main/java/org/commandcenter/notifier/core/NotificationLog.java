package org.commandcenter.notifier.core;

/** Where the core reports what it did, one line at a time: the adapter passes the build's console. */
@FunctionalInterface
public interface NotificationLog {
  String PREFIX = "[Mattermost] ";

  void line(String text);

  /** One line with the notifier's prefix. */
  default void notice(String text) {
    line(PREFIX + text);
  }

  static NotificationLog none() {
    return text -> {};
  }

  /** How a failure reads in the log: its message (client exceptions never carry secrets), else its type. */
  static String reason(Exception e) {
    String message = e.getMessage();
    return message == null || message.isBlank() ? e.getClass().getSimpleName() : message;
  }
}
