package org.commandcenter.mattermost;

import static java.util.Objects.requireNonNull;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The new content of a post that an integration hands back as an action response's {@code update}. The server
 * (DoPostActionWithCookie, server/channels/app/integration_action.go) replaces the message, and replaces the props
 * wholesale whenever the update has props: an update without {@code attachments} removes the buttons, and one without
 * a message empties the text (App.UpdatePost, server/channels/app/post.go). Only {@code from_webhook},
 * {@code override_username} and {@code override_icon_url} are carried over from the old post
 * (model.PostActionRetainPropKeys). So an update always carries the whole post.
 */
public final class PostUpdate {
  private final JsonObject json;

  private PostUpdate(JsonObject json) {
    this.json = json;
  }

  /** The whole of a freshly built post: its text, attachments with their buttons, props and overrides. */
  public static PostUpdate of(Post post) {
    requireNonNull(post, "post == null");
    return new PostUpdate(new Payloads(new GsonBuilder().disableHtmlEscaping().create()).restPatch(post));
  }

  /** An edit of a post read back from the server, keeping everything not edited. */
  public static Builder of(StoredPost stored) {
    requireNonNull(stored, "stored == null");
    return new Builder(stored);
  }

  /** {@code {"message": …, "props": {…}, "file_ids": […]}}. */
  JsonObject toJsonTree() {
    return json.deepCopy();
  }

  public String toJson() {
    return json.toString();
  }

  @Override
  public String toString() {
    return "PostUpdate{" + (json.has("props") ? "props" : "message only") + "}";
  }

  public static final class Builder {
    private final StoredPost stored;
    private String message;
    private final JsonArray attachments;
    private final JsonObject props;
    private final Map<Integer, List<Action>> actions = new HashMap<>();

    private Builder(StoredPost stored) {
      this.stored = stored;
      this.message = stored.message();
      this.props = stored.propsCopy();
      this.attachments = stored.attachments().deepCopy();
    }

    public Builder message(String message) {
      this.message = requireNonNull(message, "message == null");
      return this;
    }

    /** Sets the buttons of one attachment (required for every attachment that had some). */
    public Builder actions(int attachment, List<Action> newActions) {
      requireNonNull(newActions, "newActions == null");
      attachment(attachment);
      actions.put(attachment, List.copyOf(newActions));
      return this;
    }

    /** Replaces the field with the same title in one attachment, or adds it at the end. */
    public Builder putField(int attachment, Field field) {
      requireNonNull(field, "field == null");
      JsonArray fields = fields(attachment(attachment));
      JsonObject json = new JsonObject();
      json.addProperty("title", field.title());
      json.addProperty("value", field.value());
      json.addProperty("short", field.isShort());
      for (int i = 0; i < fields.size(); i++) {
        if (isTitled(fields.get(i), field.title())) {
          fields.set(i, json);
          return this;
        }
      }
      fields.add(json);
      return this;
    }

    public Builder removeField(int attachment, String title) {
      requireNonNull(title, "title == null");
      JsonArray fields = fields(attachment(attachment));
      for (int i = fields.size() - 1; i >= 0; i--) {
        if (isTitled(fields.get(i), title)) {
          fields.remove(i);
        }
      }
      return this;
    }

    /**
     * @throws IllegalStateException when an attachment still has actions the server sent back without their
     *     integration: kept as they are, those buttons would answer every click with a 404
     */
    public PostUpdate build() {
      List<Action> all = new ArrayList<>();
      for (int i = 0; i < attachments.size(); i++) {
        if (!attachments.get(i).isJsonObject()) {
          continue;
        }
        JsonObject attachment = attachments.get(i).getAsJsonObject();
        List<Action> replaced = actions.get(i);
        if (replaced != null) {
          if (replaced.isEmpty()) {
            attachment.remove("actions");
          } else {
            attachment.add("actions", Payloads.actions(replaced));
          }
          all.addAll(replaced);
        } else if (!stored.actionIds(i).isEmpty()) {
          throw new IllegalStateException("attachments[" + i + "].actions: the server returns actions without "
              + "their integration; set them again with actions(" + i + ", ...)");
        }
      }
      Checks.requireDistinctActionIds("attachments.actions", all);
      if (attachments.size() > 0) {
        props.add("attachments", attachments);
      }
      JsonObject json = new JsonObject();
      json.addProperty("message", message);
      json.add("props", props);
      if (!stored.fileIds().isEmpty()) {
        JsonArray files = new JsonArray();
        stored.fileIds().forEach(files::add);
        json.add("file_ids", files);
      }
      return new PostUpdate(json);
    }

    private JsonObject attachment(int index) {
      if (index < 0 || index >= attachments.size() || !attachments.get(index).isJsonObject()) {
        throw new IndexOutOfBoundsException("attachment " + index + " of " + attachments.size());
      }
      return attachments.get(index).getAsJsonObject();
    }

    private static JsonArray fields(JsonObject attachment) {
      JsonElement fields = attachment.get("fields");
      if (fields == null || !fields.isJsonArray()) {
        JsonArray created = new JsonArray();
        attachment.add("fields", created);
        return created;
      }
      return fields.getAsJsonArray();
    }

    private static boolean isTitled(JsonElement field, String title) {
      return field.isJsonObject() && title.equals(StoredPost.string(field.getAsJsonObject(), "title"));
    }
  }
}
