package org.commandcenter.jenkins.mattermost;

import hudson.BulkChange;
import hudson.Extension;
import hudson.ExtensionList;
import hudson.util.FormValidation;
import hudson.util.ListBoxModel;
import hudson.util.Secret;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import jenkins.model.GlobalConfiguration;
import jenkins.model.Jenkins;
import net.sf.json.JSONObject;
import org.commandcenter.mattermost.MattermostClient;
import org.jenkinsci.Symbol;
import org.kohsuke.stapler.DataBoundSetter;
import org.kohsuke.stapler.QueryParameter;
import org.kohsuke.stapler.StaplerRequest;
import org.kohsuke.stapler.verb.POST;

/**
 * Manage Jenkins → System → Mattermost: where Mattermost is and how to reach it. Configuration as Code:
 * {@code unclassified: commandCenterMattermost: siteUrl: ...}; the old key {@code mattermostNotifier} is read too as
 * long as the jenkinsci mattermost plugin, which uses it as well, is not installed ({@link ConflictingPluginMonitor}).
 * Holds no secret itself, only credentials ids, except ChatOps' button-signing secret, which Jenkins generates
 * ({@link SigningSecrets}) and keeps encrypted; it is in neither the form nor Configuration as Code.
 */
@Extension
@Symbol({MattermostGlobalConfiguration.SYMBOL, MattermostGlobalConfiguration.OLD_SYMBOL})
public class MattermostGlobalConfiguration extends GlobalConfiguration {
  /** Ours alone: the jenkinsci mattermost plugin never used it. */
  static final String SYMBOL = "commandCenterMattermost";
  /** The jenkinsci mattermost plugin's key as well; kept for existing JCasC files. */
  static final String OLD_SYMBOL = "mattermostNotifier";
  static final int MAX_TIMEOUT_SECONDS = 600;
  /** "Test connection" runs on a web request thread: all its checks together get about this long. */
  static final Duration TEST_BUDGET = Duration.ofSeconds(10);

  private String siteUrl;
  private String credentialsId;
  private String team;
  private String channel;
  private String warRoomChannel;
  private String username;
  private String iconUrl;
  private String caCertificate;
  private boolean useProxy = true;
  private int connectTimeoutSeconds = ConnectionSettings.DEFAULT_CONNECT_TIMEOUT_SECONDS;
  private int readTimeoutSeconds = ConnectionSettings.DEFAULT_READ_TIMEOUT_SECONDS;
  private int deadlineSeconds = ConnectionSettings.DEFAULT_DEADLINE_SECONDS;
  private StepPolicySettings stepPolicy;
  private boolean culpritsByEmail;

  // ChatOps (docs/chatops.md). Boxed where the default is not false/null: XStream may load without a constructor.
  private boolean chatOpsEnabled;
  private String chatOpsCommandTokenCredentialsId;
  private String chatOpsBotCredentialsId;
  private String chatOpsAllowedTeamIds;
  private ChatOpsUserMapping chatOpsUserMapping = ChatOpsUserMapping.SAME_USERNAME;
  private String chatOpsUserTable;
  private Integer chatOpsButtonMaxAgeDays = ChatOpsSettings.DEFAULT_BUTTON_MAX_AGE_DAYS;
  private Integer chatOpsRateLimitPerMinute = ChatOpsSettings.DEFAULT_RATE_LIMIT_PER_MINUTE;
  private Integer chatOpsLogTailLines = ChatOpsSettings.DEFAULT_LOG_TAIL_LINES;
  /** Generated on first use, rotated from the form; never a form field or in Configuration as Code. */
  private Secret chatOpsSigningSecret;
  private String chatOpsInstanceId;

  public MattermostGlobalConfiguration() {
    load();
  }

  public static MattermostGlobalConfiguration get() {
    return ExtensionList.lookupSingleton(MattermostGlobalConfiguration.class);
  }

