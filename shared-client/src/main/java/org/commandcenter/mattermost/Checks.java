package org.commandcenter.mattermost;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.commandcenter.mattermost.rules.Fields;
import org.commandcenter.mattermost.rules.HttpUrls;
import org.commandcenter.mattermost.rules.MattermostIds;

/** The client's validation shorthands over {@link org.commandcenter.mattermost.rules}; failures name the field. */
final class Checks {
  private Checks() {}

  static IllegalArgumentException invalid(String field, String problem) {
    return Fields.invalid(field, problem);
  }

  static boolean isId(String value) {
    return MattermostIds.isValid(value);
  }

  static String requireId(String field, String value) {
    return MattermostIds.require(field, value);
  }

  static String requireNotBlank(String field, String value) {
    if (value == null || value.isBlank()) {
      throw invalid(field, "must not be blank");
    }
    return value;
  }

  /** Links must be absolute http(s) URLs with a host (server/public/model/slack_attachment.go IsValid). */
  static void requireHttpUrl(String field, String value) {
    HttpUrls.requireValidOrEmpty(field, value);
  }

  /**
   * A click names its action by id and the server takes the first match in the post (Post.GetAction,
   * server/public/model/integration_action.go): a second action with the same id could never be clicked.
   */
  static void requireDistinctActionIds(String field, List<Action> actions) {
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < actions.size(); i++) {
      String id = actions.get(i).id();
      if (id != null && !id.isEmpty() && !seen.add(id)) {
        throw invalid(field + "[" + i + "].id", "'" + id + "' is used by another action of this post");
      }
    }
  }

  static int codePointLength(String value) {
    return value.codePointCount(0, value.length());
  }
}
