package org.commandcenter.sonar.mattermost;

import static org.commandcenter.sonar.mattermost.MattermostProperties.*;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import org.commandcenter.mattermost.rules.ChannelNames;
import org.commandcenter.mattermost.rules.HttpUrls;
import org.commandcenter.mattermost.rules.WebhookUrls;
import org.sonar.api.config.Configuration;

/**
 * The plugin's global settings, read once per analysis from the Compute Engine's configuration (which holds
 * global values only). A bad value of a setting an alert cannot do without fails {@link #from(Configuration)} with a
 * message that names the setting; a bad value of an optional one (War Room channel, allow-list entry, mapping row,
 * Web API URL) is left out and reported in {@link #warnings()}, so a typo there never silences failure alerts.
 */
public final class GateSettings {

  private final boolean enabled;
  private final String siteUrl;
  private final String botToken;
  private final String webhookUrl;
  private final String team;
  private final String caCertificates;
  private final String username;
  private final String defaultChannel;
  private final List<ProjectRoute> projectRoutes;
  private final Set<String> allowedChannels;
  private final String warRoomChannel;
  private final NotifyMode notifyMode;
  private final Pattern branchFilter;
  private final boolean pullRequests;
  private final String webApiUrl;
  private final String webApiToken;
  private final List<String> warnings = new ArrayList<>();

  private GateSettings(Configuration config) {
    this.enabled = config.getBoolean(ENABLED).orElse(true);
    this.siteUrl = optionalUrl(config, SITE_URL);
    this.botToken = trimmed(config, BOT_TOKEN);
    this.webhookUrl = optionalWebhookUrl(config);
    this.team = trimmed(config, TEAM);
    this.caCertificates = trimmed(config, CA_CERTIFICATES);
    this.username = trimmed(config, USERNAME);
    this.defaultChannel = channelName(DEFAULT_CHANNEL, trimmed(config, DEFAULT_CHANNEL));
    this.projectRoutes = projectRoutes(config);
    this.allowedChannels = allowedChannels(config);
    this.warRoomChannel = optionalChannelName(WAR_ROOM_CHANNEL, trimmed(config, WAR_ROOM_CHANNEL));
    this.notifyMode = config.get(NOTIFY).filter(v -> !v.isBlank())
        .map(v -> NotifyMode.parse(NOTIFY, v)).orElse(NotifyMode.FAILED);
    this.branchFilter = branchFilter(config);
    this.pullRequests = config.getBoolean(PULL_REQUESTS).orElse(false);
    // Checked where it is used: a bad one makes 'changes' fall back to 'failed', with a warning.
    this.webApiUrl = withoutTrailingSlash(trimmed(config, WEB_API_URL));
    this.webApiToken = trimmed(config, WEB_API_TOKEN);
    if (botToken != null && siteUrl == null) {
      throw new IllegalArgumentException(SITE_URL + ": required when a bot token is set");
    }
    if (botToken != null && team == null) {
      throw new IllegalArgumentException(TEAM + ": required when a bot token is set");
    }
  }

  /**
   * Reads and validates the settings.
   *
   * @throws IllegalArgumentException naming the setting whose value is invalid
   */
  public static GateSettings from(Configuration config) {
    Objects.requireNonNull(config, "config == null");
    return new GateSettings(config);
  }

  /** Whether alerts are on and there is somewhere to send them. */
  public boolean isActive() {
    return enabled && (botToken != null || webhookUrl != null);
  }

  public boolean enabled() {
    return enabled;
  }

  public Optional<String> siteUrl() {
    return Optional.ofNullable(siteUrl);
  }

  /** The Mattermost site for links: the site URL, else the webhook URL up to {@code /hooks/}. */
  public Optional<String> linkSiteUrl() {
    if (siteUrl != null) {
      return Optional.of(siteUrl);
    }
    return Optional.ofNullable(webhookUrl).map(WebhookUrls::siteOf);
  }

  public Optional<String> botToken() {
    return Optional.ofNullable(botToken);
  }

  public Optional<String> webhookUrl() {
    return Optional.ofNullable(webhookUrl);
  }

