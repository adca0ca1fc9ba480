package org.commandcenter.sonar.mattermost;

import java.util.Objects;
import java.util.Optional;

/** Where an alert goes, and why (for the log). A {@code null} channel means the webhook's own channel. */
public final class ChannelRoute {

  private final String channel;
  private final String reason;
  private final String warning;

  private ChannelRoute(String channel, String reason, String warning) {
    this.channel = channel;
    this.reason = Objects.requireNonNull(reason, "reason == null");
    this.warning = warning;
  }

  static ChannelRoute to(String channel, String reason) {
    return new ChannelRoute(channel, reason, null);
  }

  ChannelRoute withWarning(String warning) {
    return new ChannelRoute(channel, reason, warning);
  }

  public Optional<String> channel() {
    return Optional.ofNullable(channel);
  }

  public String reason() {
    return reason;
  }

  /** Set when the project asked for a channel it may not use. */
  public Optional<String> warning() {
    return Optional.ofNullable(warning);
  }

  @Override
  public String toString() {
    return (channel == null ? "(webhook channel)" : channel) + " (" + reason + ")";
  }
}
