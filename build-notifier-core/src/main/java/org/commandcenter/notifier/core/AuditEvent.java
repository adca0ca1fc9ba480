package org.commandcenter.notifier.core;

import java.time.Instant;

/**
 * One thing someone asked ChatOps to do, and what came of it: for the Jenkins log. Never carries a token, a
 * context's signature or a log line.
 *
 * @param mattermostUser the Mattermost username (or user id when it could not be looked up)
 * @param jenkinsUser the Jenkins user acted as, or null when none was found
 * @param action e.g. {@code rebuild}, {@code /jenkins build}
 * @param job the job's full name, or null
 * @param build the build number, or 0
 * @param allowed false for refusals (missing permission, unknown user, bad button, rate limit)
 * @param outcome what happened, in words
 */
public record AuditEvent(Instant at, String mattermostUser, String jenkinsUser, String action, String job, int build,
    boolean allowed, String outcome) {
  @Override
  public String toString() {
    return "ChatOps: @" + mattermostUser + (jenkinsUser == null ? "" : " (Jenkins user " + jenkinsUser + ")") + " "
        + action + (job == null ? "" : " " + job + (build > 0 ? " #" + build : "")) + ": "
        + (allowed ? "" : "refused, ") + outcome;
  }
}