  /** XStream2 may create this without a constructor: fields absent from the XML get their defaults. */
  protected Object readResolve() {
    chatOpsUserMapping = chatOpsUserMapping == null ? ChatOpsUserMapping.SAME_USERNAME : chatOpsUserMapping;
    chatOpsButtonMaxAgeDays = getChatOpsButtonMaxAgeDays();
    chatOpsRateLimitPerMinute = getChatOpsRateLimitPerMinute();
    chatOpsLogTailLines = getChatOpsLogTailLines();
    return this;
  }

  @Override
  public String getDisplayName() {
    return Messages.get("global.displayName");
  }

  /** The settings every notification starts from. */
  ConnectionSettings toSettings() {
    return ConnectionSettings.builder()
        .siteUrl(siteUrl)
        .credentialsId(credentialsId)
        .team(team)
        .channel(channel)
        .warRoomChannel(warRoomChannel)
        .username(username)
        .iconUrl(iconUrl)
        .caCertificate(caCertificate)
        .useProxy(useProxy)
        .connectTimeout(Duration.ofSeconds(clamp(connectTimeoutSeconds, ConnectionSettings.DEFAULT_CONNECT_TIMEOUT_SECONDS)))
        .readTimeout(Duration.ofSeconds(clamp(readTimeoutSeconds, ConnectionSettings.DEFAULT_READ_TIMEOUT_SECONDS)))
        .deadline(Duration.ofSeconds(clamp(deadlineSeconds, ConnectionSettings.DEFAULT_DEADLINE_SECONDS)))
        .stepPolicy(getStepPolicy().toPolicy())
        .culpritsByEmail(culpritsByEmail)
        .build();
  }

  private static int clamp(int seconds, int fallback) {
    return seconds <= 0 ? fallback : Math.min(seconds, MAX_TIMEOUT_SECONDS);
  }

  private static String fixEmpty(String s) {
    return s == null || s.isBlank() ? null : s.trim();
  }

  // ---- fields: each setter persists, so the form, JCasC and scripts all save ----

  public String getSiteUrl() {
    return siteUrl;
  }

  @DataBoundSetter
  public void setSiteUrl(String siteUrl) {
    String s = fixEmpty(siteUrl);
    this.siteUrl = s == null ? null : s.replaceAll("/+$", "");
    save();
  }

  public String getCredentialsId() {
    return credentialsId;
  }

  @DataBoundSetter
  public void setCredentialsId(String credentialsId) {
    this.credentialsId = fixEmpty(credentialsId);
    save();
  }

  public String getTeam() {
    return team;
  }

  @DataBoundSetter
  public void setTeam(String team) {
    this.team = fixEmpty(team);
    save();
  }

  public String getChannel() {
    return channel;
  }

  @DataBoundSetter
  public void setChannel(String channel) {
    this.channel = fixEmpty(channel);
    save();
  }

  public String getWarRoomChannel() {
    return warRoomChannel;
  }

  @DataBoundSetter
  public void setWarRoomChannel(String warRoomChannel) {
    this.warRoomChannel = fixEmpty(warRoomChannel);
    save();
  }

  public String getUsername() {
    return username;
  }

  @DataBoundSetter
  public void setUsername(String username) {
    this.username = fixEmpty(username);
    save();
  }

  public String getIconUrl() {
    return iconUrl;
  }

  @DataBoundSetter
  public void setIconUrl(String iconUrl) {
    this.iconUrl = fixEmpty(iconUrl);
    save();
  }

  public String getCaCertificate() {
    return caCertificate;
  }

  @DataBoundSetter
  public void setCaCertificate(String caCertificate) {
    this.caCertificate = fixEmpty(caCertificate);
    save();
  }

  public boolean isUseProxy() {
    return useProxy;
  }

  @DataBoundSetter
  public void setUseProxy(boolean useProxy) {
    this.useProxy = useProxy;
    save();
  }

  public int getConnectTimeoutSeconds() {
    return connectTimeoutSeconds;
  }

