package org.commandcenter.benchmarks;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/** The bits of HTTP/1.1 framing that both ends of the benchmark's hand-written exchanges read. */
final class Http1Lines {
  private static final String CONTENT_LENGTH = "content-length:";

  private Http1Lines() {}

  /** One CRLF-terminated line without its CR LF, or null if the stream ends before the line starts. */
  static String readLine(InputStream in) throws IOException {
    ByteArrayOutputStream line = new ByteArrayOutputStream(128);
    int b = in.read();
    if (b < 0) {
      return null;
    }
    for (; b != '\n'; b = in.read()) {
      if (b < 0) {
        throw new EOFException("cut off in the middle of a line");
      }
      if (b != '\r') {
        line.write(b);
      }
    }
    return line.toString(StandardCharsets.US_ASCII);
  }

  /** The Content-Length a header line gives, or -1 if it is another header. */
  static int contentLength(String header) {
    return header.toLowerCase(Locale.ROOT).startsWith(CONTENT_LENGTH)
        ? Integer.parseInt(header.substring(CONTENT_LENGTH.length()).trim())
        : -1;
  }
}
