package org.commandcenter.mattermost;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.stream.JsonWriter;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import okhttp3.MediaType;
import okhttp3.RequestBody;
import okio.BufferedSink;

/**
 * Builds the JSON bodies Mattermost reads: the incoming-webhook request
 * (server/public/model/incoming_webhook.go IncomingWebhookRequest) and the REST post
 * (server/public/model/post.go Post, PostPatch).
 */
final class Payloads {
  private static final Gson CONTEXT_GSON = new GsonBuilder().disableHtmlEscaping().serializeNulls().create();

  private final Gson gson;

  Payloads(Gson gson) {
    this.gson = gson;
  }

  JsonObject webhook(Post post, String text, boolean first) {
    JsonObject json = new JsonObject();
    if (text != null && !text.isEmpty()) {
      json.addProperty("text", text);
    }
    addIfSet(json, "channel", webhookChannel(post.channel()));
    addIfSet(json, "username", post.username());
    addIfSet(json, "icon_url", post.iconUrl());
    addIfSet(json, "icon_emoji", post.iconEmoji());
    if (first) {
      if (!post.attachments().isEmpty()) {
        json.add("attachments", attachments(post));
      }
      if (!post.props().isEmpty()) {
        json.add("props", gson.toJsonTree(post.props()));
      }
      if (post.priority() != null) {
        json.add("priority", priority(post.priority()));
      }
    }
    return json;
  }

  /**
   * The webhook's {@code channel}: the server understands a name, {@code #name} and {@code @user}
   * but not Mattermost's own {@code ~name} notation (server/channels/app/webhook.go
   * HandleIncomingWebhook strips only '#'), so the tilde is dropped here as over REST.
   */
  private static String webhookChannel(String channel) {
    return channel != null && channel.startsWith("~") ? channel.substring(1) : channel;
  }

  /**
   * A REST create body (server/public/model/post.go Post); {@code first} says whether this piece carries
   * attachments, files and priority. The parts of the post that never change (props with the attachments, files,
   * priority) are serialised to UTF-8 once per post and kept with it; a send only writes what differs per part and
   * attempt (channel, text, thread, marker, pending post id) around them.
   */
  RequestBody restCreateBody(Post post, String channelId, String text, String rootId, boolean first,
      String pendingPostId, String marker) {
    Post.RestParts parts = post.restParts(first, () -> restParts(post, first));
    StringBuilder head = new StringBuilder(64);
    head.append("{\"channel_id\":");
    appendString(head, channelId);
    head.append(",\"message\":");
    byte[] message;
    if (text == null || text.equals(post.text())) {
      message = parts.message; // not split: the text was escaped and encoded once, with the post
    } else {
      StringBuilder piece = new StringBuilder(text.length() + 16);
      appendString(piece, text);
      message = piece.toString().getBytes(StandardCharsets.UTF_8);
    }
    StringBuilder middle = new StringBuilder(64);
    if (rootId != null) {
      middle.append(",\"root_id\":");
      appendString(middle, rootId);
    }
    middle.append(",\"props\":");
    // Ids, markers and pending post ids are letters, digits and colons: nothing to escape.
    String marker0 = (parts.propsEmpty ? "\"" : ",\"") + SendProgress.MARKER_PROP + "\":\"" + marker + "\"}";
    String tail = ",\"pending_post_id\":\"" + pendingPostId + "\"}";
    return new PiecesBody(head.toString().getBytes(StandardCharsets.UTF_8), message,
        middle.toString().getBytes(StandardCharsets.UTF_8), parts.props, marker0.getBytes(StandardCharsets.US_ASCII),
        parts.extras, tail.getBytes(StandardCharsets.US_ASCII));
  }

