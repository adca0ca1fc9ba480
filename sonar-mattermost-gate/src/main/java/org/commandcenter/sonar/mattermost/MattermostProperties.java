package org.commandcenter.sonar.mattermost;

import java.lang.reflect.Method;
import java.util.Collection;
import java.util.List;
import org.sonar.api.PropertyType;
import org.sonar.api.config.PropertyDefinition;
import org.sonar.api.config.PropertyFieldDefinition;

/** Keys and definitions of every setting of the plugin, shown under Administration → Mattermost. */
public final class MattermostProperties {

  public static final String CATEGORY = "Mattermost";
  static final String SUB_CONNECTION = "Connection";
  static final String SUB_ROUTING = "Routing";
  static final String SUB_ALERTS = "Alerts";
  /** {@code Qualifiers.PROJECT}, which is deprecated for removal in newer APIs. */
  static final String PROJECT_QUALIFIER = "TRK";

  public static final String ENABLED = "sonar.mattermost.enabled";
  public static final String SITE_URL = "sonar.mattermost.siteUrl";
  public static final String BOT_TOKEN = "sonar.mattermost.botToken.secured";
  public static final String WEBHOOK_URL = "sonar.mattermost.webhookUrl.secured";
  public static final String TEAM = "sonar.mattermost.team";
  public static final String CA_CERTIFICATES = "sonar.mattermost.caCertificates";
  public static final String DEFAULT_CHANNEL = "sonar.mattermost.channel";
  public static final String ALLOWED_CHANNELS = "sonar.mattermost.allowedChannels";
  public static final String PROJECT_CHANNELS = "sonar.mattermost.projectChannels";
  public static final String PROJECT_CHANNELS_KEY_FIELD = "projectKey";
  public static final String PROJECT_CHANNELS_CHANNEL_FIELD = "channel";
  public static final String WAR_ROOM_CHANNEL = "sonar.mattermost.warRoomChannel";
  public static final String NOTIFY = "sonar.mattermost.notify";
  public static final String BRANCHES = "sonar.mattermost.branches";
  public static final String PULL_REQUESTS = "sonar.mattermost.pullRequests";
  public static final String WEB_API_URL = "sonar.mattermost.webApiUrl";
  public static final String WEB_API_TOKEN = "sonar.mattermost.webApiToken.secured";
  public static final String USERNAME = "sonar.mattermost.username";

  /** Set on a project's own settings page; reaches the Compute Engine through {@link ProjectChannelSensor}. */
  public static final String PROJECT_CHANNEL = "sonar.mattermost.project.channel";
  /** The analysis context property the sensor copies {@link #PROJECT_CHANNEL} into. */
  public static final String CONTEXT_CHANNEL = "mattermost.channel";

  private MattermostProperties() {
  }

