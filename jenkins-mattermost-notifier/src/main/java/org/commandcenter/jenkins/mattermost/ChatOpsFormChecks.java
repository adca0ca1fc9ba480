package org.commandcenter.jenkins.mattermost;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.commandcenter.mattermost.rules.MattermostIds;

/** The rules of the ChatOps fields of the global configuration, Jenkins-free (see {@link FormChecks}). */
final class ChatOpsFormChecks {
  private ChatOpsFormChecks() {
  }

  /** Team ids separated by commas, semicolons or white space. */
  static Set<String> teamIds(String value) {
    Set<String> ids = new LinkedHashSet<>();
    if (value != null) {
      for (String part : value.split("[,;\\s]+")) {
        if (!part.isEmpty()) {
          ids.add(part);
        }
      }
    }
    return ids;
  }

  static FieldCheck allowedTeamIds(String value) {
    List<String> bad = new ArrayList<>();
    for (String id : teamIds(value)) {
      if (!MattermostIds.isValid(id)) {
        bad.add(id);
      }
    }
    return bad.isEmpty() ? FieldCheck.ok()
        : FieldCheck.error(Messages.get("chatops.check.teamIds", String.join(", ", bad)));
  }

  static FieldCheck userTable(String value) {
    List<String> problems = ChatOpsUserTable.problems(value);
    return problems.isEmpty() ? FieldCheck.ok() : FieldCheck.error(String.join(" ", problems));
  }
}