  @DataBoundSetter
  public void setConnectTimeoutSeconds(int connectTimeoutSeconds) {
    this.connectTimeoutSeconds = checkedTimeout("connectTimeoutSeconds", connectTimeoutSeconds,
        ConnectionSettings.DEFAULT_CONNECT_TIMEOUT_SECONDS);
    save();
  }

  public int getReadTimeoutSeconds() {
    return readTimeoutSeconds;
  }

  @DataBoundSetter
  public void setReadTimeoutSeconds(int readTimeoutSeconds) {
    this.readTimeoutSeconds = checkedTimeout("readTimeoutSeconds", readTimeoutSeconds,
        ConnectionSettings.DEFAULT_READ_TIMEOUT_SECONDS);
    save();
  }

  public int getDeadlineSeconds() {
    return deadlineSeconds;
  }

  @DataBoundSetter
  public void setDeadlineSeconds(int deadlineSeconds) {
    this.deadlineSeconds = checkedTimeout("deadlineSeconds", deadlineSeconds,
        ConnectionSettings.DEFAULT_DEADLINE_SECONDS);
    save();
  }

  public boolean isCulpritsByEmail() {
    return culpritsByEmail;
  }

  /** Off by default: a commit's e-mail is the committer's choice, so it could ping anyone and probe for accounts. */
  @DataBoundSetter
  public void setCulpritsByEmail(boolean culpritsByEmail) {
    this.culpritsByEmail = culpritsByEmail;
    save();
  }

  /** What Pipeline steps may do; never null (settings saved before it existed get the safe defaults). */
  public StepPolicySettings getStepPolicy() {
    return stepPolicy != null ? stepPolicy : new StepPolicySettings();
  }

  @DataBoundSetter
  public void setStepPolicy(StepPolicySettings stepPolicy) {
    this.stepPolicy = stepPolicy;
    save();
  }

  /** 0 (an emptied form field) restores the default; anything else must be 1 to 600 seconds. */
  private static int checkedTimeout(String field, int seconds, int defaultSeconds) {
    if (seconds == 0) {
      return defaultSeconds;
    }
    if (seconds < 0 || seconds > MAX_TIMEOUT_SECONDS) {
      throw new InvalidField(field, Messages.get("check.range", field, 1, MAX_TIMEOUT_SECONDS));
    }
    return seconds;
  }

  /**
   * Saves the submitted form as one change. Inside a {@link BulkChange} the setters' own {@code save()} writes
   * nothing (jenkins-2.479.3 {@code hudson/model/Descriptor.java} save: {@code if (BulkChange.contains(this))
   * return}), so a submit is one write instead of one per field, and only a form that binds completely is written. A
   * value a setter refuses becomes a {@link FormException} naming its field, not an error page, and the fields bound
   * before it are put back. Configuration as Code never comes here: it calls the setters itself, inside its own
   * BulkChange.
   *
   * <p>This overrides the {@code StaplerRequest} variant: Jenkins 2.479.3's {@code configure(StaplerRequest2, …)}
   * calls it when a descriptor overrides it ({@code jenkins/model/GlobalConfiguration.java}, {@code Util.isOverridden}),
   * and it is the one the compile-only API can declare (Stapler's StaplerRequest2 is an interface of dozens of methods
   * on types beyond Central's Stapler 1.263).
   */
  @Override
  @SuppressWarnings("deprecation")
  public boolean configure(StaplerRequest req, JSONObject json) throws FormException {
    return bindAsOneChange(() -> req.bindJSON(this, json));
  }

