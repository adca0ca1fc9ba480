package org.commandcenter.mattermost;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import okhttp3.HttpUrl;
import okhttp3.Request;

/**
 * The Mattermost Calls plugin's HTTP API, served under {@code /plugins/com.mattermost.calls}
 * (mattermost-plugin-calls server/api_router.go, v1.12).
 */
public final class CallsClient {
  static final String PLUGIN_ID = "com.mattermost.calls";

  private final RestApi client;

  CallsClient(RestApi client) {
    this.client = client;
  }

  /**
   * The installed plugin's version, or empty when Calls is not installed or not enabled (404), or
   * plugins are switched off on the server (501, server/channels/app/plugin_requests.go).
   */
  public Optional<String> pluginVersion() throws MattermostException {
    Request request = client.request(plugin().addPathSegment("version")).get().build();
    try {
      JsonObject info = client.parse("read Calls version",
          client.execute("read Calls version", request), JsonObject.class);
      return Optional.ofNullable(RestApi.string(info, "version"));
    } catch (MattermostException e) {
      if (e.statusCode() == 404 || e.statusCode() == 501) {
        return Optional.empty();
      }
      throw e;
    }
  }

  /** Enables calls in a channel; needs channel-admin rights (server/api.go handlePostCallsChannel). */
  public void enable(String channelId) throws MattermostException {
    Checks.requireId("channelId", channelId);
    JsonObject body = new JsonObject();
    body.addProperty("enabled", true);
    Request request = client.request(plugin().addPathSegment(channelId))
        .post(client.jsonBody(body))
        .build();
    client.execute("enable Calls in channel " + channelId, request);
  }

  /** Whether a call is going on in the channel ({@code {"active": true}}). */
  public boolean isCallActive(String channelId) throws MattermostException {
    Checks.requireId("channelId", channelId);
    Request request = client.request(plugin().addPathSegment("calls").addPathSegment(channelId)
        .addPathSegment("active")).get().build();
    String action = "read call state of channel " + channelId;
    JsonObject state = client.parse(action, client.execute(action, request), JsonObject.class);
    JsonElement active = state.get("active");
    return active != null && active.isJsonPrimitive() && active.getAsBoolean();
  }

  /** The ICE servers and whether TURN credentials are to be fetched, from the plugin's client configuration. */
  public CallsIceConfiguration iceConfiguration() throws MattermostException {
    String action = "read Calls configuration";
    Request request = client.request(plugin().addPathSegment("config")).get().build();
    JsonObject config = client.parse(action, client.execute(action, request), JsonObject.class);
    JsonElement needs = config.get("NeedsTURNCredentials");
    boolean needsTurnCredentials = needs != null && needs.isJsonPrimitive() && needs.getAsBoolean();
    return new CallsIceConfiguration(iceServers(action, config.get("ICEServersConfigs")), needsTurnCredentials);
  }

  /**
   * TURN credentials generated for the token's user, one entry per TURN entry of ICEServersConfigs that has none
   * (server/api.go handleGetTURNCredentials: {@code <expiry>:<user name>} and its HMAC-SHA1 under
   * TURNStaticAuthSecret, valid for TURNCredentialsExpirationMinutes). The plugin answers 403 without a secret or
   * without such an entry.
   */
  public List<IceServer> turnCredentials() throws MattermostException {
    String action = "read Calls TURN credentials";
    Request request = client.request(plugin().addPathSegment("turn-credentials")).get().build();
    return iceServers(action, client.parse(action, client.execute(action, request), JsonElement.class));
  }

  /**
   * The ICE servers a Calls client joins a call with: the configuration's, then the generated TURN credentials when
   * it needs them (webapp/src/index.tsx, joining a call: {@code iceServers(state)} and then {@code /turn-credentials}
   * when {@code needsTURNCredentials}). Where the webapp logs a failed credentials request and joins without TURN,
   * this throws it.
   */
  public List<IceServer> iceServers() throws MattermostException {
    CallsIceConfiguration configuration = iceConfiguration();
    List<IceServer> servers = new ArrayList<>(configuration.iceServers());
    if (configuration.needsTurnCredentials()) {
      servers.addAll(turnCredentials());
    }
    return List.copyOf(servers);
  }

  /** A JSON array of RTCIceServer objects ({@code urls} a string or an array); null is no servers. */
  private static List<IceServer> iceServers(String action, JsonElement json) throws MattermostException {
    List<IceServer> servers = new ArrayList<>();
    if (json == null || json.isJsonNull()) {
      return servers;
    }
    if (!json.isJsonArray()) {
      throw new MattermostException(action + " failed: expected a JSON array of ICE servers");
    }
    for (JsonElement element : json.getAsJsonArray()) {
      if (!element.isJsonObject()) {
        throw new MattermostException(action + " failed: an ICE server is not a JSON object");
      }
      JsonObject server = element.getAsJsonObject();
      List<String> urls = new ArrayList<>();
      JsonElement value = server.get("urls");
      if (value != null && value.isJsonArray()) {
        for (JsonElement url : (JsonArray) value) {
          urls.add(url.getAsString());
        }
      } else if (value != null && value.isJsonPrimitive()) {
        urls.add(value.getAsString());
      }
      if (urls.isEmpty()) {
        throw new MattermostException(action + " failed: an ICE server without urls");
      }
      servers.add(new IceServer(urls, stringOrEmpty(server, "username"), stringOrEmpty(server, "credential")));
    }
    return servers;
  }

  private static String stringOrEmpty(JsonObject object, String member) {
    JsonElement value = object.get(member);
    return value == null || !value.isJsonPrimitive() ? "" : value.getAsString();
  }

  private HttpUrl.Builder plugin() {
    return client.site().addPathSegment("plugins").addPathSegment(PLUGIN_ID);
  }
}
