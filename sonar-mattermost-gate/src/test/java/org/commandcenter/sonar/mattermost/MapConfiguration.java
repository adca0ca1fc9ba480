package org.commandcenter.sonar.mattermost;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.sonar.api.config.Configuration;

/**
 * A {@link Configuration} over a map, splitting multi-values on commas as SonarQube does. Public: the local command
 * center's screens test uses it too (test-jar).
 */
public final class MapConfiguration implements Configuration {

  private final Map<String, String> values = new HashMap<>();

  public MapConfiguration set(String key, String value) {
    values.put(key, value);
    return this;
  }

  /**
   * Stores a property set as SonarQube does: the key holds the rows' ids ("1,2,…" in row order) and each field is
   * stored under {@code key.id.field}.
   */
  public MapConfiguration setPropertySet(String key, List<Map<String, String>> rows) {
    List<String> ids = new ArrayList<>();
    for (Map<String, String> row : rows) {
      String id = String.valueOf(ids.size() + 1);
      ids.add(id);
      row.forEach((field, value) -> values.put(key + "." + id + "." + field, value));
    }
    values.put(key, String.join(",", ids));
    return this;
  }

  public MapConfiguration remove(String key) {
    values.remove(key);
    return this;
  }

  @Override
  public Optional<String> get(String key) {
    return Optional.ofNullable(values.get(key));
  }

  @Override
  public boolean hasKey(String key) {
    return values.containsKey(key);
  }

  @Override
  public String[] getStringArray(String key) {
    String value = values.get(key);
    if (value == null || value.isBlank()) {
      return new String[0];
    }
    return Arrays.stream(value.split(",")).map(String::trim).toArray(String[]::new);
  }
}
