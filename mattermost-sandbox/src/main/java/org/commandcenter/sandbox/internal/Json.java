package org.commandcenter.sandbox.internal;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.Strictness;
import com.google.gson.TypeAdapter;
import com.google.gson.stream.JsonReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/** Gson set up like Go's encoding/json: no HTML escaping, nulls written for present fields. */
public final class Json {
  public static final Gson GSON = new GsonBuilder().disableHtmlEscaping().serializeNulls().create();
  private static final TypeAdapter<JsonElement> ELEMENTS = GSON.getAdapter(JsonElement.class);

  private Json() {
  }

  /**
   * Reads the first JSON value of {@code body} strictly (RFC 8259, no raw control characters), ignoring what follows
   * it, as Go's {@code json.NewDecoder(r).Decode(&v)} does.
   */
  public static JsonElement parseFirstValue(byte[] body) throws IOException {
    JsonReader reader = new JsonReader(new InputStreamReader(new ByteArrayInputStream(body), StandardCharsets.UTF_8));
    reader.setStrictness(Strictness.STRICT);
    try {
      return ELEMENTS.read(reader);
    } catch (RuntimeException e) {
      throw new IOException(e.getMessage(), e);
    }
  }

  /** Go matches struct fields case-insensitively when the exact name is absent. */
  public static JsonElement field(JsonObject object, String name) {
    JsonElement exact = object.get(name);
    if (exact != null) return exact;
    for (Map.Entry<String, JsonElement> e : object.entrySet()) {
      if (e.getKey().equalsIgnoreCase(name)) return e.getValue();
    }
    return null;
  }

  /** A string field: absent or null gives "", another JSON type is a decode error. */
  public static String string(JsonObject object, String name) throws IOException {
    JsonElement value = field(object, name);
    if (value == null || value.isJsonNull()) return "";
    if (value.isJsonPrimitive() && value.getAsJsonPrimitive().isString()) return value.getAsString();
    throw new IOException("json: cannot unmarshal " + goKind(value) + " into Go struct field ." + name + " of type string");
  }

  /** A string field, or "" for anything else (for data the sandbox stored itself). */
  public static String stringOr(JsonObject object, String name) {
    JsonElement value = object.get(name);
    return value != null && value.isJsonPrimitive() ? value.getAsString() : "";
  }

  public static String goKind(JsonElement value) {
    if (value.isJsonObject()) return "object";
    if (value.isJsonArray()) return "array";
    if (value.isJsonNull()) return "null";
    if (value.getAsJsonPrimitive().isBoolean()) return "bool";
    if (value.getAsJsonPrimitive().isNumber()) return "number";
    return "string";
  }
}
