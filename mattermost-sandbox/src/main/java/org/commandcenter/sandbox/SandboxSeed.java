package org.commandcenter.sandbox;

import com.google.gson.JsonParseException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.commandcenter.sandbox.internal.Json;

/**
 * What a sandbox starts with: teams, users, bots, channels and hooks, read from a JSON file ({@code --config}) or
 * gathered by {@link MattermostSandbox.Builder}. Names are validated when the sandbox is built.
 */
public final class SandboxSeed {
  List<TeamSpec> teams = new ArrayList<>();
  List<UserSpec> users = new ArrayList<>();
  List<BotSpec> bots = new ArrayList<>();
  List<ChannelSpec> channels = new ArrayList<>();
  List<HookSpec> hooks = new ArrayList<>();
  SettingsSpec settings;

  static final class TeamSpec {
    String name;
    String displayName;
  }

  static final class UserSpec {
    String username;
    String email;
    boolean systemAdmin;
    String token;
  }

  static final class BotSpec {
    String username;
    String displayName;
    String description;
    String token;
  }

  static final class ChannelSpec {
    String team;
    String name;
    String displayName;
    String type = "O";
    List<String> members = new ArrayList<>();
    Boolean callsEnabled;
  }

  static final class HookSpec {
    String id;
    String team;
    String channel;
    String creator;
    String displayName;
    String description;
    String username;
    String iconUrl;
    boolean channelLocked;
  }

  /** The settings a config file may set; absent ones keep their defaults. */
  static final class SettingsSpec {
    Boolean enableIncomingWebhooks;
    Boolean enablePostUsernameOverride;
    Boolean enablePostIconOverride;
    Boolean wrapWebhookErrors;
    Boolean developerMode;
    Boolean legacyMessageLengthErrorId;
    Integer rateLimitPerSec;
    Integer rateLimitMaxBurst;
    Boolean callsPluginInstalled;
    Boolean callsDefaultEnabled;
    Boolean professionalLicense;
    List<IceServerSpec> callsIceServersConfigs;
    String callsTurnStaticAuthSecret;
    Integer callsTurnCredentialsExpirationMinutes;

    SandboxSettings applyTo(SandboxSettings base) {
      SandboxSettings.Builder b = base.newBuilder();
      if (enableIncomingWebhooks != null) b.enableIncomingWebhooks(enableIncomingWebhooks);
      if (enablePostUsernameOverride != null) b.enablePostUsernameOverride(enablePostUsernameOverride);
      if (enablePostIconOverride != null) b.enablePostIconOverride(enablePostIconOverride);
      if (wrapWebhookErrors != null) b.wrapWebhookErrors(wrapWebhookErrors);
      if (developerMode != null) b.developerMode(developerMode);
      if (legacyMessageLengthErrorId != null) b.legacyMessageLengthErrorId(legacyMessageLengthErrorId);
      if (rateLimitPerSec != null) {
        b.rateLimit(RateLimit.of(rateLimitPerSec, rateLimitMaxBurst == null ? 100 : rateLimitMaxBurst));
      }
      if (callsPluginInstalled != null) b.callsPluginInstalled(callsPluginInstalled);
      if (callsDefaultEnabled != null) b.callsDefaultEnabled(callsDefaultEnabled);
      if (professionalLicense != null) b.professionalLicense(professionalLicense);
      if (callsIceServersConfigs != null) {
        List<IceServerConfig> servers = new ArrayList<>();
        for (IceServerSpec spec : callsIceServersConfigs) {
          servers.add(IceServerConfig.of(spec.urls == null ? List.of() : spec.urls)
              .withCredentials(spec.username == null ? "" : spec.username, spec.credential == null ? "" : spec.credential));
        }
        b.callsIceServersConfigs(servers);
      }
      if (callsTurnStaticAuthSecret != null) b.callsTurnStaticAuthSecret(callsTurnStaticAuthSecret);
      if (callsTurnCredentialsExpirationMinutes != null) {
        b.callsTurnCredentialsExpirationMinutes(callsTurnCredentialsExpirationMinutes);
      }
      return b.build();
    }
  }

  /** One Calls ICEServersConfigs entry: {@code {"urls": [...], "username": "", "credential": ""}}. */
  static final class IceServerSpec {
    List<String> urls;
    String username;
    String credential;
  }

  SandboxSeed() {
  }

  /** Reads a seed file; a malformed one fails with a message naming the file. */
  public static SandboxSeed fromFile(Path file) throws IOException {
    String json = Files.readString(file, StandardCharsets.UTF_8);
    try {
      SandboxSeed seed = Json.GSON.fromJson(json, SandboxSeed.class);
      if (seed == null) throw new IOException(file + ": empty seed file");
      seed.fillDefaults();
      return seed;
    } catch (JsonParseException e) {
      throw new IOException(file + ": not a valid seed file: " + e.getMessage(), e);
    }
  }

  private void fillDefaults() {
    if (teams == null) teams = new ArrayList<>();
    if (users == null) users = new ArrayList<>();
    if (bots == null) bots = new ArrayList<>();
    if (channels == null) channels = new ArrayList<>();
    if (hooks == null) hooks = new ArrayList<>();
    for (ChannelSpec c : channels) {
      if (c.members == null) c.members = new ArrayList<>();
      if (c.type == null) c.type = "O";
    }
  }
}