  /** The unchanging parts of a create body, as {@link #restCreateBody} writes them. */
  private Post.RestParts restParts(Post post, boolean first) {
    String props = gson.toJson(restProps(post, first));
    StringBuilder extras = new StringBuilder();
    try (JsonWriter json = new JsonWriter(new StringBuilderWriter(extras))) {
      // Written as members of an object that is already open: a dummy wrapper keeps JsonWriter's checks happy.
      json.beginObject();
      if (first && !post.fileIds().isEmpty()) {
        json.name("file_ids").beginArray();
        for (String fileId : post.fileIds()) {
          json.value(fileId);
        }
        json.endArray();
      }
      if (first && post.priority() != null) {
        Priority priority = post.priority();
        json.name("metadata").beginObject().name("priority").beginObject()
            .name("priority").value(priority.level().wireValue())
            .name("requested_ack").value(priority.requestedAck())
            .name("persistent_notifications").value(priority.persistentNotifications())
            .endObject().endObject();
      }
      json.endObject();
    } catch (java.io.IOException e) {
      throw new IllegalStateException("a StringBuilder cannot fail", e);
    }
    String members = extras.substring(1, extras.length() - 1); // without the wrapper's braces
    StringBuilder message = new StringBuilder(post.text() == null ? 2 : post.text().length() + 16);
    appendString(message, post.text() == null ? "" : post.text());
    return new Post.RestParts(props.substring(0, props.length() - 1).getBytes(StandardCharsets.UTF_8),
        props.length() == 2, (members.isEmpty() ? "" : "," + members).getBytes(StandardCharsets.UTF_8),
        message.toString().getBytes(StandardCharsets.UTF_8));
  }

  /** A JSON string literal, escaped as the client's Gson escapes (no HTML escaping). */
  private void appendString(StringBuilder out, String value) {
    try (JsonWriter json = new JsonWriter(new StringBuilderWriter(out))) {
      json.setLenient(true); // a bare string is a complete document for a lenient writer
      json.value(value);
    } catch (java.io.IOException e) {
      throw new IllegalStateException("a StringBuilder cannot fail", e);
    }
  }

  /** A request body of byte pieces written one after another: the same bytes for every retry of a part. */
  private static final class PiecesBody extends RequestBody {
    private final byte[][] pieces;
    private final long length;

    PiecesBody(byte[]... pieces) {
      this.pieces = pieces;
      long total = 0;
      for (byte[] piece : pieces) {
        total += piece.length;
      }
      this.length = total;
    }

    @Override
    public MediaType contentType() {
      return MattermostClient.JSON;
    }

    @Override
    public long contentLength() {
      return length;
    }

    @Override
    public void writeTo(BufferedSink sink) throws java.io.IOException {
      for (byte[] piece : pieces) {
        sink.write(piece);
      }
    }
  }

  /** A {@link java.io.Writer} on a {@link StringBuilder}: no lock per append (unlike StringWriter). */
  private static final class StringBuilderWriter extends java.io.Writer {
    private final StringBuilder out;

    StringBuilderWriter(StringBuilder out) {
      this.out = out;
    }

    @Override
    public void write(char[] chars, int offset, int length) {
      out.append(chars, offset, length);
    }

    @Override
    public void write(int c) {
      out.append((char) c);
    }

    @Override
    public void write(String text, int offset, int length) {
      out.append(text, offset, offset + length);
    }

    @Override
    public java.io.Writer append(CharSequence text) {
      out.append(text);
      return this;
    }

    @Override
    public void flush() {}

    @Override
    public void close() {}
  }

  /** A PostPatch: props are replaced wholesale by the server, so everything is resent. */
  JsonObject restPatch(Post post) {
    JsonObject json = new JsonObject();
    json.addProperty("message", post.text() == null ? "" : post.text());
    json.add("props", restProps(post, true));
    if (!post.fileIds().isEmpty()) {
      json.add("file_ids", stringArray(post));
    }
    return json;
  }

  private JsonObject restProps(Post post, boolean first) {
    JsonObject props = new JsonObject();
    if (first) {
      for (Map.Entry<String, Object> entry : post.props().entrySet()) {
        props.add(entry.getKey(), gson.toJsonTree(entry.getValue()));
      }
      if (!post.attachments().isEmpty()) {
        props.add("attachments", attachments(post));
      }
    }
    // The webapp only shows override_* for posts marked from_webhook (as webhooks are).
    if (post.username() != null || post.iconUrl() != null || post.iconEmoji() != null) {
      props.addProperty("from_webhook", "true");
      addIfSet(props, "override_username", post.username());
      addIfSet(props, "override_icon_url", post.iconUrl());
      addIfSet(props, "override_icon_emoji", post.iconEmoji());
    }
    return props;
  }

