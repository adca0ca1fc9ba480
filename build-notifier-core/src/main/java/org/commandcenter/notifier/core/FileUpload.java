package org.commandcenter.notifier.core;

import java.util.Arrays;

/** A file to attach to a {@code mattermostSend} post; the adapter reads it from the workspace. */
public final class FileUpload {
  /** Mattermost's default MaxFileSize is 100 MB; a chat notification has no business sending more. */
  public static final int MAX_SIZE = 100 * 1024 * 1024;

  private final String name;
  private final byte[] content;

  private FileUpload(String name, byte[] content) {
    this.name = name;
    this.content = content;
  }

  /** @throws IllegalArgumentException naming the field when the name is blank or the content too large */
  public static FileUpload of(String name, byte[] content) {
    Checks.requireNotBlank("files.name", name);
    if (content == null) {
      throw Checks.invalid("files[" + name + "]", "content is missing");
    }
    if (content.length > MAX_SIZE) {
      throw Checks.invalid("files[" + name + "]", "is larger than " + (MAX_SIZE / (1024 * 1024)) + " MB");
    }
    String baseName = name.replace('\\', '/');
    baseName = baseName.substring(baseName.lastIndexOf('/') + 1);
    if (baseName.isBlank()) {
      throw Checks.invalid("files.name", "must name a file, not a directory: " + name);
    }
    return new FileUpload(baseName, content.clone());
  }

  /** The file's base name (directories stripped). */
  public String name() {
    return name;
  }

  public byte[] content() {
    return content.clone();
  }

  int size() {
    return content.length;
  }

  /** The bytes themselves, not a copy: for the delivery that uploads them, never to be changed. */
  public byte[] contentUnsafe() {
    return content;
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof FileUpload
        && ((FileUpload) other).name.equals(name)
        && Arrays.equals(((FileUpload) other).content, content);
  }

  @Override
  public int hashCode() {
    return 31 * name.hashCode() + Arrays.hashCode(content);
  }

  @Override
  public String toString() {
    return "FileUpload{" + name + ", " + content.length + " bytes}";
  }
}