  /** Runs {@code bind} (Stapler setting the fields) as one change of these settings; see {@link #configure}. */
  boolean bindAsOneChange(Runnable bind) throws FormException {
    Values before = new Values(this);
    try (BulkChange change = new BulkChange(this)) {
      bind.run();
      change.commit();
      // Notifications waiting in the outbox are sent with the new settings, not with clients made from the old.
      PluginContext.current().delivery().forgetClients();
      return true;
    } catch (InvalidField e) {
      before.restore(this);
      throw new FormException(e.getMessage(), e.field());
    } catch (IOException | RuntimeException e) {
      before.restore(this);
      throw new FormException(Messages.get("global.notSaved", e.getMessage()), e, null);
    }
  }

  /** Every field of the settings, to put back what a failed submit had already bound. */
  private record Values(String siteUrl, String credentialsId, String team, String channel, String warRoomChannel,
      String username, String iconUrl, String caCertificate, boolean useProxy, int connectTimeoutSeconds,
      int readTimeoutSeconds, int deadlineSeconds, StepPolicySettings stepPolicy, boolean culpritsByEmail,
      ChatOpsValues chatOps) {
    Values(MattermostGlobalConfiguration c) {
      this(c.siteUrl, c.credentialsId, c.team, c.channel, c.warRoomChannel, c.username, c.iconUrl, c.caCertificate,
          c.useProxy, c.connectTimeoutSeconds, c.readTimeoutSeconds, c.deadlineSeconds, c.stepPolicy,
          c.culpritsByEmail, new ChatOpsValues(c));
    }

    void restore(MattermostGlobalConfiguration c) {
      c.siteUrl = siteUrl;
      c.credentialsId = credentialsId;
      c.team = team;
      c.channel = channel;
      c.warRoomChannel = warRoomChannel;
      c.username = username;
      c.iconUrl = iconUrl;
      c.caCertificate = caCertificate;
      c.useProxy = useProxy;
      c.connectTimeoutSeconds = connectTimeoutSeconds;
      c.readTimeoutSeconds = readTimeoutSeconds;
      c.deadlineSeconds = deadlineSeconds;
      c.stepPolicy = stepPolicy;
      c.culpritsByEmail = culpritsByEmail;
      chatOps.restore(c);
    }
  }

  /** The ChatOps fields the form binds (not the signing secret, which no form sets). */
  private record ChatOpsValues(boolean enabled, String commandTokenCredentialsId, String botCredentialsId,
      String allowedTeamIds, ChatOpsUserMapping userMapping, String userTable, Integer buttonMaxAgeDays,
      Integer rateLimitPerMinute, Integer logTailLines) {
    ChatOpsValues(MattermostGlobalConfiguration c) {
      this(c.chatOpsEnabled, c.chatOpsCommandTokenCredentialsId, c.chatOpsBotCredentialsId, c.chatOpsAllowedTeamIds,
          c.chatOpsUserMapping, c.chatOpsUserTable, c.chatOpsButtonMaxAgeDays, c.chatOpsRateLimitPerMinute,
          c.chatOpsLogTailLines);
    }

    void restore(MattermostGlobalConfiguration c) {
      c.chatOpsEnabled = enabled;
      c.chatOpsCommandTokenCredentialsId = commandTokenCredentialsId;
      c.chatOpsBotCredentialsId = botCredentialsId;
      c.chatOpsAllowedTeamIds = allowedTeamIds;
      c.chatOpsUserMapping = userMapping;
      c.chatOpsUserTable = userTable;
      c.chatOpsButtonMaxAgeDays = buttonMaxAgeDays;
      c.chatOpsRateLimitPerMinute = rateLimitPerMinute;
      c.chatOpsLogTailLines = logTailLines;
    }
  }

  /** What became of notifications since Jenkins started, shown read-only in the form. */
  public String getDeliveryCounts() {
    return DeliveryHealthMonitor.counts(PluginContext.current().delivery().health());
  }

  /** The bundled icon's URL, shown as the default in the form. */
  public String getBundledIconUrl() {
    String url = Icons.bundledIconUrl(PluginContext.current().rootUrl());
    return url == null ? Icons.BUNDLED_ICON_PATH : url;
  }

  // ---- form endpoints: POST only, administrators only ----

