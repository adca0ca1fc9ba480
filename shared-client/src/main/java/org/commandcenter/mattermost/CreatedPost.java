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

  /** The post's id and root id; both null when the body is not a JSON object. */
  static CreatedPost read(String body) {
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
