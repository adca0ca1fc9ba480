package org.commandcenter.sandbox;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * The server configuration the sandbox imitates. Defaults are those of a fresh Mattermost server
 * (server/public/model/config.go) unless noted.
 */
public final class SandboxSettings {
  private final boolean enableIncomingWebhooks;
  private final boolean enablePostUsernameOverride;
  private final boolean enablePostIconOverride;
  private final boolean wrapWebhookErrors;
  private final boolean developerMode;
  private final boolean legacyMessageLengthErrorId;
  private final int maxPostSize;
  private final long maximumPayloadSizeBytes;
  private final long maxFileSize;
  private final RateLimit rateLimit;
  private final boolean callsPluginInstalled;
  private final boolean callsDefaultEnabled;
  private final String callsVersion;
  private final List<IceServerConfig> callsIceServersConfigs;
  private final String callsTurnStaticAuthSecret;
  private final int callsTurnCredentialsExpirationMinutes;
  private final String serverVersion;
  private final boolean professionalLicense;
  private final boolean enableCommands;
  private final int outgoingIntegrationRequestsTimeoutSeconds;
  private final String allowedUntrustedInternalConnections;
  private final String siteUrl;

  private SandboxSettings(Builder b) {
    this.enableIncomingWebhooks = b.enableIncomingWebhooks;
    this.enablePostUsernameOverride = b.enablePostUsernameOverride;
    this.enablePostIconOverride = b.enablePostIconOverride;
    this.wrapWebhookErrors = b.wrapWebhookErrors;
    this.developerMode = b.developerMode;
    this.legacyMessageLengthErrorId = b.legacyMessageLengthErrorId;
    this.maxPostSize = b.maxPostSize;
    this.maximumPayloadSizeBytes = b.maximumPayloadSizeBytes;
    this.maxFileSize = b.maxFileSize;
    this.rateLimit = b.rateLimit;
    this.callsPluginInstalled = b.callsPluginInstalled;
    this.callsDefaultEnabled = b.callsDefaultEnabled;
    this.callsVersion = b.callsVersion;
    this.callsIceServersConfigs = b.callsIceServersConfigs;
    this.callsTurnStaticAuthSecret = b.callsTurnStaticAuthSecret;
    this.callsTurnCredentialsExpirationMinutes = b.callsTurnCredentialsExpirationMinutes;
    this.serverVersion = b.serverVersion;
    this.professionalLicense = b.professionalLicense;
    this.enableCommands = b.enableCommands;
    this.outgoingIntegrationRequestsTimeoutSeconds = b.outgoingIntegrationRequestsTimeoutSeconds;
    this.allowedUntrustedInternalConnections = b.allowedUntrustedInternalConnections;
    this.siteUrl = b.siteUrl;
  }

  public static SandboxSettings defaults() {
    return builder().build();
  }

  public static Builder builder() {
    return new Builder();
  }

  public Builder newBuilder() {
    return new Builder(this);
  }

  public boolean enableIncomingWebhooks() { return enableIncomingWebhooks; }
  public boolean enablePostUsernameOverride() { return enablePostUsernameOverride; }
  public boolean enablePostIconOverride() { return enablePostIconOverride; }
  public boolean wrapWebhookErrors() { return wrapWebhookErrors; }
  public boolean developerMode() { return developerMode; }
  public boolean legacyMessageLengthErrorId() { return legacyMessageLengthErrorId; }
  public int maxPostSize() { return maxPostSize; }
  public long maximumPayloadSizeBytes() { return maximumPayloadSizeBytes; }
  public long maxFileSize() { return maxFileSize; }
  /** Null when rate limiting is off (the server's default). */
  public RateLimit rateLimit() { return rateLimit; }
  public boolean callsPluginInstalled() { return callsPluginInstalled; }
  public boolean callsDefaultEnabled() { return callsDefaultEnabled; }
  public String callsVersion() { return callsVersion; }
  /** Calls' {@code ICEServersConfigs} (System Console > Plugins > Calls > ICE Servers Configurations). */
  public List<IceServerConfig> callsIceServersConfigs() { return callsIceServersConfigs; }
  /** Calls' {@code TURNStaticAuthSecret} (coturn's {@code static-auth-secret}); "" = not set. */
  public String callsTurnStaticAuthSecret() { return callsTurnStaticAuthSecret; }
  /** Calls' {@code TURNCredentialsExpirationMinutes}. */
  public int callsTurnCredentialsExpirationMinutes() { return callsTurnCredentialsExpirationMinutes; }
  public String serverVersion() { return serverVersion; }
  /**
   * Whether the server has a Professional or Enterprise licence. Without one, REST posts asking for an
   * acknowledgement or persistent notifications are refused with 501 (server/channels/app/post_permission_utils.go
   * postPriorityCheck, model.MinimumProfessionalProvidedLicense); webhooks are not checked.
   */
  public boolean professionalLicense() { return professionalLicense; }
  /** ServiceSettings.EnableCommands (default true): custom slash commands. */
  public boolean enableCommands() { return enableCommands; }
  /**
   * ServiceSettings.OutgoingIntegrationRequestsTimeout (default 30, model.OutgoingIntegrationRequestsDefaultTimeout):
   * how long a button's integration and a slash command's URL get to answer.
   */
  public int outgoingIntegrationRequestsTimeoutSeconds() { return outgoingIntegrationRequestsTimeoutSeconds; }
  /**
   * ServiceSettings.AllowedUntrustedInternalConnections (default ""): host names and CIDRs, separated by spaces or
   * commas, that integrations may reach although they are loopback, private or this host's own addresses.
   */
  public String allowedUntrustedInternalConnections() { return allowedUntrustedInternalConnections; }
  /** ServiceSettings.SiteURL; null means the sandbox's own URL (a real server must have it set for commands). */
  public String siteUrl() { return siteUrl; }

