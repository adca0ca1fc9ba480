package org.commandcenter.sandbox.inbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.commandcenter.mattermost.text.SafeText;
import org.junit.jupiter.api.Test;

/**
 * Untrusted text neutralized by the client renders, in a CommonMark renderer (the inbox; Mattermost's mobile app uses
 * CommonMark too), as exactly the text that was given: no link, image, heading, list, table, quote, emphasis or code,
 * and nothing added that a reader would see.
 */
class SafeTextRenderingTest {
  private static final List<String> UNTRUSTED = List.of(
      "fix: handle <b>bold</b> & 'quotes' in [links](https://evil.example) and ![img](https://evil.example/x.png)",
      "# not a heading\n- not a list\n> not a quote\n1. not ordered\n+ nor this",
      "a | b\n---|---\nc | d",
      "**strong** _em_ ~~strike~~ `code` \\backslash\\",
      "title\n===\n    indented, not code\n\ttabbed",
      "<https://evil.example|click me> <!channel> &#64;here &amp; R&D",
      "feature/JIRA-123_@alice's-branch @channel");

  private static String visibleText(String html) {
    return html.replaceAll("<[^>]+>", "")
        .replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"").replace("&#39;", "'")
        .replace("&amp;", "&")
        .replace("\u2060", "")
        .replaceAll("\\s+", " ").trim();
  }

  @Test
  void rendersExactlyTheUntrustedTextAndNoHiddenLinksOrMarkup() {
    for (String input : UNTRUSTED) {
      String html = Markdown.toHtml(SafeText.neutralize(input));

      // Bare URLs stay autolinked, as Mattermost does, but only ever showing their own target.
      java.util.regex.Matcher anchors = java.util.regex.Pattern.compile("<a [^>]*href=\"([^\"]*)\"[^>]*>([^<]*)</a>")
          .matcher(html);
      while (anchors.find()) {
        assertThat(anchors.group(2)).as(input).isEqualTo(anchors.group(1));
      }
      assertThat(html.replaceAll("<a [^>]*>", "")).as(input).doesNotContain("<a ", "<img", "<h1", "<h2", "<ul", "<ol", "<li", "<table",
          "<blockquote", "<strong", "<em", "<del", "<code", "<pre", "<b>");
      assertThat(visibleText(html)).as(input).isEqualTo(input.replaceAll("\\s+", " ").trim());
    }
  }
}
