package org.commandcenter.notifier.core;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.commonmark.node.AbstractVisitor;
import org.commonmark.node.Image;
import org.commonmark.node.Node;
import org.commonmark.parser.Parser;

/** The image URLs a Markdown text makes every viewer's client load. */
final class MarkdownImages {
  private static final Parser PARSER = Parser.builder().build();
  /**
   * Mattermost's size suffix, {@code ![alt](url =100x50 "title")} (its Markdown documentation, "Inline images"),
   * which CommonMark does not know: without it removed, such an image would go unseen.
   */
  private static final Pattern SIZE_SUFFIX = Pattern.compile("(\\]\\(\\s*<?[^\\s)>]*>?)\\s+=\\d*(?:x\\d*)?(?=[\\s)])");

  private MarkdownImages() {}

  static List<String> sources(String markdown) {
    List<String> sources = new ArrayList<>();
    if (markdown == null || !markdown.contains("![")) {
      return sources;
    }
    Node document = PARSER.parse(SIZE_SUFFIX.matcher(markdown).replaceAll("$1"));
    document.accept(new AbstractVisitor() {
      @Override
      public void visit(Image image) {
        sources.add(image.getDestination());
        visitChildren(image);
      }
    });
    return sources;
  }
}