  public Optional<String> team() {
    return Optional.ofNullable(team);
  }

  public Optional<String> caCertificates() {
    return Optional.ofNullable(caCertificates);
  }

  public Optional<String> username() {
    return Optional.ofNullable(username);
  }

  public Optional<String> defaultChannel() {
    return Optional.ofNullable(defaultChannel);
  }

  public List<ProjectRoute> projectRoutes() {
    return projectRoutes;
  }

  public Set<String> allowedChannels() {
    return allowedChannels;
  }

  public Optional<String> warRoomChannel() {
    return Optional.ofNullable(warRoomChannel);
  }

  public NotifyMode notifyMode() {
    return notifyMode;
  }

  public Optional<Pattern> branchFilter() {
    return Optional.ofNullable(branchFilter);
  }

  public boolean pullRequests() {
    return pullRequests;
  }

  public Optional<String> webApiUrl() {
    return Optional.ofNullable(webApiUrl);
  }

  public Optional<String> webApiToken() {
    return Optional.ofNullable(webApiToken);
  }

  /** Optional values that were left out because they are invalid, each naming its setting. */
  public List<String> warnings() {
    return List.copyOf(warnings);
  }

  /** What identifies the Mattermost connection: two equal keys can share one client and delivery queue. */
  ConnectionKey connectionKey() {
    return new ConnectionKey(siteUrl, botToken, webhookUrl, team, caCertificates);
  }

  @Override
  public String toString() {
    // Never the token, the webhook URL or the Web API token.
    return "GateSettings{enabled=" + enabled + ", siteUrl=" + siteUrl + ", transport="
        + (botToken != null ? "bot" : webhookUrl != null ? "webhook" : "none") + ", team=" + team
        + ", defaultChannel=" + defaultChannel + ", notify=" + notifyMode.value() + "}";
  }

  /**
   * One row of the project-key → channel mapping. A key without {@code *} is an exact-key row: SonarQube project keys
   * cannot contain {@code *} (only letters, digits, {@code - _ . :}), so such a row names exactly one project. A key
   * with {@code *} is a pattern row, each {@code *} matching any characters; every other character matches itself.
   */
  public static final class ProjectRoute {
    static final String WILDCARD = "*";

    private final String projectKeyPattern;
    private final Pattern pattern;
    private final String channel;

    ProjectRoute(String projectKeyPattern, String channel) {
      this.projectKeyPattern = projectKeyPattern;
      this.pattern = globToRegex(projectKeyPattern);
      this.channel = channel;
    }

    public String projectKeyPattern() {
      return projectKeyPattern;
    }

    public String channel() {
      return channel;
    }

    /** Whether this row names one project key, rather than a pattern. */
    public boolean isExact() {
      return !projectKeyPattern.contains(WILDCARD);
    }

    /** Whether the project key matches, case-sensitively as SonarQube compares keys. */
    public boolean matches(String projectKey) {
      return pattern.matcher(projectKey).matches();
    }

    private static Pattern globToRegex(String glob) {
      StringBuilder regex = new StringBuilder();
      for (String literal : glob.split(Pattern.quote(WILDCARD), -1)) {
        if (regex.length() > 0) {
          regex.append(".*");
        }
        regex.append(Pattern.quote(literal));
      }
      return Pattern.compile(regex.toString());
    }
  }

  /** Equality of connection settings; its toString never shows secrets. */
  record ConnectionKey(String siteUrl, String botToken, String webhookUrl, String team, String caCertificates) {
    @Override
    public String toString() {
      return "ConnectionKey{siteUrl=" + siteUrl + ", team=" + team + "}";
    }
  }

  private static String trimmed(Configuration config, String key) {
    return config.get(key).map(String::trim).filter(v -> !v.isEmpty()).orElse(null);
  }

  private static String optionalUrl(Configuration config, String key) {
    String value = trimmed(config, key);
    if (value == null) {
      return null;
    }
    if (!value.startsWith("http://") && !value.startsWith("https://")) {
      throw new IllegalArgumentException(key + ": must be an http:// or https:// URL");
    }
    if (!HttpUrls.isValid(value)) {
      throw new IllegalArgumentException(key + ": is not a valid URL");
    }
    return withoutTrailingSlash(value);
  }

