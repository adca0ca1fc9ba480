package org.commandcenter.sandbox.internal;

import static java.util.Objects.requireNonNull;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.commandcenter.sandbox.IceServerConfig;
import org.commandcenter.sandbox.SandboxSettings;

/**
 * The Calls plugin's HTTP routes as of mattermost-plugin-calls v1.12.2 (server/api_router.go, server/api.go,
 * server/audit.go), behind the server's plugin request handling (server/channels/app/plugin_requests.go).
 */
public final class CallsPlugin {
  public static final String PREFIX = "/plugins/com.mattermost.calls";
  private static final Pattern CHANNEL = Pattern.compile("/([a-z0-9]{26})");
  private static final Pattern ACTIVE = Pattern.compile("/calls/([a-z0-9]{26})/active");

  private final Store store;
  private final Supplier<SandboxSettings> settings;
  private final Clock clock;

  public CallsPlugin(Store store, Supplier<SandboxSettings> settings, Clock clock) {
    this.store = requireNonNull(store, "store == null");
    this.settings = requireNonNull(settings, "settings == null");
    this.clock = requireNonNull(clock, "clock == null");
  }

  public HttpResponse handle(HttpRequest request) {
    SandboxSettings s = settings.get();
    // plugin_requests.go ServePluginRequest: a plugin that is not running is Go's http.NotFound.
    if (!s.callsPluginInstalled()) return HttpResponse.goHttpError(404, "404 page not found");
    String path = request.path().substring(PREFIX.length());
    String method = request.method();
    if (path.equals("/version") && method.equals("GET")) {
      // api.go handleGetVersion: public, application/json set before writing.
      JsonObject version = new JsonObject();
      version.addProperty("version", s.callsVersion());
      version.addProperty("build", "sandbox");
      return jsonLine(200, version, HttpResponse.JSON);
    }
    // plugin_requests.go: a missing or invalid token reaches the plugin unauthenticated (no Mattermost-User-Id);
    // api_router.go's middleware then answers http.Error(w, "Unauthorized", 401).
    Store.User user = Sessions.user(store, request).orElse(null);
    if (user == null) {
      return HttpResponse.goHttpError(401, "Unauthorized");
    }
    Matcher m;
    if (path.equals("/config") && method.equals("GET")) {
      return jsonLine(200, clientConfig(s), HttpResponse.JSON);
    }
    if (path.equals("/turn-credentials") && method.equals("GET")) {
      return turnCredentials(user, s);
    }
    if ((m = ACTIVE.matcher(path)).matches() && method.equals("GET")) {
      String channelId = m.group(1);
      // HasPermissionToChannel(read_channel): channel members (and system admins); team roles do not grant it.
      if (!store.canPost(user.id, channelId)) return HttpResponse.goHttpError(403, "Forbidden");
      JsonObject active = new JsonObject();
      active.addProperty("active", store.callActive(channelId));
      return jsonLine(200, active, HttpResponse.JSON);
    }
    if ((m = CHANNEL.matcher(path)).matches()) {
      String channelId = m.group(1);
      if (method.equals("POST")) return postCallsChannel(request, user, channelId, s);
      if (method.equals("GET")) {
        if (!store.canPost(user.id, channelId)) return HttpResponse.goHttpError(403, "Forbidden");
        return jsonLine(200, callsChannel(channelId, store.callsEnabled(channelId).orElse(s.callsDefaultEnabled())),
            HttpResponse.JSON);
      }
    }
    return HttpResponse.goHttpError(404, "404 page not found");
  }

  /**
   * api.go handlePostCallsChannel + permissionToEnableDisableChannel: system admins always; with DefaultEnabled=false
   * ("test mode") nobody else; otherwise channel members of DMs/GMs and channel/team admins (the sandbox has none).
   * audit.go writes the status before adding Content-Type, so Go sniffs these JSON bodies as text/plain.
   */
  private HttpResponse postCallsChannel(HttpRequest request, Store.User user, String channelId, SandboxSettings s) {
    Store.Channel channel = store.channel(channelId).orElse(null);
    boolean allowed = user.systemAdmin
        || (s.callsDefaultEnabled() && channel != null && (channel.type.equals("D") || channel.type.equals("G"))
            && store.canPost(user.id, channelId));
    if (!allowed) return auditError(403, "Forbidden");
    boolean enabled;
    try {
      JsonElement body = Json.parseFirstValue(request.body());
      JsonElement value = body.isJsonObject() ? body.getAsJsonObject().get("enabled") : null;
      if (body.isJsonObject() || body.isJsonNull()) {
        enabled = value != null && !value.isJsonNull() && value.getAsBoolean();
      } else {
        throw new IOException("json: cannot unmarshal " + Json.goKind(body) + " into Go value of type public.CallsChannel");
      }
    } catch (IOException | RuntimeException e) {
      return auditError(400, e.getMessage() == null ? "EOF" : e.getMessage());
    }
    store.setCallsEnabled(channelId, enabled);
    return jsonLine(200, callsChannel(channelId, enabled), HttpResponse.TEXT_PLAIN_UTF8);
  }

