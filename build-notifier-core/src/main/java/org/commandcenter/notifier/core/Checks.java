package org.commandcenter.notifier.core;

import org.commandcenter.mattermost.rules.Fields;
import org.commandcenter.mattermost.rules.HttpUrls;

/** Validation shorthands of the core; Mattermost's own rules live in {@link org.commandcenter.mattermost.rules}. */
final class Checks {
  private Checks() {}

  static IllegalArgumentException invalid(String field, String problem) {
    return Fields.invalid(field, problem);
  }

  static String requireNotBlank(String field, String value) {
    if (value == null || value.isBlank()) {
      throw invalid(field, "must not be blank");
    }
    return value;
  }

  /** Accepts null / empty (= not set); otherwise an absolute http(s) URL as the server takes it. */
  static void requireHttpUrlOrNull(String field, String value) {
    HttpUrls.requireValidOrEmpty(field, value);
  }

  static String emptyToNull(String value) {
    return value == null || value.isBlank() ? null : value;
  }
}
