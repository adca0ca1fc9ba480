package org.commandcenter.sandbox.internal;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import java.io.IOException;
import java.math.BigDecimal;
import java.util.regex.Pattern;

/** Slack-compatible attachment and text handling of incoming webhooks. */
final class SlackCompat {
  /** server/channels/app/webhook.go linkWithTextRegex: {@code <url|text>} becomes {@code [text](url)}. */
  private static final Pattern LINK_WITH_TEXT = Pattern.compile("<([^\\n<|>]+)\\|([^|\\n>]+)>");

  /** The string members of model.SlackAttachment (server/public/model/slack_attachment.go), in its field order. */
  private static final String[] ATTACHMENT_STRINGS = {
      "fallback", "color", "pretext", "author_name", "author_link", "author_icon", "title", "title_link", "text"};
  private static final String[] ATTACHMENT_TAIL_STRINGS = {"image_url", "thumb_url", "footer", "footer_icon"};

  private SlackCompat() {
  }

  /** app/slack.go ProcessSlackText: {@code <!channel>}, {@code <!here>}, {@code <!all>} become mentions. */
  static String processText(String text) {
    return text.replace("<!channel>", "@channel").replace("<!here>", "@here").replace("<!all>", "@all");
  }

  static String linksToMarkdown(String text) {
    return LINK_WITH_TEXT.matcher(text).replaceAll("[$2]($1)");
  }

  /**
   * Decodes {@code attachments} the way Go decodes {@code []*model.SlackAttachment}: unknown members dropped, known
   * members type-checked, field values stringified (model.StringifySlackFieldValue), then the texts processed
   * (ProcessSlackAttachments + ParseSlackAttachment). Returns null for a JSON null.
   */
  static JsonArray decodeAttachments(JsonElement raw) throws IOException {
    return decodeAttachments(raw, true);
  }

  /**
   * Like {@link #decodeAttachments(JsonElement)}; without {@code slackText} (a command response with
   * skip_slack_parsing) announcements stay as written and only ParseMessageAttachment's link rewriting happens.
   */
  static JsonArray decodeAttachments(JsonElement raw, boolean slackText) throws IOException {
    if (raw == null || raw.isJsonNull()) return null;
    if (!raw.isJsonArray()) {
      throw new IOException("json: cannot unmarshal " + Json.goKind(raw)
          + " into Go struct field IncomingWebhookRequest.attachments of type []*model.SlackAttachment");
    }
    JsonArray result = new JsonArray();
    for (JsonElement element : raw.getAsJsonArray()) {
      if (element.isJsonNull()) {
        result.add(JsonNull.INSTANCE);
        continue;
      }
      if (!element.isJsonObject()) {
        throw new IOException("json: cannot unmarshal " + Json.goKind(element) + " into Go value of type model.SlackAttachment");
      }
      result.add(decodeAttachment(element.getAsJsonObject(), slackText));
    }
    return result;
  }

  private static JsonObject decodeAttachment(JsonObject in, boolean slackText) throws IOException {
    JsonObject out = new JsonObject();
    JsonElement id = Json.field(in, "id");
    if (id != null && !id.isJsonNull() && !(id.isJsonPrimitive() && id.getAsJsonPrimitive().isNumber())) {
      throw new IOException("json: cannot unmarshal " + Json.goKind(id) + " into Go struct field SlackAttachment.id of type int64");
    }
    out.addProperty("id", id == null || id.isJsonNull() ? 0L : id.getAsLong());
    for (String name : ATTACHMENT_STRINGS) {
      out.addProperty(name, Json.string(in, name));
    }
    out.add("fields", decodeFields(Json.field(in, "fields"), slackText));
    for (String name : ATTACHMENT_TAIL_STRINGS) {
      out.addProperty(name, Json.string(in, name));
    }
    JsonElement ts = Json.field(in, "ts");
    out.add("ts", ts == null ? JsonNull.INSTANCE : ts);
    JsonElement actions = Json.field(in, "actions");
    if (actions != null && !actions.isJsonNull()) {
      if (!actions.isJsonArray()) throw new IOException("json: cannot unmarshal " + Json.goKind(actions) + " into actions");
      if (actions.getAsJsonArray().size() > 0) out.add("actions", actions);
    }
    // ProcessSlackAttachments and ParseSlackAttachment (server/channels/app/slack.go, server/public/model/slack_attachment.go).
    // ProcessSlackAttachments expands announcements in the title too, but links only in pretext, text and values.
    if (slackText) {
      out.addProperty("title", processText(out.get("title").getAsString()));
      out.addProperty("pretext", processText(out.get("pretext").getAsString()));
      out.addProperty("text", processText(out.get("text").getAsString()));
    }
    out.addProperty("pretext", linksToMarkdown(out.get("pretext").getAsString()));
    out.addProperty("text", linksToMarkdown(out.get("text").getAsString()));
    return out;
  }

  private static JsonElement decodeFields(JsonElement raw, boolean slackText) throws IOException {
    if (raw == null || raw.isJsonNull()) return JsonNull.INSTANCE;
    if (!raw.isJsonArray()) throw new IOException("json: cannot unmarshal " + Json.goKind(raw) + " into fields");
    JsonArray fields = new JsonArray();
    for (JsonElement element : raw.getAsJsonArray()) {
      if (element.isJsonNull()) {
        fields.add(JsonNull.INSTANCE);
        continue;
      }
      if (!element.isJsonObject()) throw new IOException("json: cannot unmarshal " + Json.goKind(element) + " into field");
      JsonObject in = element.getAsJsonObject();
      JsonObject field = new JsonObject();
      field.addProperty("title", Json.string(in, "title"));
      field.add("value", stringify(Json.field(in, "value"), slackText));
      field.addProperty("short", slackBool(Json.field(in, "short")));
      fields.add(field);
    }
    return fields;
  }

  /** model.StringifySlackFieldValue: numbers and booleans become strings; strings get Slack text processing. */
  private static JsonElement stringify(JsonElement value, boolean slackText) {
    if (value == null || value.isJsonNull()) return JsonNull.INSTANCE;
    if (value.isJsonPrimitive()) {
      JsonPrimitive p = value.getAsJsonPrimitive();
      if (p.isString()) return new JsonPrimitive(linksToMarkdown(slackText ? processText(p.getAsString()) : p.getAsString()));
      if (p.isBoolean()) return new JsonPrimitive(Boolean.toString(p.getAsBoolean()));
      return new JsonPrimitive(new BigDecimal(p.getAsString()).stripTrailingZeros().toPlainString());
    }
    return value;
  }

  /** model.SlackCompatibleBool accepts true/false and "true"/"false". */
  private static boolean slackBool(JsonElement value) throws IOException {
    if (value == null || value.isJsonNull()) return false;
    if (value.isJsonPrimitive()) {
      JsonPrimitive p = value.getAsJsonPrimitive();
      if (p.isBoolean()) return p.getAsBoolean();
      if (p.isString()) {
        String s = p.getAsString();
        if (s.equals("true")) return true;
        if (s.equals("false") || s.isEmpty()) return false;
      }
    }
    throw new IOException("json: cannot unmarshal " + Json.goKind(value) + " into short");
  }
}
