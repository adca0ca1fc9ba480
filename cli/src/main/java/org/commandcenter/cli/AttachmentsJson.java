package org.commandcenter.cli;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import com.google.gson.JsonPrimitive;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import org.commandcenter.cli.console.CliException;
import org.commandcenter.mattermost.Attachment;
import org.commandcenter.mattermost.Field;

/**
 * Reads message attachments in Mattermost's (Slack-compatible) JSON: an array of attachments, one
 * attachment object, or a whole webhook payload with an {@code attachments} member. Errors name the
 * element, e.g. {@code attachments[1].fields[0].short: expected true or false}.
 */
final class AttachmentsJson {
  /** JSON member (server/public/model/slack_attachment.go) to the client's field name, for error messages. */
  private static final Map<String, String> MEMBERS = Map.ofEntries(
      Map.entry("fallback", "fallback"),
      Map.entry("color", "color"),
      Map.entry("pretext", "pretext"),
      Map.entry("text", "text"),
      Map.entry("author_name", "authorName"),
      Map.entry("author_link", "authorLink"),
      Map.entry("author_icon", "authorIcon"),
      Map.entry("title", "title"),
      Map.entry("title_link", "titleLink"),
      Map.entry("image_url", "imageUrl"),
      Map.entry("thumb_url", "thumbUrl"),
      Map.entry("footer", "footer"),
      Map.entry("footer_icon", "footerIcon"));

  /** Members Mattermost knows but this CLI does not send; ignored with a warning rather than refused. */
  private static final Set<String> IGNORED = Set.of("id", "actions", "ts", "mrkdwn_in", "callback_id");

  private AttachmentsJson() {}

  static List<Attachment> parse(String json, String source, Consumer<String> warnings) {
    JsonElement root;
    try {
      root = JsonParser.parseString(json);
    } catch (JsonParseException e) {
      throw CliException.usage("--attachments-json " + source + ": not valid JSON (" + rootCause(e) + ")");
    }
    JsonArray array;
    if (root.isJsonArray()) {
      array = root.getAsJsonArray();
    } else if (root.isJsonObject() && root.getAsJsonObject().has("attachments")) {
      JsonElement attachments = root.getAsJsonObject().get("attachments");
      if (!attachments.isJsonArray()) {
        throw CliException.usage("--attachments-json " + source + ": attachments: expected an array");
      }
      array = attachments.getAsJsonArray();
    } else if (root.isJsonObject()) {
      array = new JsonArray();
      array.add(root);
    } else {
      throw CliException.usage("--attachments-json " + source
          + ": expected an array of attachments, an attachment object, or {\"attachments\": [...]}");
    }
    List<Attachment> result = new ArrayList<>();
    for (int i = 0; i < array.size(); i++) {
      result.add(attachment(array.get(i), "attachments[" + i + "]", warnings));
    }
    return result;
  }

  private static Attachment attachment(JsonElement element, String path, Consumer<String> warnings) {
    if (!element.isJsonObject()) {
      throw CliException.usage(path + ": expected an object");
    }
    JsonObject object = element.getAsJsonObject();
    Attachment.Builder builder = Attachment.builder();
    for (Map.Entry<String, JsonElement> member : object.entrySet()) {
      String name = member.getKey();
      JsonElement value = member.getValue();
      if (value.isJsonNull()) {
        continue;
      }
      switch (name) {
        case "fallback": builder.fallback(string(value, path, name)); break;
        case "color": builder.color(string(value, path, name)); break;
        case "pretext": builder.pretext(string(value, path, name)); break;
        case "text": builder.text(string(value, path, name)); break;
        case "author_name": builder.authorName(string(value, path, name)); break;
        case "author_link": builder.authorLink(string(value, path, name)); break;
        case "author_icon": builder.authorIcon(string(value, path, name)); break;
        case "title": builder.title(string(value, path, name)); break;
        case "title_link": builder.titleLink(string(value, path, name)); break;
        case "image_url": builder.imageUrl(string(value, path, name)); break;
        case "thumb_url": builder.thumbUrl(string(value, path, name)); break;
        case "footer": builder.footer(string(value, path, name)); break;
        case "footer_icon": builder.footerIcon(string(value, path, name)); break;
        case "fields": builder.fields(fields(value, path + ".fields")); break;
        default:
          if (IGNORED.contains(name)) {
            warnings.accept(path + "." + name + ": not supported by command-center, ignored");
          } else {
            throw CliException.usage(path + "." + name + ": unknown attachment member (known: "
                + String.join(", ", new java.util.TreeSet<>(MEMBERS.keySet())) + ", fields)");
          }
      }
    }
    try {
      return builder.build();
    } catch (IllegalArgumentException e) {
      throw CliException.usage(path + "." + jsonName(e.getMessage()));
    }
  }

  private static List<Field> fields(JsonElement value, String path) {
    if (!value.isJsonArray()) {
      throw CliException.usage(path + ": expected an array of {\"title\", \"value\", \"short\"}");
    }
    List<Field> fields = new ArrayList<>();
    JsonArray array = value.getAsJsonArray();
    for (int i = 0; i < array.size(); i++) {
      String fieldPath = path + "[" + i + "]";
      if (!array.get(i).isJsonObject()) {
        throw CliException.usage(fieldPath + ": expected an object {\"title\", \"value\", \"short\"}");
      }
      JsonObject field = array.get(i).getAsJsonObject();
      String title = field.has("title") && !field.get("title").isJsonNull() ? string(field.get("title"), fieldPath, "title") : "";
      // Mattermost's field value is interface{}: numbers and booleans are shown as written.
      String fieldValue = field.has("value") && !field.get("value").isJsonNull() ? scalar(field.get("value"), fieldPath, "value") : "";
      boolean isShort = false;
      if (field.has("short") && !field.get("short").isJsonNull()) {
        JsonElement shortValue = field.get("short");
        if (!shortValue.isJsonPrimitive() || !shortValue.getAsJsonPrimitive().isBoolean()) {
          throw CliException.usage(fieldPath + ".short: expected true or false");
        }
        isShort = shortValue.getAsBoolean();
      }
      for (String member : field.keySet()) {
        if (!Set.of("title", "value", "short").contains(member)) {
          throw CliException.usage(fieldPath + "." + member + ": unknown field member (known: title, value, short)");
        }
      }
      fields.add(Field.of(title, fieldValue, isShort));
    }
    return fields;
  }

  private static String string(JsonElement value, String path, String name) {
    if (!value.isJsonPrimitive() || !value.getAsJsonPrimitive().isString()) {
      throw CliException.usage(path + "." + name + ": expected a string");
    }
    return value.getAsString();
  }

  private static String scalar(JsonElement value, String path, String name) {
    if (!value.isJsonPrimitive()) {
      throw CliException.usage(path + "." + name + ": expected a string, number or boolean");
    }
    JsonPrimitive primitive = value.getAsJsonPrimitive();
    return primitive.getAsString();
  }

  /** The client reports {@code titleLink: ...}; in JSON the user wrote {@code title_link}. */
  private static String jsonName(String message) {
    String result = message;
    for (Map.Entry<String, String> entry : MEMBERS.entrySet()) {
      if (!entry.getKey().equals(entry.getValue())) {
        result = result.replaceAll("\\b" + entry.getValue() + "\\b", entry.getKey());
      }
    }
    return result;
  }

  private static String rootCause(Throwable e) {
    Throwable cause = e;
    while (cause.getCause() != null) {
      cause = cause.getCause();
    }
    String message = cause.getMessage();
    return message == null ? cause.getClass().getSimpleName() : message;
  }
}
