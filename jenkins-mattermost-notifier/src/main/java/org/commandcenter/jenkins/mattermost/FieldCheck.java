package org.commandcenter.jenkins.mattermost;

import java.util.Objects;

/**
 * The Jenkins-free outcome of validating one form field; the descriptors turn it into a {@code FormValidation}.
 * Keeping the rules here lets them be unit-tested without a running Jenkins.
 */
final class FieldCheck {
  enum Kind { OK, WARNING, ERROR }

  private static final FieldCheck OK = new FieldCheck(Kind.OK, null);

  private final Kind kind;
  private final String message;

  private FieldCheck(Kind kind, String message) {
    this.kind = Objects.requireNonNull(kind, "kind == null");
    this.message = message;
  }

  static FieldCheck ok() {
    return OK;
  }

  static FieldCheck ok(String message) {
    return new FieldCheck(Kind.OK, Objects.requireNonNull(message, "message == null"));
  }

  static FieldCheck warning(String message) {
    return new FieldCheck(Kind.WARNING, Objects.requireNonNull(message, "message == null"));
  }

  static FieldCheck error(String message) {
    return new FieldCheck(Kind.ERROR, Objects.requireNonNull(message, "message == null"));
  }

  Kind kind() {
    return kind;
  }

  /** The user-facing text, or null for a silent OK. */
  String message() {
    return message;
  }

  @Override
  public String toString() {
    return message == null ? kind.name() : kind + ": " + message;
  }
}
