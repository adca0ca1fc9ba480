package org.commandcenter.jenkins.mattermost;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Pipeline passes Groovy values: GStrings instead of Strings, maps and lists of them. Turns them into plain Java
 * values (String, Number, Boolean, Map, List) before they reach the core, which knows nothing of Groovy.
 */
final class GroovyValues {
  private static final int MAX_DEPTH = 16;

  private GroovyValues() {
  }

  static List<Map<String, Object>> listOfMaps(List<? extends Map<?, ?>> maps) {
    List<Map<String, Object>> out = new ArrayList<>();
    for (Map<?, ?> m : maps) {
      out.add(m == null ? null : map(m));
    }
    return out;
  }

  static Map<String, Object> map(Map<?, ?> map) {
    return map(map, 0);
  }

  private static Map<String, Object> map(Map<?, ?> map, int depth) {
    Map<String, Object> out = new LinkedHashMap<>();
    map.forEach((k, v) -> out.put(String.valueOf(k), value(v, depth + 1)));
    return out;
  }

  private static Object value(Object v, int depth) {
    if (depth > MAX_DEPTH) {
      throw new IllegalArgumentException(Messages.get("step.values.tooDeep", MAX_DEPTH));
    }
    if (v == null || v instanceof String || v instanceof Number || v instanceof Boolean) {
      return v;
    }
    if (v instanceof CharSequence || v instanceof Character) {
      return v.toString();
    }
    if (v instanceof Map) {
      return map((Map<?, ?>) v, depth);
    }
    if (v instanceof Iterable) {
      List<Object> out = new ArrayList<>();
      for (Object item : (Iterable<?>) v) {
        out.add(value(item, depth + 1));
      }
      return out;
    }
    if (v instanceof Object[]) {
      List<Object> out = new ArrayList<>();
      for (Object item : (Object[]) v) {
        out.add(value(item, depth + 1));
      }
      return out;
    }
    throw new IllegalArgumentException(Messages.get("step.values.unsupported", v.getClass().getSimpleName()));
  }
}
