package org.commandcenter.mattermost;

import static java.util.Objects.requireNonNull;

import java.util.Locale;
import java.util.Objects;

/**
 * Message priority, sent as {@code metadata.priority} (server/public/model/post.go PostPriority).
 * Persistent notifications are only accepted on urgent posts
 * (server/channels/app/post_permission_utils.go postPriorityCheck).
 */
public final class Priority {
  public enum Level {
    IMPORTANT,
    URGENT;

    /** The wire value, {@code important} or {@code urgent}. */
    public String wireValue() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  private final Level level;
  private final boolean requestedAck;
  private final boolean persistentNotifications;

  private Priority(Builder builder) {
    this.level = builder.level;
    this.requestedAck = builder.requestedAck;
    this.persistentNotifications = builder.persistentNotifications;
  }

  public static Priority important() {
    return builder(Level.IMPORTANT).build();
  }

  public static Priority urgent() {
    return builder(Level.URGENT).build();
  }

  public static Builder builder(Level level) {
    return new Builder(level);
  }

  public Builder newBuilder() {
    return new Builder(level).requestedAck(requestedAck).persistentNotifications(persistentNotifications);
  }

  public Level level() {
    return level;
  }

  public boolean requestedAck() {
    return requestedAck;
  }

  public boolean persistentNotifications() {
    return persistentNotifications;
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof Priority
        && ((Priority) other).level == level
        && ((Priority) other).requestedAck == requestedAck
        && ((Priority) other).persistentNotifications == persistentNotifications;
  }

  @Override
  public int hashCode() {
    return Objects.hash(level, requestedAck, persistentNotifications);
  }

  @Override
  public String toString() {
    return "Priority{" + level.wireValue() + (requestedAck ? ", requestedAck" : "")
        + (persistentNotifications ? ", persistentNotifications" : "") + "}";
  }

  public static final class Builder {
    private final Level level;
    private boolean requestedAck;
    private boolean persistentNotifications;

    Builder(Level level) {
      this.level = requireNonNull(level, "level == null");
    }

    public Builder requestedAck(boolean requestedAck) {
      this.requestedAck = requestedAck;
      return this;
    }

    public Builder persistentNotifications(boolean persistentNotifications) {
      this.persistentNotifications = persistentNotifications;
      return this;
    }

    public Priority build() {
      if (persistentNotifications && level != Level.URGENT) {
        throw Checks.invalid("priority.persistentNotifications", "only allowed with priority urgent");
      }
      return new Priority(this);
    }
  }
}
