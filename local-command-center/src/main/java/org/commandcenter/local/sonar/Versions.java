package org.commandcenter.local.sonar;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/** The versions of the root POM, filtered into {@code versions.properties} at build time. */
final class Versions {
  private static final Properties VALUES = load();

  private Versions() {
  }

  static String sonarQube() {
    return get("sonarqube.version");
  }

  static String scanner() {
    return get("sonar-maven-plugin.version");
  }

  static String project() {
    return get("project.version");
  }

  private static String get(String key) {
    String value = VALUES.getProperty(key);
    if (value == null || value.startsWith("${")) {
      throw new IllegalStateException("versions.properties: " + key + " was not filtered by the build");
    }
    return value;
  }

  private static Properties load() {
    Properties properties = new Properties();
    try (InputStream in = Versions.class.getResourceAsStream("/org/commandcenter/local/versions.properties")) {
      if (in == null) {
        throw new IllegalStateException("versions.properties is missing from the classpath");
      }
      properties.load(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return properties;
  }
}
