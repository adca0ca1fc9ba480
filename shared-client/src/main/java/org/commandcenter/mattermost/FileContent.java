package org.commandcenter.mattermost;

import static java.util.Objects.requireNonNull;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The bytes of a file to upload, read when they are sent: an upload streams them instead of holding them in memory,
 * and a retry opens them again. The size is known up front (it is the request's Content-Length).
 */
public interface FileContent {
  /** The number of bytes {@link #open()} yields. */
  long size();

  /** A fresh stream over the whole content; the caller closes it. */
  InputStream open() throws IOException;

  /** Content already in memory (the array is not copied: do not change it afterwards). */
  static FileContent of(byte[] bytes) {
    requireNonNull(bytes, "bytes == null");
    return new FileContent() {
      @Override
      public long size() {
        return bytes.length;
      }

      @Override
      public InputStream open() {
        return new ByteArrayInputStream(bytes);
      }
    };
  }

  /** A local file, read when sent. */
  static FileContent of(Path file) throws IOException {
    requireNonNull(file, "file == null");
    long size = Files.size(file);
    return new FileContent() {
      @Override
      public long size() {
        return size;
      }

      @Override
      public InputStream open() throws IOException {
        return Files.newInputStream(file);
      }
    };
  }
}