  @POST
  public FormValidation doCheckSiteUrl(@QueryParameter String value) {
    if (!Forms.canConfigure(null)) {
      return FormValidation.ok();
    }
    return Forms.toValidation(FormChecks.siteUrl(value, false));
  }

  @POST
  public FormValidation doCheckCredentialsId(@QueryParameter String value) {
    return Forms.checkSecretText(null, value, true);
  }

  @POST
  public ListBoxModel doFillCredentialsIdItems(@QueryParameter String credentialsId) {
    return Forms.secretTextItems(null, credentialsId);
  }

  @POST
  public FormValidation doCheckTeam(@QueryParameter String value) {
    if (!Forms.canConfigure(null)) {
      return FormValidation.ok();
    }
    return Forms.toValidation(FormChecks.team(value));
  }

  @POST
  public FormValidation doCheckChannel(@QueryParameter String value) {
    if (!Forms.canConfigure(null)) {
      return FormValidation.ok();
    }
    return Forms.toValidation(FormChecks.channels(Messages.get("field.defaultChannel"), value, false));
  }

  @POST
  public FormValidation doCheckWarRoomChannel(@QueryParameter String value) {
    if (!Forms.canConfigure(null)) {
      return FormValidation.ok();
    }
    return Forms.toValidation(FormChecks.channel(Messages.get("field.warRoomChannel"), value, false));
  }

  @POST
  public FormValidation doCheckUsername(@QueryParameter String value) {
    if (!Forms.canConfigure(null)) {
      return FormValidation.ok();
    }
    return Forms.toValidation(FormChecks.username(value));
  }

  @POST
  public FormValidation doCheckIconUrl(@QueryParameter String value) {
    if (!Forms.canConfigure(null)) {
      return FormValidation.ok();
    }
    return Forms.toValidation(FormChecks.icon(Messages.get("field.icon"), value));
  }

  @POST
  public FormValidation doCheckCaCertificate(@QueryParameter String value) {
    if (!Forms.canConfigure(null)) {
      return FormValidation.ok();
    }
    return Forms.toValidation(FormChecks.caCertificate(value));
  }

  @POST
  public FormValidation doCheckConnectTimeoutSeconds(@QueryParameter String value) {
    return checkTimeout(Messages.get("field.connectTimeout"), value);
  }

  @POST
  public FormValidation doCheckReadTimeoutSeconds(@QueryParameter String value) {
    return checkTimeout(Messages.get("field.readTimeout"), value);
  }

  @POST
  public FormValidation doCheckDeadlineSeconds(@QueryParameter String value) {
    return checkTimeout(Messages.get("field.deadline"), value);
  }

  private static FormValidation checkTimeout(String field, String value) {
    if (!Forms.canConfigure(null)) {
      return FormValidation.ok();
    }
    return Forms.toValidation(FormChecks.integerInRange(field, value, 1, MAX_TIMEOUT_SECONDS));
  }

