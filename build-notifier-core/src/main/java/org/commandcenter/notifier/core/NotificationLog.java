package org.commandcenter.notifier.core;

/** Where the core reports what it did, one line at a time: the adapter passes the build's console. */
@FunctionalInterface
public interface NotificationLog {
  String PREFIX = "[Mattermost] ";

  void line(String text);

  static NotificationLog none() {
    return text -> {};
  }
}
