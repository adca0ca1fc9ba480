package org.commandcenter.sandbox.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/** Just enough of RFC 7578 multipart/form-data for file uploads and form-encoded webhooks. */
final class Multipart {
  /** One part: its form name, file name (null for plain fields), content type and bytes. */
  static final class Part {
    private final String name;
    private final String filename;
    private final String contentType;
    private final byte[] data;

    Part(String name, String filename, String contentType, byte[] data) {
      this.name = name;
      this.filename = filename;
      this.contentType = contentType;
      this.data = data;
    }

    String name() { return name; }
    String filename() { return filename; }
    String contentType() { return contentType; }
    byte[] data() { return data; }
  }

  private Multipart() {
  }

  static List<Part> parse(byte[] body, String contentTypeHeader) throws IOException {
    String boundary = parameter(contentTypeHeader, "boundary");
    if (boundary == null || boundary.isEmpty()) throw new IOException("no multipart boundary param in Content-Type");
    byte[] delimiter = ("--" + boundary).getBytes(StandardCharsets.ISO_8859_1);
    List<Part> parts = new ArrayList<>();
    int start = indexOf(body, delimiter, 0);
    if (start < 0) throw new IOException("multipart: NextPart: EOF");
    int position = start + delimiter.length;
    while (true) {
      if (position + 2 <= body.length && body[position] == '-' && body[position + 1] == '-') return parts;
      position = skipLineBreak(body, position);
      int headersEnd = indexOf(body, "\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1), position);
      if (headersEnd < 0) throw new IOException("multipart: malformed part headers");
      String headers = new String(body, position, headersEnd - position, StandardCharsets.UTF_8);
      int dataStart = headersEnd + 4;
      int next = indexOf(body, delimiter, dataStart);
      if (next < 0) throw new IOException("multipart: NextPart: EOF");
      int dataEnd = next;
      if (dataEnd >= 2 && body[dataEnd - 2] == '\r' && body[dataEnd - 1] == '\n') dataEnd -= 2;
      String name = null;
      String filename = null;
      String contentType = "application/octet-stream";
      for (String line : headers.split("\r\n")) {
        int colon = line.indexOf(':');
        if (colon < 0) continue;
        String key = line.substring(0, colon).trim().toLowerCase(Locale.ROOT);
        String value = line.substring(colon + 1).trim();
        if (key.equals("content-disposition")) {
          name = parameter(value, "name");
          filename = parameter(value, "filename");
        } else if (key.equals("content-type")) {
          contentType = value;
        }
      }
      if (name != null) parts.add(new Part(name, filename, contentType, Arrays.copyOfRange(body, dataStart, dataEnd)));
      position = next + delimiter.length;
    }
  }

  private static int skipLineBreak(byte[] body, int position) {
    if (position + 1 < body.length && body[position] == '\r' && body[position + 1] == '\n') return position + 2;
    return position;
  }

  static String parameter(String header, String name) {
    if (header == null) return null;
    for (String piece : header.split(";")) {
      String p = piece.trim();
      int eq = p.indexOf('=');
      if (eq < 0) continue;
      if (!p.substring(0, eq).trim().equalsIgnoreCase(name)) continue;
      String value = p.substring(eq + 1).trim();
      if (value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")) {
        value = value.substring(1, value.length() - 1);
      }
      return value;
    }
    return null;
  }

  private static int indexOf(byte[] haystack, byte[] needle, int from) {
    outer:
    for (int i = Math.max(from, 0); i <= haystack.length - needle.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (haystack[i + j] != needle[j]) continue outer;
      }
      return i;
    }
    return -1;
  }
}
