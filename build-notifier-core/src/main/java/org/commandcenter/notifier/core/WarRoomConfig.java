package org.commandcenter.notifier.core;

import java.util.Objects;

/** Where the War Room is: a Calls-enabled channel of a team, on a Mattermost site. */
public final class WarRoomConfig {
  private final String channel;
  private final String team;
  private final String siteUrl;

  private WarRoomConfig(Builder builder) {
    this.channel = builder.channel;
    this.team = builder.team;
    this.siteUrl = builder.siteUrl;
  }

  public static Builder builder() {
    return new Builder();
  }

  public Builder newBuilder() {
    return new Builder(this);
  }

  /** The channel name (URL name, e.g. {@code war-room}). */
  public String channel() {
    return channel;
  }

  /** The team name (URL name). */
  public String team() {
    return team;
  }

  /** The site URL, or null to use the client's site URL. */
  public String siteUrl() {
    return siteUrl;
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof WarRoomConfig
        && ((WarRoomConfig) other).channel.equals(channel)
        && ((WarRoomConfig) other).team.equals(team)
        && Objects.equals(((WarRoomConfig) other).siteUrl, siteUrl);
  }

  @Override
  public int hashCode() {
    return Objects.hash(channel, team, siteUrl);
  }

  @Override
  public String toString() {
    return "WarRoomConfig{team=" + team + ", channel=" + channel + "}";
  }

  public static final class Builder {
    private String channel;
    private String team;
    private String siteUrl;

    Builder() {}

    Builder(WarRoomConfig config) {
      this.channel = config.channel;
      this.team = config.team;
      this.siteUrl = config.siteUrl;
    }

    public Builder channel(String channel) {
      this.channel = channel;
      return this;
    }

    public Builder team(String team) {
      this.team = team;
      return this;
    }

    public Builder siteUrl(String siteUrl) {
      this.siteUrl = Checks.emptyToNull(siteUrl);
      return this;
    }

    /** @throws IllegalArgumentException naming the field, e.g. {@code warRoom.channel: must not be blank}. */
    public WarRoomConfig build() {
      Checks.requireNotBlank("warRoom.channel", channel);
      Checks.requireNotBlank("warRoom.team", team);
      channel = channel.strip();
      if (channel.startsWith("#") || channel.startsWith("~")) {
        channel = channel.substring(1);
      }
      team = team.strip();
      if (channel.isEmpty() || channel.chars().anyMatch(Character::isWhitespace)) {
        throw Checks.invalid("warRoom.channel", "must be a channel name without spaces");
      }
      if (team.chars().anyMatch(Character::isWhitespace)) {
        throw Checks.invalid("warRoom.team", "must be a team name without spaces");
      }
      Checks.requireHttpUrlOrNull("warRoom.siteUrl", siteUrl);
      return new WarRoomConfig(this);
    }
  }
}
