package org.commandcenter.cli.console;

import static java.util.Objects.requireNonNull;

import java.io.InputStream;
import java.util.Map;

/**
 * What a command reads from its process: environment variables and standard input. Injected so tests
 * run commands in-process with their own variables and input.
 */
public final class Environment {
  private final Map<String, String> variables;
  private final InputStream stdin;

  private Environment(Map<String, String> variables, InputStream stdin) {
    this.variables = Map.copyOf(requireNonNull(variables, "variables == null"));
    this.stdin = requireNonNull(stdin, "stdin == null");
  }

  public static Environment of(Map<String, String> variables, InputStream stdin) {
    return new Environment(variables, stdin);
  }

  public static Environment system() {
    return new Environment(System.getenv(), System.in);
  }

  /** The variable's value, or null when it is unset or blank. */
  public String get(String name) {
    String value = variables.get(name);
    return value == null || value.isBlank() ? null : value.trim();
  }

  /** Whether the variable is set at all, even to an empty or blank value. */
  public boolean isSet(String name) {
    return variables.containsKey(name);
  }

  /** The first of {@code names} that is set, as curl and most tools read HTTPS_PROXY/https_proxy. */
  public String first(String... names) {
    for (String name : names) {
      String value = get(name);
      if (value != null) {
        return value;
      }
    }
    return null;
  }

  public InputStream stdin() {
    return stdin;
  }
}
