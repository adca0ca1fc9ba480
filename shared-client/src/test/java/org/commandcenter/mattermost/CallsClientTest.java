package org.commandcenter.mattermost;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class CallsClientTest {
  private final MockWebServer server = new MockWebServer();
  private CallsClient calls;

  @BeforeEach
  void start() throws Exception {
    server.start();
    calls = Wire.rest(server, new RecordingSleeper()).build().calls();
  }

  @AfterEach
  void stop() {
    server.close();
  }

  @Test
  void readsPluginVersion() throws Exception {
    server.enqueue(Wire.json(200, "{\"version\":\"1.12.2\",\"build\":\"abc\",\"rtcd_version\":\"\",\"rtcd_build\":\"\"}"));
    assertThat(calls.pluginVersion()).contains("1.12.2");
    RecordedRequest request = Wire.take(server);
    assertThat(request.getMethod()).isEqualTo("GET");
    assertThat(request.getUrl().encodedPath()).isEqualTo("/plugins/com.mattermost.calls/version");
  }

  @Test
  void missingPluginIsEmpty() throws Exception {
    server.enqueue(Wire.appError(404, "app.plugin.not_found", "Plugin not found"));
    server.enqueue(Wire.appError(501, "app.plugin.disabled.app_error", "Plugins have been disabled."));
    assertThat(calls.pluginVersion()).isEmpty();
    assertThat(calls.pluginVersion()).isEmpty();
  }

  @Test
  void enablesCallsInChannel() throws Exception {
    server.enqueue(Wire.json(200, "{\"channel_id\":\"" + Wire.CHANNEL_ID + "\",\"enabled\":true}"));
    calls.enable(Wire.CHANNEL_ID);
    RecordedRequest request = Wire.take(server);
    assertThat(request.getMethod()).isEqualTo("POST");
    assertThat(request.getUrl().encodedPath()).isEqualTo("/plugins/com.mattermost.calls/" + Wire.CHANNEL_ID);
    assertThat(request.getHeaders().get("Authorization")).isEqualTo("Bearer " + Wire.TOKEN);
    assertThat(request.getHeaders().get("Content-Type")).isEqualTo("application/json; charset=utf-8");
    assertThat(request.getBody().utf8()).isEqualTo("{\"enabled\":true}");
  }

  @Test
  void readsWhetherACallIsActive() throws Exception {
    server.enqueue(Wire.json(200, "{\"active\":true}"));
    server.enqueue(Wire.json(200, "{\"active\":false}"));
    assertThat(calls.isCallActive(Wire.CHANNEL_ID)).isTrue();
    assertThat(calls.isCallActive(Wire.CHANNEL_ID)).isFalse();
    assertThat(Wire.take(server).getUrl().encodedPath())
        .isEqualTo("/plugins/com.mattermost.calls/calls/" + Wire.CHANNEL_ID + "/active");
  }

  @Test
  void readsTheIceServersAndWhetherCredentialsAreNeeded() throws Exception {
    server.enqueue(Wire.json(200, "{\"ICEServers\":[],\"ICEServersConfigs\":[{\"urls\":[\"stun:stun.global.calls.mattermost.com:3478\"]},"
        + "{\"urls\":\"turn:turn.example:3478\",\"username\":\"static\",\"credential\":\"pass\"}],"
        + "\"NeedsTURNCredentials\":true,\"DefaultEnabled\":false}"));

    CallsIceConfiguration configuration = calls.iceConfiguration();

    assertThat(Wire.take(server).getUrl().encodedPath()).isEqualTo("/plugins/com.mattermost.calls/config");
    assertThat(configuration.needsTurnCredentials()).isTrue();
    assertThat(configuration.iceServers()).containsExactly(
        new IceServer(List.of("stun:stun.global.calls.mattermost.com:3478"), "", ""),
        new IceServer(List.of("turn:turn.example:3478"), "static", "pass"));
  }

  @Test
  void aNullIceServersConfigsIsNoServer() throws Exception {
    server.enqueue(Wire.json(200, "{\"ICEServersConfigs\":null,\"NeedsTURNCredentials\":false}"));
    assertThat(calls.iceConfiguration()).isEqualTo(new CallsIceConfiguration(List.of(), false));
  }

  @Test
  void joinsWithTheConfiguredServersThenTheGeneratedCredentials() throws Exception {
    server.enqueue(Wire.json(200, "{\"ICEServersConfigs\":[{\"urls\":[\"stun:turn.example:3478\"]}],"
        + "\"NeedsTURNCredentials\":true}"));
    server.enqueue(Wire.json(200, "[{\"urls\":[\"turn:turn.example:3478?transport=udp\",\"turns:turn.example:5349\"],"
        + "\"username\":\"1760000000:jenkins-bot\",\"credential\":\"c2VjcmV0\"}]\n"));

    List<IceServer> servers = calls.iceServers();

    assertThat(Wire.take(server).getUrl().encodedPath()).isEqualTo("/plugins/com.mattermost.calls/config");
    RecordedRequest credentials = Wire.take(server);
    assertThat(credentials.getMethod()).isEqualTo("GET");
    assertThat(credentials.getUrl().encodedPath()).isEqualTo("/plugins/com.mattermost.calls/turn-credentials");
    assertThat(credentials.getHeaders().get("Authorization")).isEqualTo("Bearer " + Wire.TOKEN);
    assertThat(servers).containsExactly(new IceServer(List.of("stun:turn.example:3478"), "", ""),
        new IceServer(List.of("turn:turn.example:3478?transport=udp", "turns:turn.example:5349"),
            "1760000000:jenkins-bot", "c2VjcmV0"));
    assertThat(servers.get(1).turnUrls()).hasSize(2);
    assertThat(servers.get(1).toString()).doesNotContain("c2VjcmV0");
  }

  @Test
  void doesNotAskForCredentialsCallsDoesNotNeed() throws Exception {
    server.enqueue(Wire.json(200, "{\"ICEServersConfigs\":[{\"urls\":[\"stun:turn.example:3478\"]}],"
        + "\"NeedsTURNCredentials\":false}"));
    assertThat(calls.iceServers()).singleElement().extracting(IceServer::turnUrls).asList().isEmpty();
    assertThat(server.getRequestCount()).isEqualTo(1);
  }

  @Test
  void aRefusedCredentialsRequestIsThrownWithItsStatus() throws Exception {
    server.enqueue(Wire.json(403, "{\"message\":\"TURNStaticAuthSecret should be set\",\"status_code\":403}\n"));
    assertThatThrownBy(() -> calls.turnCredentials()).isInstanceOf(MattermostException.class)
        .satisfies(e -> assertThat(((MattermostException) e).statusCode()).isEqualTo(403));
  }
}
