package org.commandcenter.mattermost;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import com.google.gson.ToNumberPolicy;
import com.google.gson.reflect.TypeToken;
import java.lang.reflect.Type;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A delivery as the outbox keeps it: JSON of our own (version 1), read back through the same builders that
 * validated it, so what comes out is what went in. Prop values keep their exact numbers (a lazily parsed number
 * is written back as it was read). Nothing in it is a secret: connections are keys.
 */
final class DeliveryCodec {
  static final int VERSION = 1;

  /** A stored delivery and what the engine adds to it. */
  record Stored(Delivery delivery, long sequence, long createdAtMillis) {}

  private static final Gson GSON = new GsonBuilder()
      .disableHtmlEscaping()
      .setObjectToNumberStrategy(ToNumberPolicy.LAZILY_PARSED_NUMBER)
      .create();
  private static final Type PROPS = new TypeToken<LinkedHashMap<String, Object>>() {}.getType();

  private DeliveryCodec() {}

  static byte[] encode(Delivery delivery, long sequence, long createdAtMillis) {
    JsonObject json = new JsonObject();
    json.addProperty("v", VERSION);
    json.addProperty("seq", sequence);
    json.addProperty("createdAt", createdAtMillis);
    json.addProperty("id", delivery.id());
    json.addProperty("connection", delivery.connection());
    addIfSet(json, "channel", delivery.channel());
    addIfSet(json, "coalesceKey", delivery.coalesceKey());
    addIfSet(json, "condition", delivery.condition());
    if (delivery.summary() != null) {
      JsonObject summary = new JsonObject();
      summary.addProperty("severity", delivery.summary().severity().name());
      summary.addProperty("text", delivery.summary().text());
      addIfSet(summary, "link", delivery.summary().link());
      json.add("summary", summary);
    }
    if (!delivery.attributes().isEmpty()) {
      JsonObject attributes = new JsonObject();
      delivery.attributes().forEach(attributes::addProperty);
      json.add("attributes", attributes);
    }
    JsonArray steps = new JsonArray();
    for (Delivery.Step step : delivery.steps()) {
      JsonObject stepJson = new JsonObject();
      stepJson.addProperty("kind", step.kind().name());
      if (step.replyTo() >= 0) {
        stepJson.addProperty("replyTo", step.replyTo());
      }
      addIfSet(stepJson, "postId", step.postId());
      stepJson.add("post", post(step.post()));
      steps.add(stepJson);
    }
    json.add("steps", steps);
    return GSON.toJson(json).getBytes(StandardCharsets.UTF_8);
  }

  /** @throws IllegalArgumentException naming what is wrong, for an entry that cannot be read back */
  static Stored decode(byte[] bytes) {
    JsonObject json;
    try {
      JsonElement parsed = JsonParser.parseString(new String(bytes, StandardCharsets.UTF_8));
      if (!parsed.isJsonObject()) {
        throw new IllegalArgumentException("not a JSON object");
      }
      json = parsed.getAsJsonObject();
    } catch (JsonParseException e) {
      throw new IllegalArgumentException("not JSON: " + e.getMessage(), e);
    }
    try {
      int version = json.get("v").getAsInt();
      if (version != VERSION) {
        throw new IllegalArgumentException("version " + version + ", this engine reads " + VERSION);
      }
      Delivery.Builder builder = Delivery.builder()
          .id(string(json, "id"))
          .connection(string(json, "connection"))
          .channel(string(json, "channel"))
          .coalesceKey(string(json, "coalesceKey"))
          .condition(string(json, "condition"));
      JsonObject summary = object(json, "summary");
      if (summary != null) {
        builder.summary(Delivery.Summary.of(Delivery.Severity.valueOf(string(summary, "severity")),
            string(summary, "text"), string(summary, "link")));
      }
      JsonObject attributes = object(json, "attributes");
      if (attributes != null) {
        for (Map.Entry<String, JsonElement> attribute : attributes.entrySet()) {
          builder.attribute(attribute.getKey(), attribute.getValue().getAsString());
        }
      }
      for (JsonElement element : json.getAsJsonArray("steps")) {
        JsonObject step = element.getAsJsonObject();
        Post post = post(step.getAsJsonObject("post"));
        switch (Delivery.Step.Kind.valueOf(string(step, "kind"))) {
          case CREATE:
            if (step.has("replyTo")) {
              builder.reply(step.get("replyTo").getAsInt(), post);
            } else {
              builder.post(post);
            }
            break;
          case UPDATE:
            builder.update(string(step, "postId"), post);
            break;
          default:
            throw new IllegalArgumentException("unknown step kind");
        }
      }
      return new Stored(builder.build(), json.get("seq").getAsLong(), json.get("createdAt").getAsLong());
    } catch (RuntimeException e) {
      if (e instanceof IllegalArgumentException && e.getMessage() != null) {
        throw e;
      }
      throw new IllegalArgumentException("unreadable delivery: " + e, e);
    }
  }

