package org.commandcenter.sandbox.inbox;

import java.util.List;
import java.util.Map;
import org.commonmark.Extension;
import org.commonmark.ext.autolink.AutolinkExtension;
import org.commonmark.ext.gfm.tables.TablesExtension;
import org.commonmark.node.Link;
import org.commonmark.parser.Parser;
import org.commonmark.renderer.html.HtmlRenderer;

/**
 * Mattermost-flavoured Markdown for the inbox: CommonMark plus GFM tables and autolinks, raw HTML shown as text
 * (Mattermost never renders HTML from messages), unsafe link schemes dropped.
 */
final class Markdown {
  private static final List<Extension> EXTENSIONS = List.of(TablesExtension.create(), AutolinkExtension.create());
  private static final Parser PARSER = Parser.builder().extensions(EXTENSIONS).build();
  private static final HtmlRenderer RENDERER = HtmlRenderer.builder()
      .extensions(EXTENSIONS)
      .escapeHtml(true)
      .sanitizeUrls(true)
      .nodeRendererFactory(TextRenderer::new)
      .attributeProviderFactory(context -> (node, tagName, attributes) -> {
        if (node instanceof Link) {
          attributes.put("target", "_blank");
          attributes.put("rel", "noopener noreferrer");
        }
      })
      .build();

  private Markdown() {
  }

  static String toHtml(String markdown) {
    if (markdown == null || markdown.isEmpty()) return "";
    return RENDERER.render(PARSER.parse(markdown));
  }

  static String escape(String text) {
    if (text == null) return "";
    StringBuilder sb = new StringBuilder(text.length() + 16);
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '<': sb.append("&lt;"); break;
        case '>': sb.append("&gt;"); break;
        case '&': sb.append("&amp;"); break;
        case '"': sb.append("&quot;"); break;
        case '\'': sb.append("&#39;"); break;
        default: sb.append(c);
      }
    }
    return sb.toString();
  }

  /** Only http(s) and relative URLs become links or images. */
  static boolean isSafeUrl(String url) {
    if (url == null || url.isEmpty()) return false;
    String lower = url.trim().toLowerCase(java.util.Locale.ROOT);
    return lower.startsWith("http://") || lower.startsWith("https://") || lower.startsWith("/");
  }

  static final Map<String, String> COLORS = Map.of(
      // Mattermost webapp message_attachment: Slack's named colours.
      "good", "#00c100", "warning", "#dede01", "danger", "#e40303");
}
