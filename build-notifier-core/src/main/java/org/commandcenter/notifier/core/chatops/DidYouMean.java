package org.commandcenter.notifier.core.chatops;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * Near misses of a name among the ones the user can see: same name in another case, or a few edits away (optimal
 * string alignment distance), closest first. Never suggests a name the port did not return for that user.
 */
final class DidYouMean {
  private DidYouMean() {}

  static List<String> suggest(String wanted, Collection<String> candidates, int limit) {
    List<Scored> scored = new ArrayList<>();
    String lower = wanted.toLowerCase(Locale.ROOT);
    String lastSegment = lower.substring(lower.lastIndexOf('/') + 1);
    int threshold = Math.max(2, wanted.length() / 4);
    for (String candidate : candidates) {
      if (candidate == null || candidate.equals(wanted)) {
        continue;
      }
      String candidateLower = candidate.toLowerCase(Locale.ROOT);
      int distance = candidateLower.equals(lower) ? 0 : distance(lower, candidateLower);
      if (distance <= threshold) {
        scored.add(new Scored(candidate, distance));
      } else if (!lower.contains("/") && candidateLower.endsWith("/" + lastSegment)) {
        // "main" typed, "team/app/main" meant: the job without its folders.
        scored.add(new Scored(candidate, threshold + 1));
      }
    }
    scored.sort(Comparator.comparingInt(Scored::distance).thenComparing(Scored::name));
    List<String> result = new ArrayList<>();
    for (Scored s : scored) {
      if (result.size() == limit) {
        break;
      }
      result.add(s.name());
    }
    return result;
  }

  static String closest(String wanted, Collection<String> candidates) {
    List<String> near = suggest(wanted, candidates, 1);
    return near.isEmpty() ? null : near.get(0);
  }

  private record Scored(String name, int distance) {}

  /** Levenshtein with adjacent transpositions. */
  static int distance(String a, String b) {
    if (Math.abs(a.length() - b.length()) > 64) {
      return Integer.MAX_VALUE;
    }
    int[][] d = new int[a.length() + 1][b.length() + 1];
    for (int i = 0; i <= a.length(); i++) {
      d[i][0] = i;
    }
    for (int j = 0; j <= b.length(); j++) {
      d[0][j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      for (int j = 1; j <= b.length(); j++) {
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
        if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
          d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
        }
      }
    }
    return d[a.length()][b.length()];
  }
}
