package org.commandcenter.jenkins.mattermost;

/** A value a setter refuses, naming the form field, so the configure page can show the error next to it. */
final class InvalidField extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;
  private final String field;

  InvalidField(String field, String message) {
    super(message);
    this.field = field;
  }

  String field() {
    return field;
  }
}
