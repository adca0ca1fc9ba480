package org.commandcenter.notifier.core;

import java.net.URI;
import java.net.URISyntaxException;

/** Validation helpers; every failure names the field so the admin knows what to fix. */
final class Checks {
  private Checks() {}

  static IllegalArgumentException invalid(String field, String problem) {
    return new IllegalArgumentException(field + ": " + problem);
  }

  static String requireNotBlank(String field, String value) {
    if (value == null || value.isBlank()) {
      throw invalid(field, "must not be blank");
    }
    return value;
  }

  /** Accepts null / empty (= not set); otherwise an absolute http(s) URL with a host. */
  static void requireHttpUrlOrNull(String field, String value) {
    if (value == null || value.isEmpty()) {
      return;
    }
    if (!isHttpUrl(value)) {
      throw invalid(field, "must be an absolute http:// or https:// URL");
    }
  }

  static boolean isHttpUrl(String value) {
    if (!(value.startsWith("http://") || value.startsWith("https://"))) {
      return false;
    }
    try {
      URI uri = new URI(value);
      return uri.getHost() != null && !uri.getHost().isEmpty();
    } catch (URISyntaxException e) {
      return false;
    }
  }

  static String emptyToNull(String value) {
    return value == null || value.isBlank() ? null : value;
  }
}
