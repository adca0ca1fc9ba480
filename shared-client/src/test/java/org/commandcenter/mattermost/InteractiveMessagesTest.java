package org.commandcenter.mattermost;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Buttons on attachments: validated as PostAction.IsValid validates them, and sent over REST and webhooks alike. */
class InteractiveMessagesTest {
  private static final String URL = "https://jenkins.example/mattermost/actions";

  private final MockWebServer server = new MockWebServer();

  @BeforeEach
  void start() throws Exception {
    server.start();
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private static Action rebuild() {
    return Action.button("rebuild", "Rebuild").style("primary").integrationUrl(URL)
        .contextValue("action", "rebuild").contextValue("job", "team/app/main").build();
  }

  @Test
  void refusesAnActionIdTheClickRouteCanNeverReach() {
    assertThatThrownBy(() -> Action.button("show-log", "Show log").integrationUrl(URL).build())
        .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("id: ")
        .hasMessageContaining("[A-Za-z0-9]+");
    assertThatThrownBy(() -> Action.button("show_log", "Show log").integrationUrl(URL).build())
        .hasMessageStartingWith("id: ");
    assertThat(Action.button(null, "Generated id").integrationUrl(URL).build().id()).isNull();
  }

  @Test
  void validatesAsPostActionIsValidWithTheServersTexts() {
    assertThatThrownBy(() -> Action.button("a", "").integrationUrl(URL).build())
        .hasMessage("name: action must have a name");
    assertThatThrownBy(() -> Action.button("a", "A").style("red").integrationUrl(URL).build())
        .hasMessage("style: invalid style 'red' - must be one of [default, primary, success, good, warning, danger]"
            + " or a hex color");
    assertThatThrownBy(() -> Action.button("a", "A").build())
        .hasMessage("integrationUrl: action must have an integration URL");
    assertThatThrownBy(() -> Action.button("a", "A").integrationUrl("ftp://jenkins/x").build())
        .hasMessageStartingWith("integrationUrl: action must have an valid integration URL");
    assertThatThrownBy(() -> Action.button("a", "A").integrationUrl(URL).dataSource("users").build())
        .hasMessage("dataSource: button action must not have a data source");
    assertThatThrownBy(() -> Action.button("a", "A").integrationUrl(URL).addOption(Action.Option.of("x", "y")).build())
        .hasMessage("options: button action must not have options");
    assertThatThrownBy(() -> Action.builder().type(Action.Type.SELECT).id("s").name("Pick").integrationUrl(URL).build())
        .hasMessage("options: select action must have either DataSource or Options set");
    assertThatThrownBy(() -> Action.builder().type(Action.Type.SELECT).id("s").name("Pick").integrationUrl(URL)
        .dataSource("teams").build())
        .hasMessage("dataSource: invalid data_source 'teams' for select action");
    assertThatThrownBy(() -> Action.builder().type(Action.Type.SELECT).id("s").name("Pick").integrationUrl(URL)
        .addOption(Action.Option.of("", "v")).build())
        .hasMessage("options[0].text: text is required");
    assertThatThrownBy(() -> Action.button("a", "A").integrationUrl(URL).contextValue("when", new Object()).build())
        .hasMessageStartingWith("context.when: must be a JSON value");
    assertThat(Action.button("a", "A").integrationUrl("/plugins/com.example/act").style("#00ff00").build().style())
        .isEqualTo("#00ff00");
  }

  @Test
  void refusesTwoActionsWithOneIdInAPost() {
    Attachment first = Attachment.builder().title("a").addAction(rebuild()).build();
    Attachment second = Attachment.builder().title("b").addAction(rebuild()).build();
    assertThatThrownBy(() -> Attachment.builder().addAction(rebuild()).addAction(rebuild()).build())
        .hasMessageStartingWith("actions[1].id: 'rebuild' is used by another action");
    assertThatThrownBy(() -> Post.builder().addAttachment(first).addAttachment(second).build())
        .hasMessageStartingWith("attachments.actions[1].id: ");
  }

  @Test
  void sendsButtonsOverRestInPostActionShape() throws Exception {
    MattermostClient client = Wire.rest(server, new RecordingSleeper()).build();
    server.enqueue(Wire.created(Wire.postId(1)));

    client.send(Post.builder().channel(Wire.CHANNEL_ID)
        .addAttachment(Attachment.builder().title("app #142").addAction(rebuild())
            .addAction(Action.button("claim", "I'm on it").disabled(true).integrationUrl(URL).build()).build())
        .build());

    JsonArray actions = Wire.body(Wire.take(server)).getAsJsonObject("props").getAsJsonArray("attachments")
        .get(0).getAsJsonObject().getAsJsonArray("actions");
    assertThat(actions.get(0).toString()).isEqualTo("{\"id\":\"rebuild\",\"type\":\"button\",\"name\":\"Rebuild\","
        + "\"style\":\"primary\",\"integration\":{\"url\":\"" + URL + "\",\"context\":"
        + "{\"action\":\"rebuild\",\"job\":\"team/app/main\"}}}");
    JsonObject claim = actions.get(1).getAsJsonObject();
    assertThat(claim.get("disabled").getAsBoolean()).isTrue();
    assertThat(claim.has("style")).isFalse();
    assertThat(claim.getAsJsonObject("integration").has("context")).isFalse();
  }

  @Test
  void sendsButtonsOverWebhooksToo() throws Exception {
    MattermostClient client = Wire.webhook(server, new RecordingSleeper()).build();
    server.enqueue(Wire.ok());

    client.send(Post.builder().addAttachment(Attachment.builder().title("app #142").addAction(rebuild()).build())
        .build());

    RecordedRequest request = Wire.take(server);
    JsonObject action = Wire.body(request).getAsJsonArray("attachments").get(0).getAsJsonObject()
        .getAsJsonArray("actions").get(0).getAsJsonObject();
    assertThat(action.get("id").getAsString()).isEqualTo("rebuild");
    assertThat(action.getAsJsonObject("integration").get("url").getAsString()).isEqualTo(URL);
    assertThat(action.getAsJsonObject("integration").getAsJsonObject("context").get("job").getAsString())
        .isEqualTo("team/app/main");
  }

  @Test
  void neverPrintsTheContextOfAnAction() {
    Action action = Action.button("rebuild", "Rebuild").integrationUrl(URL).contextValue("mac", "s3cr3t").build();
    assertThat(action.toString()).doesNotContain("s3cr3t");
    assertThat(Attachment.builder().addAction(action).build().toString()).doesNotContain("s3cr3t");
  }
}
