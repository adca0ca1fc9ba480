package org.commandcenter.mattermost;

import static java.util.Objects.requireNonNull;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.util.ArrayList;
import java.util.List;

/**
 * A post as the server returns it ({@code GET /api/v4/posts/{id}}, server/public/model/post.go). Props come back as
 * stored, except that every action has lost its integration (Post.StripActionIntegrations, run by every API
 * answer): edit it with {@link PostUpdate#of(StoredPost)}, which makes the caller set those actions again.
 */
public final class StoredPost {
  private final String id;
  private final String channelId;
  private final String rootId;
  private final String userId;
  private final String message;
  private final String type;
  private final JsonObject props;
  private final List<String> fileIds;

  private StoredPost(String id, String channelId, String rootId, String userId, String message, String type,
      JsonObject props, List<String> fileIds) {
    this.id = id;
    this.channelId = channelId;
    this.rootId = rootId;
    this.userId = userId;
    this.message = message;
    this.type = type;
    this.props = props;
    this.fileIds = List.copyOf(fileIds);
  }

  /** Reads the server's post JSON; missing members read as empty. */
  static StoredPost fromJson(JsonObject json) {
    requireNonNull(json, "json == null");
    JsonElement props = json.get("props");
    List<String> files = new ArrayList<>();
    JsonElement fileIds = json.get("file_ids");
    if (fileIds != null && fileIds.isJsonArray()) {
      fileIds.getAsJsonArray().forEach(id -> files.add(id.getAsString()));
    }
    return new StoredPost(string(json, "id"), string(json, "channel_id"), string(json, "root_id"),
        string(json, "user_id"), string(json, "message"), string(json, "type"),
        props != null && props.isJsonObject() ? props.getAsJsonObject().deepCopy() : new JsonObject(), files);
  }

  public String id() {
    return id;
  }

  public String channelId() {
    return channelId;
  }

  /** "" for a root post. */
  public String rootId() {
    return rootId;
  }

  /** The thread this post belongs to: its root, or itself when it is a root post. */
  public String threadRootId() {
    return rootId.isEmpty() ? id : rootId;
  }

  public String userId() {
    return userId;
  }

  public String message() {
    return message;
  }

  public String type() {
    return type;
  }

  public List<String> fileIds() {
    return fileIds;
  }

  /** How many message attachments the post carries ({@code props.attachments}). */
  public int attachmentCount() {
    return attachments().size();
  }

  /** The ids of the actions of one attachment, in order. */
  public List<String> actionIds(int attachment) {
    List<String> ids = new ArrayList<>();
    JsonArray actions = actionsOf(attachment);
    for (JsonElement action : actions) {
      if (action.isJsonObject()) {
        ids.add(string(action.getAsJsonObject(), "id"));
      }
    }
    return ids;
  }

  /** A string prop, or "" (e.g. {@code from_webhook}, {@code override_username}). */
  public String prop(String key) {
    return string(props, key);
  }

  JsonObject propsCopy() {
    return props.deepCopy();
  }

  JsonArray attachments() {
    JsonElement attachments = props.get("attachments");
    return attachments != null && attachments.isJsonArray() ? attachments.getAsJsonArray() : new JsonArray();
  }

  private JsonArray actionsOf(int attachment) {
    JsonArray attachments = attachments();
    if (attachment < 0 || attachment >= attachments.size() || !attachments.get(attachment).isJsonObject()) {
      throw new IndexOutOfBoundsException("attachment " + attachment + " of " + attachments.size());
    }
    JsonElement actions = attachments.get(attachment).getAsJsonObject().get("actions");
    return actions != null && actions.isJsonArray() ? actions.getAsJsonArray() : new JsonArray();
  }

  static String string(JsonObject json, String name) {
    JsonElement element = json.get(name);
    return element == null || element.isJsonNull() || !element.isJsonPrimitive() ? "" : element.getAsString();
  }

  @Override
  public String toString() {
    return "StoredPost{id=" + id + ", channel=" + channelId + ", attachments=" + attachmentCount() + "}";
  }
}
