package org.commandcenter.notifier.core;

import com.google.gson.Gson;
import com.google.gson.JsonParseException;
import com.google.gson.reflect.TypeToken;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.commandcenter.mattermost.Attachment;
import org.commandcenter.mattermost.Field;

/**
 * Reads message attachments written the Slack / Mattermost way ({@code author_name}, {@code title_link},
 * {@code fields: [[title:, value:, short:]]}) from a Pipeline map or a JSON string.
 */
final class AttachmentMaps {
  /** Slack keys Mattermost accepts and renders the same way without them. */
  private static final Set<String> IGNORED = Set.of("mrkdwn_in");
  private static final Gson GSON = new Gson();

  private AttachmentMaps() {}

  static List<Attachment> fromJson(String json) {
    if (json == null || json.isBlank()) {
      return List.of();
    }
    List<Map<String, Object>> maps;
    try {
      maps = GSON.fromJson(json, new TypeToken<List<Map<String, Object>>>() {}.getType());
    } catch (JsonParseException e) {
      throw Checks.invalid("attachments", "is not a JSON array of objects: " + e.getMessage());
    }
    return fromMaps(maps == null ? List.of() : maps);
  }

  static List<Attachment> fromMaps(List<? extends Map<?, ?>> maps) {
    List<Attachment> attachments = new ArrayList<>();
    for (int i = 0; i < maps.size(); i++) {
      attachments.add(fromMap("attachments[" + i + "]", maps.get(i)));
    }
    return attachments;
  }

  private static Attachment fromMap(String path, Map<?, ?> map) {
    if (map == null) {
      throw Checks.invalid(path, "must be a map, not null");
    }
    Attachment.Builder builder = Attachment.builder();
    for (Map.Entry<?, ?> entry : map.entrySet()) {
      String key = String.valueOf(entry.getKey());
      Object value = entry.getValue();
      String field = path + "." + key;
      switch (key) {
        case "fallback":
          builder.fallback(string(field, value));
          break;
        case "color":
          builder.color(string(field, value));
          break;
        case "pretext":
          builder.pretext(string(field, value));
          break;
        case "text":
          builder.text(string(field, value));
          break;
        case "author_name":
          builder.authorName(string(field, value));
          break;
        case "author_link":
          builder.authorLink(string(field, value));
          break;
        case "author_icon":
          builder.authorIcon(string(field, value));
          break;
        case "title":
          builder.title(string(field, value));
          break;
        case "title_link":
          builder.titleLink(string(field, value));
          break;
        case "image_url":
          builder.imageUrl(string(field, value));
          break;
        case "thumb_url":
          builder.thumbUrl(string(field, value));
          break;
        case "footer":
          builder.footer(string(field, value));
          break;
        case "footer_icon":
          builder.footerIcon(string(field, value));
          break;
        case "fields":
          builder.fields(fields(field, value));
          break;
        default:
          if (!IGNORED.contains(key)) {
            throw Checks.invalid(field, "unknown attachment key (known: fallback, color, pretext, text, "
                + "author_name, author_link, author_icon, title, title_link, fields, image_url, thumb_url, "
                + "footer, footer_icon)");
          }
      }
    }
    try {
      return builder.build();
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(path + "." + e.getMessage(), e);
    }
  }

  private static List<Field> fields(String path, Object value) {
    if (!(value instanceof List)) {
      throw Checks.invalid(path, "must be a list of [title:, value:, short:] maps");
    }
    List<?> list = (List<?>) value;
    List<Field> fields = new ArrayList<>();
    for (int i = 0; i < list.size(); i++) {
      String fieldPath = path + "[" + i + "]";
      if (!(list.get(i) instanceof Map)) {
        throw Checks.invalid(fieldPath, "must be a map with title, value and short");
      }
      Map<?, ?> map = (Map<?, ?>) list.get(i);
      for (Object key : map.keySet()) {
        if (!"title".equals(key) && !"value".equals(key) && !"short".equals(key)) {
          throw Checks.invalid(fieldPath + "." + key, "unknown field key (known: title, value, short)");
        }
      }
      String title = string(fieldPath + ".title", map.get("title"));
      String text = string(fieldPath + ".value", map.get("value"));
      fields.add(Field.of(title == null ? "" : title, text == null ? "" : text, bool(fieldPath + ".short",
          map.get("short"))));
    }
    return fields;
  }

  private static String string(String field, Object value) {
    if (value == null) {
      return null;
    }
    if (value instanceof String) {
      return (String) value;
    }
    if (value instanceof Number || value instanceof Boolean) {
      String text = String.valueOf(value);
      // Gson reads every JSON number as a double: show 3.0 as 3.
      return text.endsWith(".0") && value instanceof Double ? text.substring(0, text.length() - 2) : text;
    }
    throw Checks.invalid(field, "must be text");
  }

  private static boolean bool(String field, Object value) {
    if (value == null) {
      return false;
    }
    if (value instanceof Boolean) {
      return (Boolean) value;
    }
    if ("true".equals(value) || "false".equals(value)) {
      return Boolean.parseBoolean((String) value);
    }
    throw Checks.invalid(field, "must be true or false");
  }
}
