package org.commandcenter.mattermost;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
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

  private HttpUrl.Builder plugin() {
    return client.site().addPathSegment("plugins").addPathSegment(PLUGIN_ID);
  }
}
