package org.commandcenter.notifier.core;

import java.util.Locale;

/**
 * The Jenkins user ChatOps acts as, found by {@link ChatOpsPort#identify}: every port call carries one, and the
 * adapter runs the call as that user (impersonation), never as SYSTEM.
 *
 * @param jenkinsId the Jenkins user id the adapter impersonates
 * @param mattermost who asked, as Mattermost knows them
 */
public record ChatUser(String jenkinsId, MattermostUser mattermost) {
  public ChatUser {
    Checks.requireNotBlank("jenkinsId", jenkinsId);
    if (mattermost == null) {
      throw Checks.invalid("mattermost", "must be set");
    }
    // ACL.SYSTEM_USERNAME and the anonymous user: ChatOps acts for people, never as Jenkins itself.
    String id = jenkinsId.strip().toLowerCase(Locale.ROOT);
    if (id.equals("system") || id.equals("anonymous")) {
      throw Checks.invalid("jenkinsId", "'" + jenkinsId + "' is not a person; ChatOps never acts as it");
    }
  }

  public String mattermostUsername() {
    return mattermost.username();
  }
}