  /**
   * "Test connection": checks the values in the form (saved or not) against the server without posting: token,
   * channels, Calls. Never reports the token or a webhook URL.
   */
  @POST
  public FormValidation doTestConnection(@QueryParameter String siteUrl, @QueryParameter String credentialsId,
      @QueryParameter String team, @QueryParameter String channel, @QueryParameter String warRoomChannel,
      @QueryParameter String caCertificate, @QueryParameter boolean useProxy,
      @QueryParameter String connectTimeoutSeconds, @QueryParameter String readTimeoutSeconds) {
    Jenkins.get().checkPermission(Jenkins.ADMINISTER);
    MattermostConnection connection = null;
    try {
      ConnectionSettings settings = ConnectionSettings.builder()
          .siteUrl(siteUrl)
          .credentialsId(credentialsId)
          .team(team)
          .channel(channel)
          .warRoomChannel(warRoomChannel)
          .caCertificate(caCertificate)
          .useProxy(useProxy)
          .connectTimeout(Duration.ofSeconds(parseSeconds(connectTimeoutSeconds,
              ConnectionSettings.DEFAULT_CONNECT_TIMEOUT_SECONDS)))
          .readTimeout(Duration.ofSeconds(parseSeconds(readTimeoutSeconds,
              ConnectionSettings.DEFAULT_READ_TIMEOUT_SECONDS)))
          .build();
      if (settings.credentialsId() == null) {
        return FormValidation.error(Messages.get("check.credentials.required"));
      }
      // Resolved exactly as builds resolve the global default, so a green test means builds will find it.
      PluginContext context = PluginContext.current();
      connection = context.connection(settings, MattermostConnection.Choice.globalDefault(), null);
      MattermostClient client = context.client(settings, connection);
      List<FormValidation> lines = new ArrayList<>();
      for (FieldCheck line : ConnectionTester.test(client, settings, TEST_BUDGET)) {
        lines.add(Forms.toValidation(line));
      }
      return FormValidation.aggregate(lines);
    } catch (IllegalArgumentException e) {
      return FormValidation.error(Redaction.redact(e.getMessage(), secretOf(connection)));
    } catch (RuntimeException e) {
      // Whatever else goes wrong is still an answer in the form, not an error page with a stack trace.
      return FormValidation.error(Messages.get("notify.unexpected", Redaction.redact(e.toString(), secretOf(connection))));
    }
  }

  private static String secretOf(MattermostConnection connection) {
    return connection == null ? null : connection.isWebhook() ? connection.webhookUrl() : connection.token();
  }

  private static int parseSeconds(String value, int fallback) {
    try {
      int n = Integer.parseInt(value == null ? "" : value.trim());
      return n < 1 ? fallback : Math.min(n, MAX_TIMEOUT_SECONDS);
    } catch (NumberFormatException e) {
      return fallback;
    }
  }

  // ---- ChatOps: buttons on alerts and /jenkins (docs/chatops.md) ----

  public boolean isChatOpsEnabled() {
    return chatOpsEnabled;
  }

  @DataBoundSetter
  public void setChatOpsEnabled(boolean chatOpsEnabled) {
    this.chatOpsEnabled = chatOpsEnabled;
    save();
  }

  public String getChatOpsCommandTokenCredentialsId() {
    return chatOpsCommandTokenCredentialsId;
  }

  @DataBoundSetter
  public void setChatOpsCommandTokenCredentialsId(String chatOpsCommandTokenCredentialsId) {
    this.chatOpsCommandTokenCredentialsId = fixEmpty(chatOpsCommandTokenCredentialsId);
    save();
  }

  public String getChatOpsBotCredentialsId() {
    return chatOpsBotCredentialsId;
  }

  @DataBoundSetter
  public void setChatOpsBotCredentialsId(String chatOpsBotCredentialsId) {
    this.chatOpsBotCredentialsId = fixEmpty(chatOpsBotCredentialsId);
    save();
  }

  public String getChatOpsAllowedTeamIds() {
    return chatOpsAllowedTeamIds;
  }

  @DataBoundSetter
  public void setChatOpsAllowedTeamIds(String chatOpsAllowedTeamIds) {
    FieldCheck check = ChatOpsFormChecks.allowedTeamIds(chatOpsAllowedTeamIds);
    if (check.kind() == FieldCheck.Kind.ERROR) {
      throw new InvalidField("chatOpsAllowedTeamIds", check.message());
    }
    this.chatOpsAllowedTeamIds = fixEmpty(chatOpsAllowedTeamIds);
    save();
  }

  public ChatOpsUserMapping getChatOpsUserMapping() {
    return chatOpsUserMapping == null ? ChatOpsUserMapping.SAME_USERNAME : chatOpsUserMapping;
  }

  @DataBoundSetter
  public void setChatOpsUserMapping(ChatOpsUserMapping chatOpsUserMapping) {
    this.chatOpsUserMapping = chatOpsUserMapping == null ? ChatOpsUserMapping.SAME_USERNAME : chatOpsUserMapping;
    save();
  }

