package org.commandcenter.notifier.core;

import static java.util.Objects.requireNonNull;

import org.commandcenter.mattermost.FileContent;

/**
 * A file to attach to a {@code mattermostSend} post. Its bytes are read when it is uploaded (the adapter hands a
 * workspace file, not its content), so a large file never sits in the controller's memory.
 */
public final class FileUpload {
  /** Mattermost's default MaxFileSize is 100 MB; a chat notification has no business sending more. */
  public static final long MAX_SIZE = 100L * 1024 * 1024;

  private final String name;
  private final FileContent content;

  private FileUpload(String name, FileContent content) {
    this.name = name;
    this.content = content;
  }

  /** @throws IllegalArgumentException naming the field when the name is blank or the content too large */
  public static FileUpload of(String name, byte[] content) {
    if (content == null) {
      throw Checks.invalid("files[" + name + "]", "content is missing");
    }
    return of(name, FileContent.of(content.clone()));
  }

  /** @throws IllegalArgumentException naming the field when the name is blank or the content too large */
  public static FileUpload of(String name, FileContent content) {
    Checks.requireNotBlank("files.name", name);
    requireNonNull(content, "content == null");
    if (content.size() > MAX_SIZE) {
      throw Checks.invalid("files[" + name + "]", "is larger than " + (MAX_SIZE / (1024 * 1024)) + " MB");
    }
    String baseName = name.replace('\\', '/');
    baseName = baseName.substring(baseName.lastIndexOf('/') + 1);
    if (baseName.isBlank()) {
      throw Checks.invalid("files.name", "must name a file, not a directory: " + name);
    }
    return new FileUpload(baseName, content);
  }

  /** The file's base name (directories stripped). */
  public String name() {
    return name;
  }

  /** The bytes, read when uploaded. */
  public FileContent content() {
    return content;
  }

  public long size() {
    return content.size();
  }

  @Override
  public String toString() {
    return "FileUpload{" + name + ", " + content.size() + " bytes}";
  }
}
