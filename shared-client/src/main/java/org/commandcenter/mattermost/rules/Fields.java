package org.commandcenter.mattermost.rules;

/** The one shape of a validation error, {@code field: problem}, so whoever typed it knows what to fix. */
public final class Fields {
  private Fields() {}

  public static IllegalArgumentException invalid(String field, String problem) {
    return new IllegalArgumentException(field + ": " + problem);
  }
}
