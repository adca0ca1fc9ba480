package org.commandcenter.sandbox.inbox;

import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.commonmark.node.Node;
import org.commonmark.node.Text;
import org.commonmark.renderer.NodeRenderer;
import org.commonmark.renderer.html.HtmlNodeRendererContext;
import org.commonmark.renderer.html.HtmlWriter;

/**
 * Plain text as Mattermost shows it: {@code @mentions} highlighted and the common {@code :emoji:} shortcodes drawn
 * (as small badges, so the page needs no emoji font and fetches nothing). Code spans and blocks are other nodes and
 * keep their text untouched.
 */
final class TextRenderer implements NodeRenderer {
  private static final Pattern TOKENS = Pattern.compile("(?<![\\w@])@([a-z0-9][a-z0-9._-]*[a-z0-9]|[a-z0-9])|:([a-z0-9_+-]+):");
  /**
   * shortcode → {css modifier, glyph}: the system emoji our alerts and people's replies use most. Glyphs come from
   * ordinary fonts (or, for people, from CSS), so no emoji font is needed. Shortcodes not listed stay text, as
   * Mattermost leaves unknown ones (e.g. a custom emoji this site does not have).
   */
  private static final Map<String, String[]> EMOJI = Map.ofEntries(
      Map.entry("rotating_light", new String[] {"alert", "!"}),
      Map.entry("exclamation", new String[] {"alert", "!"}),
      Map.entry("heavy_exclamation_mark", new String[] {"alert", "!"}),
      Map.entry("warning", new String[] {"warning", "!"}),
      Map.entry("construction", new String[] {"warning", "!"}),
      Map.entry("star", new String[] {"warning", "\u2605"}),
      Map.entry("white_check_mark", new String[] {"ok", "\u2713"}),
      Map.entry("heavy_check_mark", new String[] {"ok", "\u2713"}),
      Map.entry("green_circle", new String[] {"ok", "\u2713"}),
      Map.entry("tada", new String[] {"ok", "\u2605"}),
      Map.entry("chart_with_upwards_trend", new String[] {"ok", "\u2197"}),
      Map.entry("heavy_plus_sign", new String[] {"ok", "+"}),
      Map.entry("x", new String[] {"fail", "\u2715"}),
      Map.entry("heavy_multiplication_x", new String[] {"fail", "\u2715"}),
      Map.entry("red_circle", new String[] {"fail", "\u2715"}),
      Map.entry("no_entry", new String[] {"fail", "\u2715"}),
      Map.entry("no_entry_sign", new String[] {"fail", "\u2298"}),
      Map.entry("chart_with_downwards_trend", new String[] {"fail", "\u2198"}),
      Map.entry("heavy_minus_sign", new String[] {"fail", "\u2212"}),
      Map.entry("information_source", new String[] {"info", "i"}),
      Map.entry("question", new String[] {"info", "?"}),
      Map.entry("telephone_receiver", new String[] {"info", "\u260E"}),
      Map.entry("arrow_forward", new String[] {"info", "\u25B6"}),
      Map.entry("fast_forward", new String[] {"info", "\u00BB"}),
      Map.entry("arrow_right", new String[] {"info", "\u2192"}),
      Map.entry("arrow_left", new String[] {"info", "\u2190"}),
      Map.entry("arrow_up", new String[] {"info", "\u2191"}),
      Map.entry("arrow_down", new String[] {"info", "\u2193"}),
      Map.entry("repeat", new String[] {"info", "\u21BB"}),
      Map.entry("memo", new String[] {"info", "\u270E"}),
      Map.entry("pencil2", new String[] {"info", "\u270E"}),
      Map.entry("bust_in_silhouette", new String[] {"person", ""}),
      Map.entry("busts_in_silhouette", new String[] {"person", ""}));

  private final HtmlWriter html;

  TextRenderer(HtmlNodeRendererContext context) {
    this.html = context.getWriter();
  }

  @Override
  public Set<Class<? extends Node>> getNodeTypes() {
    return Set.of(Text.class);
  }

  @Override
  public void render(Node node) {
    String literal = ((Text) node).getLiteral();
    Matcher m = TOKENS.matcher(literal);
    int last = 0;
    while (m.find()) {
      if (m.group(1) != null) {
        html.text(literal.substring(last, m.start()));
        String name = m.group(1);
        boolean broadcast = name.equals("channel") || name.equals("here") || name.equals("all");
        html.raw("<span class=\"mention" + (broadcast ? " mention--broadcast" : "") + "\">");
        html.text("@" + name);
        html.raw("</span>");
        last = m.end();
      } else {
        String[] emoji = EMOJI.get(m.group(2));
        if (emoji == null) continue;
        html.text(literal.substring(last, m.start()));
        html.raw("<span class=\"emoji emoji--" + emoji[0] + "\" title=\":" + m.group(2) + ":\">");
        html.text(emoji[1]);
        html.raw("</span>");
        last = m.end();
      }
    }
    html.text(literal.substring(last));
  }
}
