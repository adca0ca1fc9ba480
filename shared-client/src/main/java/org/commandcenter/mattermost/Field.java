package org.commandcenter.mattermost;

import static java.util.Objects.requireNonNull;

import java.util.Objects;

/** One title/value pair of an {@link Attachment}; short fields are laid out side by side. */
public final class Field {
  private final String title;
  private final String value;
  private final boolean isShort;

  private Field(String title, String value, boolean isShort) {
    this.title = title;
    this.value = value;
    this.isShort = isShort;
  }

  public static Field of(String title, String value, boolean isShort) {
    requireNonNull(title, "title == null");
    requireNonNull(value, "value == null");
    return new Field(title, value, isShort);
  }

  public String title() {
    return title;
  }

  public String value() {
    return value;
  }

  public boolean isShort() {
    return isShort;
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof Field
        && ((Field) other).title.equals(title)
        && ((Field) other).value.equals(value)
        && ((Field) other).isShort == isShort;
  }

  @Override
  public int hashCode() {
    return Objects.hash(title, value, isShort);
  }

  @Override
  public String toString() {
    return "Field{title=" + title + ", short=" + isShort + "}";
  }
}