  private static JsonObject callsChannel(String channelId, boolean enabled) {
    JsonObject json = new JsonObject();
    json.addProperty("channel_id", channelId);
    json.addProperty("enabled", enabled);
    return json;
  }

  /** audit.go httpResponseHandler: {"message": ..., "status_code": ...} sniffed as text/plain. */
  private static HttpResponse auditError(int status, String message) {
    JsonObject json = new JsonObject();
    json.addProperty("message", message);
    json.addProperty("status_code", status);
    return jsonLine(status, json, HttpResponse.TEXT_PLAIN_UTF8);
  }

  /**
   * api.go handleGetTURNCredentials: 403 (audit JSON) without TURNStaticAuthSecret or without a TURN entry lacking
   * credentials; else, for each such entry, rtcd rtc.GenTURNConfigs: username {@code <expiry unix s>:<user name>},
   * credential base64(HMAC-SHA1(secret, username)), expiry now + TURNCredentialsExpirationMinutes; application/json.
   */
  private HttpResponse turnCredentials(Store.User user, SandboxSettings s) {
    if (s.callsTurnStaticAuthSecret().isEmpty()) {
      return auditError(403, "TURNStaticAuthSecret should be set");
    }
    List<IceServerConfig> turnServers = s.callsIceServersConfigs().stream()
        .filter(IceServerConfig::needsGeneratedCredentials).toList();
    if (turnServers.isEmpty()) {
      return auditError(403, "No TURN server was configured");
    }
    long expiry = clock.instant().plus(Duration.ofMinutes(s.callsTurnCredentialsExpirationMinutes())).getEpochSecond();
    String username = expiry + ":" + user.username;
    String credential = hmacSha1Base64(s.callsTurnStaticAuthSecret(), username);
    JsonArray configs = new JsonArray();
    for (IceServerConfig server : turnServers) {
      configs.add(iceServerJson(server.urls(), username, credential));
    }
    return HttpResponse.text(200, HttpResponse.JSON, Json.GSON.toJson(configs) + "\n");
  }

  private static String hmacSha1Base64(String secret, String message) {
    try {
      Mac mac = Mac.getInstance("HmacSHA1");
      mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
      return Base64.getEncoder().encodeToString(mac.doFinal(message.getBytes(StandardCharsets.UTF_8)));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA1 is part of every JDK", e);
    }
  }

  /** rtcd ICEServerConfig JSON: {@code urls}, then {@code username} and {@code credential} when not empty. */
  private static JsonObject iceServerJson(List<String> urls, String username, String credential) {
    JsonObject json = new JsonObject();
    JsonArray array = new JsonArray();
    urls.forEach(array::add);
    json.add("urls", array);
    if (!username.isEmpty()) json.addProperty("username", username);
    if (!credential.isEmpty()) json.addProperty("credential", credential);
    return json;
  }

  /**
   * configuration.go getClientConfig (the fields a client reads). ICEServersConfigs = getICEServers(forClient): TURN
   * entries without credentials are left out (clients fetch /turn-credentials for them); a nil list encodes as null.
   */
  private static JsonObject clientConfig(SandboxSettings s) {
    JsonObject json = new JsonObject();
    json.add("ICEServers", new JsonArray());
    JsonArray iceServers = new JsonArray();
    for (IceServerConfig server : s.callsIceServersConfigs()) {
      if (!server.needsGeneratedCredentials()) {
        iceServers.add(iceServerJson(server.urls(), server.username(), server.credential()));
      }
    }
    json.add("ICEServersConfigs", iceServers.isEmpty() ? JsonNull.INSTANCE : iceServers);
    json.addProperty("AllowEnableCalls", true);
    json.addProperty("DefaultEnabled", s.callsDefaultEnabled());
    json.addProperty("MaxCallParticipants", 0);
    json.addProperty("NeedsTURNCredentials", !s.callsTurnStaticAuthSecret().isEmpty()
        && s.callsIceServersConfigs().stream().anyMatch(IceServerConfig::needsGeneratedCredentials));
    json.addProperty("AllowScreenSharing", true);
    json.addProperty("EnableRecordings", false);
    json.addProperty("EnableTranscriptions", false);
    json.addProperty("EnableLiveCaptions", false);
    json.addProperty("MaxRecordingDuration", 60);
    json.addProperty("EnableSimulcast", false);
    json.addProperty("EnableRinging", true);
    json.addProperty("sku_short_name", "starter");
    json.addProperty("HostControlsAllowed", false);
    json.addProperty("EnableAV1", false);
    json.addProperty("GroupCallsAllowed", true);
    json.addProperty("EnableDCSignaling", false);
    json.addProperty("EnableVideo", false);
    return json;
  }

  /** json.NewEncoder(w).Encode(v) ends the body with a newline. */
  private static HttpResponse jsonLine(int status, JsonObject json, String contentType) {
    return HttpResponse.text(status, contentType, Json.GSON.toJson(json) + "\n");
  }
}
