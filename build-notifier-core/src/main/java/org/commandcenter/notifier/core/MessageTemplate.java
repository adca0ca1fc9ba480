package org.commandcenter.notifier.core;

import static java.util.Objects.requireNonNull;

import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.commandcenter.mattermost.text.SafeText;

/**
 * Expands {@code $VAR} and {@code ${VAR}} in an admin-written message, like Jenkins' {@code Util.replaceMacro}
 * (unknown variables stay as written, {@code $$} is a dollar sign). The template is trusted; every substituted value is not (branch names,
 * commit messages, user input) and is neutralized so it can never ping {@code @channel} or inject markup.
 */
public final class MessageTemplate {
  /** Same syntax as hudson.Util.replaceMacro: $name, ${name} or ${a.b} (not $a.b), and "$$" for a dollar. */
  private static final Pattern VARIABLE =
      Pattern.compile("\\$\\{([A-Za-z0-9_.]+)\\}|\\$([A-Za-z0-9_]+)|\\$\\$");

  private MessageTemplate() {}

  public static String expand(String template, Map<String, String> variables) {
    requireNonNull(variables, "variables == null");
    if (template == null) {
      return null;
    }
    Matcher matcher = VARIABLE.matcher(template);
    StringBuilder result = new StringBuilder();
    while (matcher.find()) {
      String replacement;
      if (matcher.group(1) == null && matcher.group(2) == null) {
        replacement = "$";
      } else {
        String name = matcher.group(1) != null ? matcher.group(1) : matcher.group(2);
        String value = variables.get(name);
        replacement = value == null ? matcher.group() : SafeText.neutralize(value);
      }
      matcher.appendReplacement(result, Matcher.quoteReplacement(replacement));
    }
    matcher.appendTail(result);
    return result.toString();
  }
}
