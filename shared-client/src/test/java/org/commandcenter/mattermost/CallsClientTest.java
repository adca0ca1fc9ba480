package org.commandcenter.mattermost;

import static org.assertj.core.api.Assertions.assertThat;

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
}
