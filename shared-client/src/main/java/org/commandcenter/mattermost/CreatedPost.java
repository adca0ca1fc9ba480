package org.commandcenter.mattermost;

import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonToken;
import java.io.IOException;
import java.io.StringReader;

/**
 * The two fields a create needs from the post the server answers with (server/public/model/post.go), read as a
 * stream: the answer repeats the whole post, props and attachments included, and building a tree of it for two
 * strings costs as much as writing the request.
 */
final class CreatedPost {
  final String id;
  final String rootId;

  private CreatedPost(String id, String rootId) {
    this.id = id;
    this.rootId = rootId;
  }

  /**
   * The post's id and root id; both null when the body is not a JSON object. Mattermost writes the post's fields in
   * its struct's order, {@code id} first and {@code root_id} before the message and props
   * (server/public/model/post.go Post), and both are bare ids: read as such when the answer looks so, else parsed.
   */
  static CreatedPost read(String body) {
    if (body.startsWith("{\"id\":\"") && body.length() > 34 && body.charAt(33) == '"') {
      String id = body.substring(7, 33);
      int root = body.indexOf("\"root_id\":\"");
      if (MattermostIdsShape.isId(id) && root > 0) {
        int start = root + 11;
        int end = body.indexOf('"', start);
        if (end == start) {
          return new CreatedPost(id, "");
        }
        if (end == start + 26 && MattermostIdsShape.isId(body.substring(start, end))) {
          return new CreatedPost(id, body.substring(start, end));
        }
      }
    }
    return parse(body);
  }

  /** Ids Mattermost makes: 26 lowercase letters and digits, nothing to unescape. */
  private static final class MattermostIdsShape {
    static boolean isId(String value) {
      for (int i = 0; i < value.length(); i++) {
        char c = value.charAt(i);
        if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'))) {
          return false;
        }
      }
      return true;
    }
  }

  private static CreatedPost parse(String body) {
    String id = null;
    String rootId = null;
    try (JsonReader reader = new JsonReader(new StringReader(body))) {
      if (reader.peek() != JsonToken.BEGIN_OBJECT) {
        return new CreatedPost(null, null);
      }
      reader.beginObject();
      while (reader.hasNext() && (id == null || rootId == null)) {
        String name = reader.nextName();
        if ((name.equals("id") || name.equals("root_id")) && reader.peek() == JsonToken.STRING) {
          String value = reader.nextString();
          if (name.equals("id")) {
            id = value;
          } else {
            rootId = value;
          }
        } else {
          reader.skipValue();
        }
      }
    } catch (IOException | IllegalStateException | NumberFormatException e) {
      return new CreatedPost(null, null);
    }
    return new CreatedPost(id, rootId);
  }
}