  public static List<PropertyDefinition> definitions() {
    int index = 0;
    return List.of(
        global(ENABLED, SUB_CONNECTION, index++)
            .name("Enabled")
            .description("Post quality gate alerts to Mattermost. Turn off to silence every project at once.")
            .type(PropertyType.BOOLEAN)
            .defaultValue("true")
            .build(),
        global(SITE_URL, SUB_CONNECTION, index++)
            .name("Mattermost site URL")
            .description("Root URL of the Mattermost server, e.g. https://chat.example.com. Used with the bot token "
                + "(REST API v4) and for War Room links.")
            .build(),
        global(BOT_TOKEN, SUB_CONNECTION, index++)
            .name("Bot access token")
            .description("Personal access token of a Mattermost bot account that is a member of the alert channels. "
                + "Takes precedence over the incoming webhook.")
            .type(PropertyType.PASSWORD)
            .build(),
        global(WEBHOOK_URL, SUB_CONNECTION, index++)
            .name("Incoming webhook URL")
            .description("Incoming webhook, used when no bot token is set. Channels other than the webhook's own "
                + "need the webhook to allow channel overrides (the default).")
            .type(PropertyType.PASSWORD)
            .build(),
        global(TEAM, SUB_CONNECTION, index++)
            .name("Team")
            .description("Team name (as in its URL) whose channels the alerts go to. Required with the bot token.")
            .build(),
        global(CA_CERTIFICATES, SUB_CONNECTION, index++)
            .name("Trusted CA certificates (PEM)")
            .description("PEM certificates of a private certificate authority, trusted in addition to the JVM's "
                + "for HTTPS connections to Mattermost.")
            .type(PropertyType.TEXT)
            .build(),
        global(USERNAME, SUB_CONNECTION, index++)
            .name("Post as")
            .description("Display name of the posts, if the Mattermost server allows integrations to override it. "
                + "Empty keeps the bot's or webhook's own name.")
            .build(),
        global(DEFAULT_CHANNEL, SUB_ROUTING, index++)
            .name("Default channel")
            .description("Channel name (as in its URL, e.g. alerts) for projects without a more specific route. "
                + "Empty uses the webhook's own channel.")
            .build(),
        global(PROJECT_CHANNELS, SUB_ROUTING, index++)
            .name("Channels by project")
            .description("Routes projects to channels by project key. A key without * is exact and wins over every "
                + "pattern, wherever its row is. A key with * is a pattern (* matches any characters; . and every "
                + "other character match themselves), and the first matching pattern row wins. Project "
                + "administrators can rename their project's key (Update Key) and so move it into another pattern's "
                + "channel: route sensitive channels by exact keys only, and delete a row when its project is renamed "
                + "or deleted. A project's own channel, if allowed below, comes first.")
            .type(PropertyType.PROPERTY_SET)
            .fields(
                PropertyFieldDefinition.build(PROJECT_CHANNELS_KEY_FIELD)
                    .name("Project key")
                    .description("Exact project key (e.g. payments-ledger), or a pattern with * (e.g. payments-*). "
                        + "Case-sensitive.")
                    .build(),
                PropertyFieldDefinition.build(PROJECT_CHANNELS_CHANNEL_FIELD)
                    .name("Channel")
                    .description("Channel name")
                    .build())
            .build(),
        global(ALLOWED_CHANNELS, SUB_ROUTING, index++)
            .name("Channels projects may choose")
            .description("Channels that a project may select on its own settings page. A project's choice arrives "
                + "with its analysis, so anyone who can run an analysis could forge it: a channel that is not listed "
                + "here is ignored. Any project may pick a listed channel, whatever Channels by project says, so "
                + "never list a channel that only some projects may post to.")
            .multiValues(true)
            .build(),
        onlyOnProjects(PropertyDefinition.builder(PROJECT_CHANNEL))
            .category(CATEGORY)
            .subCategory(SUB_ROUTING)
            .index(index++)
            .name("Mattermost channel")
            .description("Channel for this project's quality gate alerts. It must be one of the channels the "
                + "administrator allows projects to choose, and then wins over the administrator's routing by "
                + "project key.")
            .build(),
        global(WAR_ROOM_CHANNEL, SUB_ROUTING, index++)
            .name("War Room channel")
            .description("Calls-enabled channel linked from failure alerts as a War Room (opens a call). Empty: no "
                + "War Room link.")
            .build(),
        global(NOTIFY, SUB_ALERTS, index++)
            .name("Notify on")
            .description("failed: every analysis whose quality gate fails. changes: only when the gate status "
                + "changes (failed, then back to green); needs the Web API token. always: every analysis.")
            .type(PropertyType.SINGLE_SELECT_LIST)
            .options(NotifyMode.optionValues())
            .defaultValue(NotifyMode.FAILED.value())
            .build(),
        global(BRANCHES, SUB_ALERTS, index++)
            .name("Branches")
            .description("Regular expression the branch name must match entirely, e.g. main|release/.*. Empty: "
                + "every branch.")
            .type(PropertyType.REGULAR_EXPRESSION)
            .build(),
        global(PULL_REQUESTS, SUB_ALERTS, index++)
            .name("Pull requests")
            .description("Also alert on pull request analyses.")
            .type(PropertyType.BOOLEAN)
            .defaultValue("false")
            .build(),
        global(WEB_API_TOKEN, SUB_ALERTS, index++)
            .name("SonarQube Web API token")
            .description("Token of a SonarQube user with Browse permission on the projects, used to read the "
                + "previous quality gate status for 'changes'. Without it, 'changes' behaves like 'failed'.")
            .type(PropertyType.PASSWORD)
            .build(),
        global(WEB_API_URL, SUB_ALERTS, index++)
            .name("SonarQube Web API URL")
            .description("URL at which the Compute Engine reaches this server's Web API. Empty: "
                + "http://127.0.0.1 with sonar.web.port and sonar.web.context.")
            .build());
  }

  /**
   * Shows the setting on project pages only. API 10.13 replaced {@code onlyOnQualifiers} (9.14, which this jar is
   * compiled against) by {@code onlyOnConfigScopes} and deprecated it for removal; a plugin whose {@code define}
   * fails stops the whole server, so the newer method is used wherever the server's API has it.
   */
  static PropertyDefinition.Builder onlyOnProjects(PropertyDefinition.Builder builder) {
    try {
      Class<?> configScope = Class.forName(PropertyDefinition.class.getName() + "$ConfigScope", false,
          PropertyDefinition.class.getClassLoader());
      Object projectScope = configScope.getField("PROJECT").get(null);
      Method onlyOnConfigScopes = PropertyDefinition.Builder.class.getMethod("onlyOnConfigScopes", Collection.class);
      return (PropertyDefinition.Builder) onlyOnConfigScopes.invoke(builder, List.of(projectScope));
    } catch (ReflectiveOperationException | LinkageError | RuntimeException olderApi) {
      return builder.onlyOnQualifiers(PROJECT_QUALIFIER);
    }
  }

  private static PropertyDefinition.Builder global(String key, String subCategory, int index) {
    return PropertyDefinition.builder(key)
        .category(CATEGORY)
        .subCategory(subCategory)
        .index(index);
  }
}