  public String getChatOpsUserTable() {
    return chatOpsUserTable;
  }

  @DataBoundSetter
  public void setChatOpsUserTable(String chatOpsUserTable) {
    FieldCheck check = ChatOpsFormChecks.userTable(chatOpsUserTable);
    if (check.kind() == FieldCheck.Kind.ERROR) {
      throw new InvalidField("chatOpsUserTable", check.message());
    }
    this.chatOpsUserTable = chatOpsUserTable == null || chatOpsUserTable.isBlank() ? null : chatOpsUserTable.strip();
    save();
  }

  public int getChatOpsButtonMaxAgeDays() {
    return orDefault(chatOpsButtonMaxAgeDays, ChatOpsSettings.DEFAULT_BUTTON_MAX_AGE_DAYS);
  }

  @DataBoundSetter
  public void setChatOpsButtonMaxAgeDays(int days) {
    this.chatOpsButtonMaxAgeDays = checkedChatOpsNumber("chatOpsButtonMaxAgeDays", days,
        ChatOpsSettings.DEFAULT_BUTTON_MAX_AGE_DAYS, ChatOpsSettings.MAX_BUTTON_MAX_AGE_DAYS);
    save();
  }

  public int getChatOpsRateLimitPerMinute() {
    return orDefault(chatOpsRateLimitPerMinute, ChatOpsSettings.DEFAULT_RATE_LIMIT_PER_MINUTE);
  }

  @DataBoundSetter
  public void setChatOpsRateLimitPerMinute(int requests) {
    this.chatOpsRateLimitPerMinute = checkedChatOpsNumber("chatOpsRateLimitPerMinute", requests,
        ChatOpsSettings.DEFAULT_RATE_LIMIT_PER_MINUTE, ChatOpsSettings.MAX_RATE_LIMIT_PER_MINUTE);
    save();
  }

  public int getChatOpsLogTailLines() {
    return orDefault(chatOpsLogTailLines, ChatOpsSettings.DEFAULT_LOG_TAIL_LINES);
  }

  @DataBoundSetter
  public void setChatOpsLogTailLines(int lines) {
    this.chatOpsLogTailLines = checkedChatOpsNumber("chatOpsLogTailLines", lines,
        ChatOpsSettings.DEFAULT_LOG_TAIL_LINES, ChatOpsSettings.MAX_LOG_TAIL_LINES);
    save();
  }

  private static int orDefault(Integer value, int fallback) {
    return value == null || value < 1 ? fallback : value;
  }

  /** 0 (an emptied form field) restores the default; anything else must be 1 to {@code max}. */
  private static int checkedChatOpsNumber(String field, int value, int defaultValue, int max) {
    if (value == 0) {
      return defaultValue;
    }
    if (value < 0 || value > max) {
      throw new InvalidField(field, Messages.get("check.range", field, 1, max));
    }
    return value;
  }

  /** What ChatOps is built from; while it is on, the signing secret and instance id exist (made on first use). */
  synchronized ChatOpsSettings toChatOpsSettings() {
    if (!chatOpsEnabled) {
      return ChatOpsSettings.OFF;
    }
    boolean generated = false;
    if (!SigningSecrets.isUsable(chatOpsSigningSecret)) {
      chatOpsSigningSecret = SigningSecrets.generate();
      generated = true;
    }
    if (chatOpsInstanceId == null || chatOpsInstanceId.isBlank()) {
      chatOpsInstanceId = SigningSecrets.newInstanceId();
      generated = true;
    }
    if (generated) {
      save();
    }
    return new ChatOpsSettings(true, chatOpsCommandTokenCredentialsId, chatOpsBotCredentialsId,
        ChatOpsFormChecks.teamIds(chatOpsAllowedTeamIds), getChatOpsUserMapping(),
        ChatOpsUserTable.parse(chatOpsUserTable), getChatOpsButtonMaxAgeDays(), getChatOpsRateLimitPerMinute(),
        getChatOpsLogTailLines(), chatOpsInstanceId, chatOpsSigningSecret.getPlainText());
  }

