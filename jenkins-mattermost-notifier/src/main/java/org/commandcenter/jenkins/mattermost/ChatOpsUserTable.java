package org.commandcenter.jenkins.mattermost;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.commandcenter.mattermost.rules.Usernames;

/**
 * The explicit user table of ChatOps: one {@code mattermostUser=jenkinsUser} per line, blank lines and lines starting
 * with {@code #} ignored, a leading {@code @} on the Mattermost name allowed. Mattermost usernames are lowercase
 * (server/public/model/user.go, IsValidUsername), so the left side is compared lowercased; the right side is a Jenkins
 * user id, as Jenkins' id strategy compares it. The left side must be a valid Mattermost username ({@link Usernames}).
 */
final class ChatOpsUserTable {
  private ChatOpsUserTable() {
  }

  /** The valid lines, Mattermost username to Jenkins user id; a later line for the same user wins. */
  static Map<String, String> parse(String table) {
    Map<String, String> users = new LinkedHashMap<>();
    for (String line : lines(table)) {
      Entry entry = entry(line);
      if (entry != null) {
        users.put(entry.mattermost, entry.jenkins);
      }
    }
    return Collections.unmodifiableMap(users);
  }

  /** What is wrong with the table, one message per bad line, naming the line number. */
  static List<String> problems(String table) {
    List<String> problems = new ArrayList<>();
    List<String> lines = lines(table);
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i).strip();
      if (!line.isEmpty() && !line.startsWith("#") && entry(line) == null) {
        problems.add(Messages.get("chatops.table.badLine", i + 1));
      }
    }
    return problems;
  }

  private static List<String> lines(String table) {
    return table == null ? List.of() : List.of(table.split("\\R"));
  }

  private static Entry entry(String raw) {
    String line = raw.strip();
    if (line.isEmpty() || line.startsWith("#")) {
      return null;
    }
    int equals = line.indexOf('=');
    if (equals < 0) {
      return null;
    }
    String mattermost = line.substring(0, equals).strip();
    if (mattermost.startsWith("@")) {
      mattermost = mattermost.substring(1);
    }
    mattermost = mattermost.toLowerCase(Locale.ROOT);
    String jenkins = line.substring(equals + 1).strip();
    if (!Usernames.isValid(mattermost) || jenkins.isEmpty()) {
      return null;
    }
    return new Entry(mattermost, jenkins);
  }

  private record Entry(String mattermost, String jenkins) {}
}
