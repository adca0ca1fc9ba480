package org.commandcenter.cli;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.commandcenter.cli.console.CliException;
import org.commandcenter.mattermost.Attachment;
import org.commandcenter.mattermost.Field;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParseResult;

/** One message attachment described with flags ({@code --color danger --title ... --field Branch=main}). */
public final class AttachmentOptions {
  /** Attachment field names (as the client's validation reports them) to the flag that sets them. */
  private static final Map<String, String> FLAG_OF_FIELD = Map.ofEntries(
      Map.entry("fallback", "--fallback"),
      Map.entry("color", "--color"),
      Map.entry("pretext", "--pretext"),
      Map.entry("text", "--attachment-text"),
      Map.entry("authorName", "--author-name"),
      Map.entry("authorLink", "--author-link"),
      Map.entry("authorIcon", "--author-icon"),
      Map.entry("title", "--title"),
      Map.entry("titleLink", "--title-link"),
      Map.entry("imageUrl", "--image-url"),
      Map.entry("thumbUrl", "--thumb-url"),
      Map.entry("footer", "--footer"),
      Map.entry("footerIcon", "--footer-icon"));

  @Option(names = "--color", paramLabel = "COLOR", description = "Attachment color bar: good, warning, danger or #RRGGBB.")
  String color;

  @Option(names = "--pretext", paramLabel = "TEXT", description = "Text above the attachment.")
  String pretext;

  @Option(names = "--title", paramLabel = "TEXT", description = "Attachment title.")
  String title;

  @Option(names = "--title-link", paramLabel = "URL", description = "Makes the title a link (e.g. the failed job).")
  String titleLink;

  @Option(names = "--attachment-text", paramLabel = "TEXT", description = "Attachment body (Markdown).")
  String text;

  @Option(names = "--field", paramLabel = "TITLE=VALUE", description = "A full-width field; repeatable, kept in order with --short-field.")
  List<String> fields = new ArrayList<>();

  @Option(names = "--short-field", paramLabel = "TITLE=VALUE", description = "A half-width field shown side by side; repeatable.")
  List<String> shortFields = new ArrayList<>();

  @Option(names = "--author-name", paramLabel = "TEXT", description = "Attachment author line.")
  String authorName;

  @Option(names = "--author-link", paramLabel = "URL", description = "Link on the author name.")
  String authorLink;

  @Option(names = "--author-icon", paramLabel = "URL", description = "Small icon next to the author name.")
  String authorIcon;

  @Option(names = "--image-url", paramLabel = "URL", description = "Image shown in the attachment.")
  String imageUrl;

  @Option(names = "--thumb-url", paramLabel = "URL", description = "Thumbnail shown at the right.")
  String thumbUrl;

  @Option(names = "--footer", paramLabel = "TEXT", description = "Attachment footer (at most 300 characters).")
  String footer;

  @Option(names = "--footer-icon", paramLabel = "URL", description = "Icon next to the footer.")
  String footerIcon;

  @Option(names = "--fallback", paramLabel = "TEXT", description = "Plain-text summary for notifications.")
  String fallback;

  boolean isEmpty() {
    return color == null && pretext == null && title == null && titleLink == null && text == null
        && fields.isEmpty() && shortFields.isEmpty() && authorName == null && authorLink == null
        && authorIcon == null && imageUrl == null && thumbUrl == null && footer == null
        && footerIcon == null && fallback == null;
  }

  /**
   * The attachment, or null when no attachment flag was given. {@code untrusted} is applied to the
   * free-text values (not to URLs or the color).
   */
  Attachment toAttachment(ParseResult parseResult, UnaryOperator<String> untrusted) {
    if (isEmpty()) {
      return null;
    }
    Attachment.Builder builder = Attachment.builder()
        .color(color)
        .pretext(untrusted.apply(pretext))
        .title(untrusted.apply(title))
        .titleLink(titleLink)
        .text(untrusted.apply(text))
        .authorName(untrusted.apply(authorName))
        .authorLink(authorLink)
        .authorIcon(authorIcon)
        .imageUrl(imageUrl)
        .thumbUrl(thumbUrl)
        .footer(untrusted.apply(footer))
        .footerIcon(footerIcon)
        .fallback(untrusted.apply(fallback));
    for (Field field : fieldsInCommandLineOrder(parseResult, untrusted)) {
      builder.addField(field);
    }
    try {
      return builder.build();
    } catch (IllegalArgumentException e) {
      throw CliException.usage(flagMessage(e.getMessage()));
    }
  }

  /** {@code titleLink: cannot be set without title} becomes {@code --title-link: cannot be set without --title}. */
  static String flagMessage(String message) {
    Matcher leading = Pattern.compile("^(\\w+): (.*)$", Pattern.DOTALL)
        .matcher(message);
    if (!leading.matches() || !FLAG_OF_FIELD.containsKey(leading.group(1))) {
      return "attachment: " + message;
    }
    String problem = leading.group(2);
    Matcher without = Pattern.compile("without (\\w+)").matcher(problem);
    if (without.find() && FLAG_OF_FIELD.containsKey(without.group(1))) {
      problem = problem.substring(0, without.start(1)) + FLAG_OF_FIELD.get(without.group(1)) + problem.substring(without.end(1));
    }
    return FLAG_OF_FIELD.get(leading.group(1)) + ": " + problem;
  }

  /** --field and --short-field interleave in the order they were typed, as a reader of the command expects. */
  private List<Field> fieldsInCommandLineOrder(ParseResult parseResult, UnaryOperator<String> untrusted) {
    List<Field> ordered = new ArrayList<>();
    Iterator<String> full = fields.iterator();
    Iterator<String> half = shortFields.iterator();
    if (parseResult != null) {
      for (ArgSpec arg : parseResult.matchedArgs()) {
        if (arg instanceof OptionSpec) {
          String name = ((OptionSpec) arg).longestName();
          if (name.equals("--field") && full.hasNext()) {
            ordered.add(parseField("--field", full.next(), false, untrusted));
          } else if (name.equals("--short-field") && half.hasNext()) {
            ordered.add(parseField("--short-field", half.next(), true, untrusted));
          }
        }
      }
    }
    full.forEachRemaining(spec -> ordered.add(parseField("--field", spec, false, untrusted)));
    half.forEachRemaining(spec -> ordered.add(parseField("--short-field", spec, true, untrusted)));
    return ordered;
  }

  static Field parseField(String option, String spec, boolean isShort, UnaryOperator<String> untrusted) {
    int equals = spec.indexOf('=');
    if (equals <= 0) {
      throw CliException.usage(option + " '" + spec + "': expected TITLE=VALUE, e.g. " + option + " \"Branch=main\"");
    }
    String title = spec.substring(0, equals).trim();
    String value = spec.substring(equals + 1);
    return Field.of(untrusted.apply(title), untrusted.apply(value), isShort);
  }
}
