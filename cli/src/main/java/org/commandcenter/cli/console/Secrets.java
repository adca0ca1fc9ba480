package org.commandcenter.cli.console;

import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArraySet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.commandcenter.mattermost.rules.WebhookUrls;

/**
 * The secrets one invocation knows about (tokens, webhook URLs, TURN secrets, proxy passwords), and the
 * redaction of them from everything the CLI prints. Values are registered as soon as they are read, so
 * even picocli's own error echo of the command line cannot show them.
 */
public final class Secrets {
  static final String MASK = WebhookUrls.MASK;

  /** Secrets shorter than this are too likely to match ordinary words; such values are still never printed by us. */
  private static final int MIN_LENGTH = 4;

  /** Shapes that are secret whatever their value: bearer tokens, URL credentials, access_token (webhook keys below). */
  private static final List<Pattern> SHAPES = List.of(
      Pattern.compile("(?i)(\\bBearer\\s+)[A-Za-z0-9._~+/=-]+"),
      Pattern.compile("(://)[^/@\\s:]+:[^/@\\s]+(@)"),
      Pattern.compile("(?i)(access_token=)[^&\\s]+"));

  private final Set<String> values = new CopyOnWriteArraySet<>();

  /** Remembers {@code value} (and its trimmed form) as secret; null and blank values are ignored. */
  public void register(String value) {
    if (value == null || value.isBlank()) {
      return;
    }
    values.add(value);
    values.add(value.trim());
  }

  public String redact(String text) {
    if (text == null || text.isEmpty()) {
      return text;
    }
    String result = text;
    for (String value : values) {
      if (value.length() >= MIN_LENGTH) {
        result = result.replace(value, MASK);
      }
    }
    for (Pattern shape : SHAPES) {
      Matcher matcher = shape.matcher(result);
      if (matcher.find()) {
        result = matcher.replaceAll(match -> Matcher.quoteReplacement(
            match.group(1) + MASK + (match.groupCount() > 1 ? match.group(2) : "")));
      }
    }
    return WebhookUrls.redact(result);
  }
}