  private static JsonArray stringArray(Post post) {
    JsonArray array = new JsonArray();
    post.fileIds().forEach(array::add);
    return array;
  }

  static JsonObject priority(Priority priority) {
    JsonObject json = new JsonObject();
    json.addProperty("priority", priority.level().wireValue());
    json.addProperty("requested_ack", priority.requestedAck());
    json.addProperty("persistent_notifications", priority.persistentNotifications());
    return json;
  }

  static JsonArray attachments(Post post) {
    JsonArray array = new JsonArray();
    for (Attachment attachment : post.attachments()) {
      array.add(attachment(attachment));
    }
    return array;
  }

  static JsonObject attachment(Attachment attachment) {
    JsonObject json = new JsonObject();
    addIfSet(json, "fallback", attachment.fallback());
    addIfSet(json, "color", attachment.color());
    addIfSet(json, "pretext", attachment.pretext());
    addIfSet(json, "text", attachment.text());
    addIfSet(json, "author_name", attachment.authorName());
    addIfSet(json, "author_link", attachment.authorLink());
    addIfSet(json, "author_icon", attachment.authorIcon());
    addIfSet(json, "title", attachment.title());
    addIfSet(json, "title_link", attachment.titleLink());
    if (!attachment.fields().isEmpty()) {
      JsonArray fields = new JsonArray();
      for (Field field : attachment.fields()) {
        JsonObject fieldJson = new JsonObject();
        fieldJson.addProperty("title", field.title());
        fieldJson.addProperty("value", field.value());
        fieldJson.addProperty("short", field.isShort());
        fields.add(fieldJson);
      }
      json.add("fields", fields);
    }
    addIfSet(json, "image_url", attachment.imageUrl());
    addIfSet(json, "thumb_url", attachment.thumbUrl());
    addIfSet(json, "footer", attachment.footer());
    addIfSet(json, "footer_icon", attachment.footerIcon());
    if (!attachment.actions().isEmpty()) {
      json.add("actions", actions(attachment.actions()));
    }
    return json;
  }

  /** PostAction, every member omitempty (server/public/model/integration_action.go). */
  static JsonArray actions(List<Action> actions) {
    JsonArray array = new JsonArray();
    for (Action action : actions) {
      JsonObject json = new JsonObject();
      addIfSet(json, "id", action.id());
      json.addProperty("type", action.type().wireValue());
      json.addProperty("name", action.name());
      if (action.disabled()) {
        json.addProperty("disabled", true);
      }
      addIfSet(json, "style", action.style());
      addIfSet(json, "data_source", action.dataSource());
      if (!action.options().isEmpty()) {
        JsonArray options = new JsonArray();
        for (Action.Option option : action.options()) {
          JsonObject optionJson = new JsonObject();
          optionJson.addProperty("text", option.text());
          optionJson.addProperty("value", option.value());
          options.add(optionJson);
        }
        json.add("options", options);
      }
      addIfSet(json, "default_option", action.defaultOption());
      JsonObject integration = new JsonObject();
      integration.addProperty("url", action.integrationUrl());
      if (!action.context().isEmpty()) {
        integration.add("context", CONTEXT_GSON.toJsonTree(action.context()));
      }
      json.add("integration", integration);
      array.add(json);
    }
    return array;
  }

  /** The JSON as a request body; every retry resends these same bytes. */
  RequestBody body(JsonElement json) {
    // A StringBuilder, not Gson's default StringWriter: JsonWriter appends in many tiny pieces, and
    // StringWriter takes a lock for each.
    StringBuilder text = new StringBuilder(1024);
    gson.toJson(json, text);
    return RequestBody.create(text.toString().getBytes(StandardCharsets.UTF_8), MattermostClient.JSON);
  }

  private static void addIfSet(JsonObject json, String name, String value) {
    if (value != null && !value.isEmpty()) {
      json.addProperty(name, value);
    }
  }
}
