package org.commandcenter.sandbox;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.commandcenter.sandbox.internal.Json;
import org.commandcenter.sandbox.internal.Store;

/** A post as the sandbox stored it, at the time it was read: what arrived, for tests to assert on. */
public final class ReceivedPost {
  private final Store.Post post;
  private final String channelName;
  private final String teamName;
  private final String username;

  ReceivedPost(Store.Post post, String channelName, String teamName, String username) {
    this.post = post.copy();
    this.channelName = channelName;
    this.teamName = teamName;
    this.username = username;
  }

  public String id() { return post.id; }
  public String channelId() { return post.channelId; }
  public String channelName() { return channelName; }
  /** "" for direct-message channels. */
  public String teamName() { return teamName; }
  public String userId() { return post.userId; }
  /** The account that posted (the hook's creator for webhook posts, the bot for bot tokens). */
  public String username() { return username; }
  public String message() { return post.message; }
  public String type() { return post.type; }
  /** "" for a root post. */
  public String rootId() { return post.rootId; }
  public long createAt() { return post.createAt; }
  public long updateAt() { return post.updateAt; }
  public long editAt() { return post.editAt; }
  public boolean isEdited() { return post.editAt > 0; }
  public List<String> fileIds() { return List.copyOf(post.fileIds); }
  public String pendingPostId() { return post.pendingPostId; }

  public boolean fromWebhook() {
    JsonElement flag = post.props.get("from_webhook");
    return flag != null && flag.isJsonPrimitive() && "true".equals(flag.getAsString());
  }

  /** override_username when set (webhook with overrides enabled), else the account's username. */
  public String displayName() {
    JsonElement override = post.props.get("override_username");
    return override != null && override.isJsonPrimitive() ? override.getAsString() : username;
  }

  /** A copy of the post's props. */
  public JsonObject props() {
    return post.props.deepCopy();
  }

  /** Copies of {@code props.attachments}. */
  public List<JsonObject> attachments() {
    List<JsonObject> result = new ArrayList<>();
    for (JsonElement e : post.attachments()) {
      if (e.isJsonObject()) result.add(e.getAsJsonObject().deepCopy());
    }
    return result;
  }

  /** {@code metadata.priority}, e.g. {@code {"priority":"urgent","requested_ack":true}}. */
  public Optional<JsonObject> priority() {
    return Optional.ofNullable(post.priority == null ? null : post.priority.deepCopy());
  }

  /** The REST representation plus the channel and account names. */
  public String toJson() {
    JsonObject json = post.toJson(0, List.of());
    json.addProperty("channel_name", channelName);
    json.addProperty("team_name", teamName);
    json.addProperty("username", username);
    return Json.GSON.toJson(json);
  }

  @Override
  public String toString() {
    return "ReceivedPost{channel=" + channelName + ", user=" + username + ", message=" + abbreviate(post.message)
        + ", attachments=" + post.attachments().size() + (post.rootId.isEmpty() ? "" : ", reply") + "}";
  }

  private static String abbreviate(String s) {
    return s.length() <= 60 ? s : s.substring(0, 57) + "...";
  }
}
