package org.commandcenter.mattermost;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.commandcenter.mattermost.text.SafeText;

/**
 * The digest post that stands in for several waiting notifications of one channel: a heading and one line each,
 * linked, worst first. It lists the deliveries it carries in its props ({@value #DIGEST_PROP}), so that reading
 * the channel back after a restart finds them delivered.
 */
final class Digests {
  /** The ids of the deliveries a digest post carries. */
  static final String DIGEST_PROP = "command_center_digest";
  /** Room for the heading within Mattermost's 16,383 runes (server/public/model/post.go). */
  static final int MAX_TEXT_RUNES = TextSplitter.MAX_POST_RUNES - 383;

  /** One waiting notification as its digest line sees it. */
  record Line(String deliveryId, long sequence, Delivery.Summary summary) {}

  private Digests() {}

  /** The line of a summary: {@code - :red_circle: [app #42 failed](https://ci/job/app/42/)}. */
  static String line(Delivery.Summary summary) {
    String text = summary.text().replace('\n', ' ').replace('\r', ' ');
    String label = summary.link() != null ? SafeText.link(text, summary.link()) : SafeText.neutralize(text);
    return "- " + summary.severity().emoji() + " " + label;
  }

  /** How many of {@code lines} (in their order) fit in one digest post. */
  static int fitting(List<Line> lines, int maxLines) {
    int runes = heading(lines.size(), 0).length();
    int count = 0;
    for (Line line : lines) {
      String text = line(line.summary());
      int length = text.codePointCount(0, text.length()) + 1;
      if (count == maxLines || (count > 0 && runes + length > MAX_TEXT_RUNES)) {
        break;
      }
      runes += length;
      count++;
    }
    return count;
  }

  /**
   * The digest post: worst first, and in arrival order within a severity.
   *
   * @param template the first notification's post, for the sender's name and icon
   */
  static Post post(List<Line> lines, int threshold, String channel, Post template) {
    List<Line> sorted = new ArrayList<>(lines);
    sorted.sort(Comparator.comparing((Line line) -> line.summary().severity()).thenComparingLong(Line::sequence));
    StringBuilder text = new StringBuilder(heading(lines.size(), threshold));
    List<String> ids = new ArrayList<>();
    for (Line line : sorted) {
      text.append('\n').append(line(line.summary()));
      ids.add(line.deliveryId());
    }
    Post.Builder post = Post.builder().channel(channel).text(text.toString());
    if (template != null) {
      post.username(template.username()).iconUrl(template.iconUrl()).iconEmoji(template.iconEmoji());
    }
    return post.managedProp(DIGEST_PROP, ids).build();
  }

  private static String heading(int count, int threshold) {
    return ":bell: **" + count + " notifications at once** (more than " + threshold
        + " were waiting for this channel), worst first:";
  }
}