  @Override
  public String toString() {
    return "SandboxSettings{webhooks=" + enableIncomingWebhooks + ", usernameOverride=" + enablePostUsernameOverride
        + ", iconOverride=" + enablePostIconOverride + ", wrapWebhookErrors=" + wrapWebhookErrors
        + ", developerMode=" + developerMode + ", rateLimit=" + rateLimit + ", calls=" + callsPluginInstalled
        + "/" + callsVersion + " defaultEnabled=" + callsDefaultEnabled + " iceServers=" + callsIceServersConfigs
        + " turnSecret=" + (callsTurnStaticAuthSecret.isEmpty() ? "unset" : "set") + "}";
  }

  public static final class Builder {
    private boolean enableIncomingWebhooks = true;
    private boolean enablePostUsernameOverride;
    private boolean enablePostIconOverride;
    private boolean wrapWebhookErrors = true;
    private boolean developerMode;
    private boolean legacyMessageLengthErrorId;
    // server/public/model/post.go: PostMessageMaxRunesV2 = 4 * 4096 - 1.
    private int maxPostSize = 16383;
    // server/public/model/config.go: ServiceSettingsDefaultMaxPayloadSize = 300000 (web/handlers.go adds bytes.MinRead).
    private long maximumPayloadSizeBytes = 300_000;
    // server/public/model/config.go: FileSettings.MaxFileSize defaults to 100 MB.
    private long maxFileSize = 100L * 1024 * 1024;
    private RateLimit rateLimit;
    private boolean callsPluginInstalled = true;
    // mattermost-plugin-calls plugin.json: DefaultEnabled defaults to false ("test mode") on self-hosted servers.
    private boolean callsDefaultEnabled;
    private String callsVersion = "1.12.2";
    // mattermost-plugin-calls v1.12.2 plugin.json defaults, which the server applies to every setting the admin has
    // not saved (server/channels/app/plugin_api.go LoadPluginConfiguration): Mattermost's public STUN server, no
    // secret, credentials valid for 240 minutes.
    private List<IceServerConfig> callsIceServersConfigs =
        List.of(IceServerConfig.of("stun:stun.global.calls.mattermost.com:3478"));
    private String callsTurnStaticAuthSecret = "";
    private int callsTurnCredentialsExpirationMinutes = 240;
    private String serverVersion = "10.11.0";
    // A fresh server has no licence; the sandbox defaults to a licensed one so priority features work out of the box.
    private boolean professionalLicense = true;
    private boolean enableCommands = true;
    private int outgoingIntegrationRequestsTimeoutSeconds = 30;
    private String allowedUntrustedInternalConnections = "";
    private String siteUrl;

    private Builder() {
    }

    private Builder(SandboxSettings s) {
      this.enableIncomingWebhooks = s.enableIncomingWebhooks;
      this.enablePostUsernameOverride = s.enablePostUsernameOverride;
      this.enablePostIconOverride = s.enablePostIconOverride;
      this.wrapWebhookErrors = s.wrapWebhookErrors;
      this.developerMode = s.developerMode;
      this.legacyMessageLengthErrorId = s.legacyMessageLengthErrorId;
      this.maxPostSize = s.maxPostSize;
      this.maximumPayloadSizeBytes = s.maximumPayloadSizeBytes;
      this.maxFileSize = s.maxFileSize;
      this.rateLimit = s.rateLimit;
      this.callsPluginInstalled = s.callsPluginInstalled;
      this.callsDefaultEnabled = s.callsDefaultEnabled;
      this.callsVersion = s.callsVersion;
      this.callsIceServersConfigs = s.callsIceServersConfigs;
      this.callsTurnStaticAuthSecret = s.callsTurnStaticAuthSecret;
      this.callsTurnCredentialsExpirationMinutes = s.callsTurnCredentialsExpirationMinutes;
      this.serverVersion = s.serverVersion;
      this.professionalLicense = s.professionalLicense;
      this.enableCommands = s.enableCommands;
      this.outgoingIntegrationRequestsTimeoutSeconds = s.outgoingIntegrationRequestsTimeoutSeconds;
      this.allowedUntrustedInternalConnections = s.allowedUntrustedInternalConnections;
      this.siteUrl = s.siteUrl;
    }