  /** A new signing secret: every button posted before stops working (its click is refused, nothing happens). */
  synchronized void rotateChatOpsSigningSecret() {
    chatOpsSigningSecret = SigningSecrets.generate();
    save();
  }

  /** Where Mattermost sends clicks, for the form; null until Jenkins' URL is configured. */
  public String getChatOpsActionsUrl() {
    return ChatOpsRuntime.endpointUrl(PluginContext.current().rootUrl(), ChatOpsEndpoint.ACTIONS_PATH);
  }

  /** The slash command's Request URL, for the form; null until Jenkins' URL is configured. */
  public String getChatOpsCommandUrl() {
    return ChatOpsRuntime.endpointUrl(PluginContext.current().rootUrl(), ChatOpsEndpoint.COMMAND_PATH);
  }

  @POST
  public FormValidation doCheckChatOpsCommandTokenCredentialsId(@QueryParameter String value) {
    return Forms.checkSecretText(null, value, false);
  }

  @POST
  public ListBoxModel doFillChatOpsCommandTokenCredentialsIdItems(
      @QueryParameter String chatOpsCommandTokenCredentialsId) {
    return Forms.secretTextItems(null, chatOpsCommandTokenCredentialsId);
  }

  @POST
  public FormValidation doCheckChatOpsBotCredentialsId(@QueryParameter String value) {
    return Forms.checkSecretText(null, value, false);
  }

  @POST
  public ListBoxModel doFillChatOpsBotCredentialsIdItems(@QueryParameter String chatOpsBotCredentialsId) {
    return Forms.secretTextItems(null, chatOpsBotCredentialsId);
  }

  @POST
  public FormValidation doCheckChatOpsAllowedTeamIds(@QueryParameter String value) {
    if (!Forms.canConfigure(null)) {
      return FormValidation.ok();
    }
    return Forms.toValidation(ChatOpsFormChecks.allowedTeamIds(value));
  }

  @POST
  public FormValidation doCheckChatOpsUserTable(@QueryParameter String value) {
    if (!Forms.canConfigure(null)) {
      return FormValidation.ok();
    }
    return Forms.toValidation(ChatOpsFormChecks.userTable(value));
  }

  @POST
  public FormValidation doCheckChatOpsButtonMaxAgeDays(@QueryParameter String value) {
    return checkChatOpsNumber("chatops.field.buttonMaxAgeDays", value, ChatOpsSettings.MAX_BUTTON_MAX_AGE_DAYS);
  }

  @POST
  public FormValidation doCheckChatOpsRateLimitPerMinute(@QueryParameter String value) {
    return checkChatOpsNumber("chatops.field.rateLimitPerMinute", value, ChatOpsSettings.MAX_RATE_LIMIT_PER_MINUTE);
  }

  @POST
  public FormValidation doCheckChatOpsLogTailLines(@QueryParameter String value) {
    return checkChatOpsNumber("chatops.field.logTailLines", value, ChatOpsSettings.MAX_LOG_TAIL_LINES);
  }

  private static FormValidation checkChatOpsNumber(String fieldKey, String value, int max) {
    if (!Forms.canConfigure(null)) {
      return FormValidation.ok();
    }
    return Forms.toValidation(FormChecks.integerInRange(Messages.get(fieldKey), value, 1, max));
  }

  /** "Rotate the signing secret": administrators only, POST only (the form's button sends the crumb). */
  @POST
  public FormValidation doRotateChatOpsSigningSecret() {
    Jenkins.get().checkPermission(Jenkins.ADMINISTER);
    rotateChatOpsSigningSecret();
    return FormValidation.ok(Messages.get("chatops.rotated"));
  }
}
