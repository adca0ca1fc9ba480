package org.commandcenter.mattermost;

import com.google.gson.annotations.SerializedName;
import java.util.Objects;

/** The fields of a Mattermost user this client needs (server/public/model/user.go). */
public final class User {
  private final String id;
  private final String username;
  private final String email;
  @SerializedName("is_bot")
  private final boolean isBot;
  /** Space-separated, e.g. {@code system_user system_admin}. */
  private final String roles;
  /** When the account was deactivated (milliseconds), 0 while it is active. */
  @SerializedName("delete_at")
  private final long deleteAt;

  public User(String id, String username, String email, boolean isBot, String roles) {
    this(id, username, email, isBot, roles, 0);
  }

  public User(String id, String username, String email, boolean isBot, String roles, long deleteAt) {
    this.id = id;
    this.username = username;
    this.email = email;
    this.isBot = isBot;
    this.roles = roles;
    this.deleteAt = deleteAt;
  }

  public String id() {
    return id;
  }

  public String username() {
    return username;
  }

  /** Empty when the server hides e-mail addresses from this session. */
  public String email() {
    return email;
  }

  public boolean isBot() {
    return isBot;
  }

  public String roles() {
    return roles;
  }

  /** Deactivated accounts keep their id and name but must not act. */
  public boolean isDeactivated() {
    return deleteAt > 0;
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof User
        && Objects.equals(((User) other).id, id)
        && Objects.equals(((User) other).username, username)
        && Objects.equals(((User) other).email, email)
        && ((User) other).isBot == isBot
        && Objects.equals(((User) other).roles, roles);
  }

  @Override
  public int hashCode() {
    return Objects.hash(id, username, email, isBot, roles);
  }

  @Override
  public String toString() {
    return "User{id=" + id + ", username=" + username + ", bot=" + isBot + "}";
  }
}