    public Builder enableIncomingWebhooks(boolean value) { this.enableIncomingWebhooks = value; return this; }
    public Builder enablePostUsernameOverride(boolean value) { this.enablePostUsernameOverride = value; return this; }
    public Builder enablePostIconOverride(boolean value) { this.enablePostIconOverride = value; return this; }
    public Builder wrapWebhookErrors(boolean value) { this.wrapWebhookErrors = value; return this; }
    public Builder developerMode(boolean value) { this.developerMode = value; return this; }
    public Builder legacyMessageLengthErrorId(boolean value) { this.legacyMessageLengthErrorId = value; return this; }

    public Builder maxPostSize(int value) {
      if (value < 1) throw new IllegalArgumentException("maxPostSize: must be >= 1 but was " + value);
      this.maxPostSize = value;
      return this;
    }

    public Builder maximumPayloadSizeBytes(long value) {
      if (value < 1) throw new IllegalArgumentException("maximumPayloadSizeBytes: must be >= 1 but was " + value);
      this.maximumPayloadSizeBytes = value;
      return this;
    }

    public Builder maxFileSize(long value) {
      if (value < 1) throw new IllegalArgumentException("maxFileSize: must be >= 1 but was " + value);
      this.maxFileSize = value;
      return this;
    }

    /** {@code null} switches rate limiting off. */
    public Builder rateLimit(RateLimit value) { this.rateLimit = value; return this; }
    public Builder callsPluginInstalled(boolean value) { this.callsPluginInstalled = value; return this; }
    public Builder callsDefaultEnabled(boolean value) { this.callsDefaultEnabled = value; return this; }
    public Builder professionalLicense(boolean value) { this.professionalLicense = value; return this; }
    public Builder enableCommands(boolean value) { this.enableCommands = value; return this; }

    public Builder outgoingIntegrationRequestsTimeoutSeconds(int value) {
      if (value < 1) throw new IllegalArgumentException("outgoingIntegrationRequestsTimeoutSeconds: must be >= 1 but was " + value);
      this.outgoingIntegrationRequestsTimeoutSeconds = value;
      return this;
    }

    public Builder allowedUntrustedInternalConnections(String value) {
      this.allowedUntrustedInternalConnections = requireNonNull(value, "allowedUntrustedInternalConnections == null");
      return this;
    }

    /** Without a trailing slash, e.g. {@code https://chat.example.com}; null for the sandbox's own URL. */
    public Builder siteUrl(String value) {
      this.siteUrl = value == null || value.isEmpty() ? null : value.replaceAll("/+$", "");
      return this;
    }

    public Builder callsVersion(String value) {
      this.callsVersion = requireNonNull(value, "callsVersion == null");
      return this;
    }

    public Builder callsIceServersConfigs(List<IceServerConfig> value) {
      requireNonNull(value, "callsIceServersConfigs == null");
      for (int i = 0; i < value.size(); i++) {
        requireNonNull(value.get(i), "callsIceServersConfigs[" + i + "] == null");
      }
      this.callsIceServersConfigs = List.copyOf(value);
      return this;
    }

    public Builder callsTurnStaticAuthSecret(String value) {
      this.callsTurnStaticAuthSecret = requireNonNull(value, "callsTurnStaticAuthSecret == null");
      return this;
    }

    /**
     * configuration.go IsValid rejects negative values; rtcd refuses credentials expiring more than a week
     * (10080 minutes) ahead.
     */
    public Builder callsTurnCredentialsExpirationMinutes(int value) {
      if (value < 0 || value > 10080) {
        throw new IllegalArgumentException("callsTurnCredentialsExpirationMinutes: must be 0..10080 but was " + value);
      }
      this.callsTurnCredentialsExpirationMinutes = value;
      return this;
    }

    public Builder serverVersion(String value) {
      this.serverVersion = requireNonNull(value, "serverVersion == null");
      return this;
    }

    public SandboxSettings build() {
      return new SandboxSettings(this);
    }
  }
}
