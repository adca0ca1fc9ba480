package org.commandcenter.jenkins.mattermost;

import java.util.Map;
import java.util.Set;
import org.commandcenter.notifier.core.ActionSigner;
import org.commandcenter.notifier.core.ChatOpsConfig;

/**
 * The ChatOps part of the global configuration, as one immutable value: what ChatOps is built from, and what tells
 * whether it must be built again. Holds the signing secret: {@link #toString()} never shows it.
 *
 * @param commandTokenCredentialsId the Secret Text holding the slash command's token, or null (commands refused)
 * @param botCredentialsId          the Secret Text holding the bot token ChatOps uses, or null for the global one
 * @param signingSecret             this Jenkins' button-signing secret, Base64; null while ChatOps is off
 */
record ChatOpsSettings(boolean enabled, String commandTokenCredentialsId, String botCredentialsId,
    Set<String> allowedTeamIds, ChatOpsUserMapping userMapping, Map<String, String> userTable, int buttonMaxAgeDays,
    int rateLimitPerMinute, int logTailLines, String instanceId, String signingSecret) {
  static final int DEFAULT_BUTTON_MAX_AGE_DAYS = (int) ActionSigner.DEFAULT_MAX_AGE.toDays();
  static final int MAX_BUTTON_MAX_AGE_DAYS = 365;
  static final int DEFAULT_RATE_LIMIT_PER_MINUTE = ChatOpsConfig.defaults().rateLimitRequests();
  static final int MAX_RATE_LIMIT_PER_MINUTE = 600;
  static final int DEFAULT_LOG_TAIL_LINES = ChatOpsConfig.DEFAULT_LOG_TAIL_LINES;
  static final int MAX_LOG_TAIL_LINES = ChatOpsConfig.MAX_LOG_TAIL_LINES;

  static final ChatOpsSettings OFF = new ChatOpsSettings(false, null, null, Set.of(), ChatOpsUserMapping.SAME_USERNAME,
      Map.of(), DEFAULT_BUTTON_MAX_AGE_DAYS, DEFAULT_RATE_LIMIT_PER_MINUTE, DEFAULT_LOG_TAIL_LINES, null, null);

  ChatOpsSettings {
    allowedTeamIds = Set.copyOf(allowedTeamIds);
    userTable = Map.copyOf(userTable);
  }

  @Override
  public String toString() {
    return "ChatOpsSettings{enabled=" + enabled + ", commandToken=" + commandTokenCredentialsId + ", bot="
        + (botCredentialsId == null ? "global" : botCredentialsId) + ", teams=" + allowedTeamIds + ", mapping="
        + userMapping + ", maxAgeDays=" + buttonMaxAgeDays + ", rateLimit=" + rateLimitPerMinute + "/min, logLines="
        + logTailLines + ", jenkins=" + instanceId + ", signingSecret=" + (signingSecret == null ? "none" : "****")
        + "}";
  }
}