  /** Say which setting is wrong, but never echo it: the webhook URL is a secret. */
  private static String optionalWebhookUrl(Configuration config) {
    String value = trimmed(config, WEBHOOK_URL);
    if (value == null) {
      return null;
    }
    if (!value.startsWith("http://") && !value.startsWith("https://")) {
      throw new IllegalArgumentException(WEBHOOK_URL + ": must be an http:// or https:// URL");
    }
    if (!WebhookUrls.isWebhookUrl(value)) {
      throw new IllegalArgumentException(WEBHOOK_URL + ": must be an incoming-webhook URL such as "
          + "https://chat.example.com/hooks/<key>");
    }
    return value;
  }

  private static String withoutTrailingSlash(String value) {
    return value != null && value.endsWith("/") ? value.substring(0, value.length() - 1) : value;
  }

  private String optionalChannelName(String field, String value) {
    try {
      return channelName(field, value);
    } catch (IllegalArgumentException e) {
      warnings.add(e.getMessage() + "; ignored");
      return null;
    }
  }

  /** A channel's URL name; a leading {@code ~} or {@code #} and capitals, as people type them, are forgiven. */
  static String channelName(String field, String value) {
    if (value == null) {
      return null;
    }
    String name = value.startsWith("~") || value.startsWith("#") ? value.substring(1) : value;
    name = name.toLowerCase(Locale.ROOT);
    if (!ChannelNames.isValidChannel(name)) {
      throw new IllegalArgumentException(field + ": '" + value + "' is not a channel name (letters, digits, "
          + "'_' and '-' as in the channel's URL)");
    }
    return name;
  }


  private Set<String> allowedChannels(Configuration config) {
    Set<String> channels = new LinkedHashSet<>();
    for (String value : config.getStringArray(ALLOWED_CHANNELS)) {
      String channel = optionalChannelName(ALLOWED_CHANNELS, value.trim().isEmpty() ? null : value.trim());
      if (channel != null) {
        channels.add(channel);
      }
    }
    return Set.copyOf(channels);
  }

  private List<ProjectRoute> projectRoutes(Configuration config) {
    List<ProjectRoute> routes = new ArrayList<>();
    Set<String> exactKeys = new HashSet<>();
    String[] rows = config.getStringArray(PROJECT_CHANNELS);
    for (String row : rows) {
      String id = row.trim();
      if (id.isEmpty()) {
        continue;
      }
      String prefix = PROJECT_CHANNELS + "." + id + ".";
      String key = trimmed(config, prefix + PROJECT_CHANNELS_KEY_FIELD);
      String channel = trimmed(config, prefix + PROJECT_CHANNELS_CHANNEL_FIELD);
      if (key == null && channel == null) {
        continue;
      }
      if (key == null) {
        warnings.add(prefix + PROJECT_CHANNELS_KEY_FIELD + ": missing project key; row ignored");
        continue;
      }
      if (channel == null) {
        warnings.add(prefix + PROJECT_CHANNELS_CHANNEL_FIELD + ": missing channel; row ignored");
        continue;
      }
      String channelName = optionalChannelName(prefix + PROJECT_CHANNELS_CHANNEL_FIELD, channel);
      if (channelName == null) {
        continue;
      }
      ProjectRoute route = new ProjectRoute(key, channelName);
      // An exact row wins wherever it stands, so a second one for the same key is a mistake: keep the first, say so.
      if (route.isExact() && !exactKeys.add(key)) {
        warnings.add(prefix + PROJECT_CHANNELS_KEY_FIELD + ": project key '" + key + "' is already routed by an "
            + "earlier row; row ignored");
        continue;
      }
      routes.add(route);
    }
    return List.copyOf(routes);
  }

  private static Pattern branchFilter(Configuration config) {
    String regex = trimmed(config, BRANCHES);
    if (regex == null) {
      return null;
    }
    try {
      return Pattern.compile(regex);
    } catch (PatternSyntaxException e) {
      throw new IllegalArgumentException(BRANCHES + ": invalid regular expression: " + e.getDescription(), e);
    }
  }
}
