package org.commandcenter.mattermost;

import com.google.gson.annotations.SerializedName;
import java.util.Objects;

/** A channel as Mattermost returns it (server/public/model/channel.go). */
public final class Channel {
  private final String id;
  private final String name;
  @SerializedName("display_name")
  private final String displayName;
  @SerializedName("team_id")
  private final String teamId;
  /** {@code O} open, {@code P} private, {@code D} direct, {@code G} group. */
  private final String type;

  public Channel(String id, String name, String displayName, String teamId, String type) {
    this.id = id;
    this.name = name;
    this.displayName = displayName;
    this.teamId = teamId;
    this.type = type;
  }

  public String id() {
    return id;
  }

  public String name() {
    return name;
  }

  public String displayName() {
    return displayName;
  }

  public String teamId() {
    return teamId;
  }

  public String type() {
    return type;
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof Channel
        && Objects.equals(((Channel) other).id, id)
        && Objects.equals(((Channel) other).name, name)
        && Objects.equals(((Channel) other).displayName, displayName)
        && Objects.equals(((Channel) other).teamId, teamId)
        && Objects.equals(((Channel) other).type, type);
  }

  @Override
  public int hashCode() {
    return Objects.hash(id, name, displayName, teamId, type);
  }

  @Override
  public String toString() {
    return "Channel{id=" + id + ", name=" + name + ", teamId=" + teamId + ", type=" + type + "}";
  }
}
