package org.commandcenter.notifier.core.chatops;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One {@code /jenkins} command: {@code build <job> [NAME=value …]}, {@code status [job]}, {@code log <job> [#n]},
 * {@code abort <job> [#n]}, {@code help}. Job names are Jenkins full names with folders ({@code team/app/main}) and
 * stay case-sensitive; the subcommand is not.
 *
 * @param number the build number, or 0 for "the last build"
 */
record ParsedCommand(Kind kind, String job, int number, Map<String, String> parameters) {
  static final List<String> SUBCOMMANDS = List.of("build", "status", "log", "abort", "help");
  static final int MAX_JOB_NAME_LENGTH = 1000;

  enum Kind { HELP, BUILD, STATUS, LOG, ABORT }

  /** @throws IllegalArgumentException with a message for the user */
  static ParsedCommand parse(String text) {
    List<String> words = Tokens.split(text == null ? "" : text);
    if (words.isEmpty()) {
      return new ParsedCommand(Kind.HELP, null, 0, Map.of());
    }
    String sub = words.get(0).toLowerCase(Locale.ROOT);
    List<String> args = words.subList(1, words.size());
    switch (sub) {
      case "help":
        return new ParsedCommand(Kind.HELP, null, 0, Map.of());
      case "build":
        return build(args);
      case "status":
        if (args.size() > 2) {
          throw new IllegalArgumentException("status takes one job name at most");
        }
        return args.isEmpty() ? new ParsedCommand(Kind.STATUS, null, 0, Map.of())
            : new ParsedCommand(Kind.STATUS, job(args.get(0)), args.size() == 2 ? number(args.get(1)) : 0, Map.of());
      case "log":
      case "abort":
        if (args.isEmpty()) {
          throw new IllegalArgumentException(sub + " needs a job name, e.g. " + sub + " team/app/main #42");
        }
        if (args.size() > 2) {
          throw new IllegalArgumentException(sub + " takes a job name and an optional build number (#42)");
        }
        return new ParsedCommand(sub.equals("log") ? Kind.LOG : Kind.ABORT, job(args.get(0)),
            args.size() == 2 ? number(args.get(1)) : 0, Map.of());
      default:
        String near = DidYouMean.closest(sub, SUBCOMMANDS);
        throw new IllegalArgumentException("there is no subcommand '" + words.get(0) + "'"
            + (near == null ? "" : "; did you mean " + near + "?"));
    }
  }

  private static ParsedCommand build(List<String> args) {
    if (args.isEmpty()) {
      throw new IllegalArgumentException("build needs a job name, e.g. build team/app/main VERSION=1.2");
    }
    Map<String, String> parameters = new LinkedHashMap<>();
    for (String parameter : args.subList(1, args.size())) {
      int equals = parameter.indexOf('=');
      if (equals <= 0) {
        throw new IllegalArgumentException("parameters are NAME=value (quote values with spaces), not '"
            + parameter + "'");
      }
      String name = parameter.substring(0, equals);
      if (parameters.put(name, parameter.substring(equals + 1)) != null) {
        throw new IllegalArgumentException("parameter " + name + " is given twice");
      }
    }
    return new ParsedCommand(Kind.BUILD, job(args.get(0)), 0, Collections.unmodifiableMap(parameters));
  }

  /** A full name as people type it: slashes around it dropped; no empty folder. */
  private static String job(String word) {
    String name = word;
    while (name.startsWith("/")) {
      name = name.substring(1);
    }
    while (name.endsWith("/")) {
      name = name.substring(0, name.length() - 1);
    }
    if (name.isEmpty() || name.contains("//")) {
      throw new IllegalArgumentException("'" + word + "' is not a job name; use the full name, e.g. team/app/main");
    }
    if (name.length() > MAX_JOB_NAME_LENGTH) {
      throw new IllegalArgumentException("that job name is longer than " + MAX_JOB_NAME_LENGTH + " characters");
    }
    return name;
  }

  private static int number(String word) {
    String digits = word.startsWith("#") ? word.substring(1) : word;
    try {
      int number = Integer.parseInt(digits);
      if (number >= 1 && digits.chars().allMatch(Character::isDigit)) {
        return number;
      }
    } catch (NumberFormatException e) {
      // Reported below.
    }
    throw new IllegalArgumentException("'" + word + "' is not a build number; write #42");
  }
}
