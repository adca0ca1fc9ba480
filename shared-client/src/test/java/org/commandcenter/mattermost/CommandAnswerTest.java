package org.commandcenter.mattermost;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.gson.JsonObject;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A slash command's later answer, and the look-ups an integration makes with the bot token. */
class CommandAnswerTest {
  private final MockWebServer server = new MockWebServer();
  private MattermostClient client;

  @BeforeEach
  void start() throws Exception {
    server.start();
    client = Wire.rest(server, new RecordingSleeper()).build();
  }

  @AfterEach
  void stop() {
    server.close();
  }

  @Test
  void postsTheLaterAnswerToThisSiteWhateverHostTheResponseUrlNames() throws Exception {
    server.enqueue(new MockResponse.Builder().code(200).setHeader("Content-Type", "text/plain").body("ok").build());

    client.respond("https://elsewhere.example/hooks/commands/hook0000000000000000000001",
        CommandResponse.inChannel("team/app/main #57 started").build());

    RecordedRequest request = Wire.take(server);
    assertThat(request.getMethod()).isEqualTo("POST");
    assertThat(request.getUrl().encodedPath()).isEqualTo("/hooks/commands/hook0000000000000000000001");
    assertThat(request.getHeaders().get("Authorization")).isNull();
    assertThat(request.getHeaders().get("Content-Type")).startsWith("application/json");
    JsonObject body = Wire.body(request);
    assertThat(body.get("response_type").getAsString()).isEqualTo("in_channel");
    assertThat(body.get("text").getAsString()).isEqualTo("team/app/main #57 started");
  }

  @Test
  void refusesAResponseUrlThatIsNoCommandHookAndNeverEchoesIt() {
    assertThatThrownBy(() -> client.respond("https://chat.example/hooks/abc", CommandResponse.ephemeral("x").build()))
        .isInstanceOf(IllegalArgumentException.class).hasMessage("responseUrl: must end in /hooks/commands/<id>");
    assertThatThrownBy(() -> client.respond("file:///etc/passwd", CommandResponse.ephemeral("x").build()))
        .hasMessageStartingWith("responseUrl: ").hasMessageNotContaining("passwd");
  }

  @Test
  void anExpiredResponseUrlFailsWithoutNamingItsId() throws Exception {
    server.enqueue(Wire.appError(404, "web.command_webhook.general.app_error", "Failed"));
    assertThatThrownBy(() -> client.respond("https://chat.example/hooks/commands/hook0000000000000000000002",
        CommandResponse.ephemeral("late").build()))
        .isInstanceOf(MattermostException.class).hasMessageNotContaining("hook0000000000000000000002");
  }

  @Test
  void readsAPostAndAUserWithTheBotToken() throws Exception {
    server.enqueue(Wire.json(200, "{\"id\":\"" + Wire.postId(1) + "\",\"channel_id\":\"" + Wire.CHANNEL_ID
        + "\",\"root_id\":\"\",\"message\":\"m\",\"props\":{\"attachments\":[{\"title\":\"t\"}]}}"));
    server.enqueue(Wire.json(200, "{\"id\":\"user000000000000000000001a\",\"username\":\"alice\","
        + "\"email\":\"\",\"delete_at\":1700000000000}"));

    StoredPost post = client.post(Wire.postId(1));
    User user = client.user("user000000000000000000001a");

    assertThat(post.attachmentCount()).isEqualTo(1);
    assertThat(Wire.take(server).getUrl().encodedPath()).isEqualTo("/api/v4/posts/" + Wire.postId(1));
    RecordedRequest lookup = Wire.take(server);
    assertThat(lookup.getUrl().encodedPath()).isEqualTo("/api/v4/users/user000000000000000000001a");
    assertThat(lookup.getHeaders().get("Authorization")).isEqualTo("Bearer " + Wire.TOKEN);
    assertThat(user.username()).isEqualTo("alice");
    assertThat(user.isDeactivated()).isTrue();
  }
}