  private static JsonObject post(Post post) {
    JsonObject json = new JsonObject();
    addIfSet(json, "text", post.text());
    addIfSet(json, "channel", post.channel());
    addIfSet(json, "username", post.username());
    addIfSet(json, "iconUrl", post.iconUrl());
    addIfSet(json, "iconEmoji", post.iconEmoji());
    addIfSet(json, "rootId", post.rootId());
    if (!post.attachments().isEmpty()) {
      JsonArray attachments = new JsonArray();
      post.attachments().forEach(attachment -> attachments.add(Payloads.attachment(attachment)));
      json.add("attachments", attachments);
    }
    if (!post.props().isEmpty()) {
      json.add("props", GSON.toJsonTree(post.props()));
    }
    if (post.priority() != null) {
      json.add("priority", Payloads.priority(post.priority()));
    }
    if (!post.fileIds().isEmpty()) {
      JsonArray fileIds = new JsonArray();
      post.fileIds().forEach(fileIds::add);
      json.add("fileIds", fileIds);
    }
    return json;
  }

  private static Post post(JsonObject json) {
    Post.Builder post = Post.builder()
        .text(string(json, "text"))
        .channel(string(json, "channel"))
        .username(string(json, "username"))
        .iconUrl(string(json, "iconUrl"))
        .iconEmoji(string(json, "iconEmoji"))
        .rootId(string(json, "rootId"));
    JsonArray attachments = json.getAsJsonArray("attachments");
    if (attachments != null) {
      for (JsonElement attachment : attachments) {
        post.addAttachment(attachment(attachment.getAsJsonObject()));
      }
    }
    JsonObject props = object(json, "props");
    if (props != null) {
      Map<String, Object> values = GSON.fromJson(props, PROPS);
      for (Map.Entry<String, Object> prop : values.entrySet()) {
        // A digest's list is one of the client's own props; every other prop went in through prop().
        if (prop.getKey().equals(Digests.DIGEST_PROP)) {
          post.managedProp(prop.getKey(), prop.getValue());
        } else {
          post.prop(prop.getKey(), prop.getValue());
        }
      }
    }
    JsonObject priority = object(json, "priority");
    if (priority != null) {
      post.priority(Priority.builder(Priority.Level.valueOf(string(priority, "priority").toUpperCase(
              java.util.Locale.ROOT)))
          .requestedAck(priority.get("requested_ack").getAsBoolean())
          .persistentNotifications(priority.get("persistent_notifications").getAsBoolean())
          .build());
    }
    JsonArray fileIds = json.getAsJsonArray("fileIds");
    if (fileIds != null) {
      fileIds.forEach(id -> post.addFileId(id.getAsString()));
    }
    return post.build();
  }

  /** The inverse of {@link Payloads#attachment}. */
  private static Attachment attachment(JsonObject json) {
    Attachment.Builder attachment = Attachment.builder()
        .fallback(string(json, "fallback"))
        .color(string(json, "color"))
        .pretext(string(json, "pretext"))
        .text(string(json, "text"))
        .authorName(string(json, "author_name"))
        .authorLink(string(json, "author_link"))
        .authorIcon(string(json, "author_icon"))
        .title(string(json, "title"))
        .titleLink(string(json, "title_link"))
        .imageUrl(string(json, "image_url"))
        .thumbUrl(string(json, "thumb_url"))
        .footer(string(json, "footer"))
        .footerIcon(string(json, "footer_icon"));
    JsonArray fields = json.getAsJsonArray("fields");
    if (fields != null) {
      for (JsonElement element : fields) {
        JsonObject field = element.getAsJsonObject();
        attachment.addField(Field.of(string(field, "title"), string(field, "value"),
            field.get("short").getAsBoolean()));
      }
    }
    return attachment.build();
  }

  private static JsonObject object(JsonObject json, String name) {
    JsonElement element = json.get(name);
    return element != null && element.isJsonObject() ? element.getAsJsonObject() : null;
  }

  private static String string(JsonObject json, String name) {
    JsonElement element = json.get(name);
    return element == null || element.isJsonNull() ? null : element.getAsString();
  }

  private static void addIfSet(JsonObject json, String name, String value) {
    if (value != null) {
      json.addProperty(name, value);
    }
  }
}
