package org.commandcenter.mattermost;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The JSON and form shapes an integration reads from Mattermost and answers with. */
class IntegrationMessagesTest {
  private static final String USER = "user000000000000000000001a";
  private static final String POST = "post000000000000000000001a";
  private static final String CHANNEL = "chan000000000000000000001a";

  @Test
  void readsTheBareJsonMattermostPostsForAClick() {
    String body = "{\"user_id\":\"" + USER + "\",\"user_name\":\"alice\",\"channel_id\":\"" + CHANNEL + "\","
        + "\"channel_name\":\"builds\",\"team_id\":\"team000000000000000000001a\",\"team_domain\":\"factory\","
        + "\"post_id\":\"" + POST + "\",\"trigger_id\":\"dHJpZ2dlcg==\",\"type\":\"button\",\"data_source\":\"\","
        + "\"context\":{\"action\":\"rebuild\",\"build\":\"142\"}}";

    ActionRequest request = ActionRequest.parse(body);

    assertThat(request.userId()).isEqualTo(USER);
    assertThat(request.userName()).isEqualTo("alice");
    assertThat(request.channelName()).isEqualTo("builds");
    assertThat(request.teamDomain()).isEqualTo("factory");
    assertThat(request.postId()).isEqualTo(POST);
    assertThat(request.context()).containsEntry("action", "rebuild").containsEntry("build", "142");
    // Written back in the server's member order, every member present but the empty context.
    assertThat(request.toJson()).isEqualTo(body);
    assertThat(ActionRequest.builder().userId(USER).postId(POST).channelId(CHANNEL).build().toJson())
        .isEqualTo("{\"user_id\":\"" + USER + "\",\"user_name\":\"\",\"channel_id\":\"" + CHANNEL + "\","
            + "\"channel_name\":\"\",\"team_id\":\"\",\"team_domain\":\"\",\"post_id\":\"" + POST + "\","
            + "\"trigger_id\":\"\",\"type\":\"\",\"data_source\":\"\"}");
  }

  @Test
  void namesWhatIsWrongWithAMalformedClick() {
    assertThatThrownBy(() -> ActionRequest.parse("not json {"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("body: not JSON");
    assertThatThrownBy(() -> ActionRequest.parse("[1,2]")).hasMessageStartingWith("body: must be a JSON object");
    assertThatThrownBy(() -> ActionRequest.parse("{\"post_id\":\"" + POST + "\"}"))
        .hasMessage("user_id: must be a 26-character Mattermost id");
    assertThatThrownBy(() -> ActionRequest.parse("{\"user_id\":\"" + USER + "\",\"post_id\":\"" + POST
        + "\",\"channel_id\":\"" + CHANNEL + "\",\"context\":\"flat\"}"))
        .hasMessageStartingWith("body: not a Mattermost action request");
  }

  @Test
  void writesTheActionResponseAsGoWritesTheStruct() {
    assertThat(ActionResponse.none().toJson())
        .isEqualTo("{\"update\":null,\"ephemeral_text\":\"\",\"skip_slack_parsing\":false}");
    Post root = Post.builder().text("Build failed").username("jenkins")
        .addAttachment(Attachment.builder().title("app #142").build()).build();
    JsonObject json = JsonParser.parseString(ActionResponse.builder().update(PostUpdate.of(root))
        .ephemeralText("Only you can see this").skipSlackParsing(true).build().toJson()).getAsJsonObject();
    assertThat(json.getAsJsonObject("update").get("message").getAsString()).isEqualTo("Build failed");
    JsonObject props = json.getAsJsonObject("update").getAsJsonObject("props");
    assertThat(props.getAsJsonArray("attachments")).hasSize(1);
    assertThat(props.get("override_username").getAsString()).isEqualTo("jenkins");
    assertThat(json.get("ephemeral_text").getAsString()).isEqualTo("Only you can see this");
    assertThat(json.get("skip_slack_parsing").getAsBoolean()).isTrue();
  }

  @Test
  void anUpdateOfAStoredPostMustSetItsStrippedActionsAgain() {
    JsonObject stored = JsonParser.parseString("{\"id\":\"" + POST + "\",\"channel_id\":\"" + CHANNEL + "\","
        + "\"root_id\":\"\",\"message\":\"custom\",\"props\":{\"from_webhook\":\"true\",\"attachments\":[{\"title\":"
        + "\"app #142\",\"fields\":[{\"title\":\"Status\",\"value\":\"Failed\",\"short\":true}],\"actions\":"
        + "[{\"id\":\"claim\",\"type\":\"button\",\"name\":\"I'm on it\"}]}]},\"file_ids\":[]}").getAsJsonObject();
    StoredPost post = StoredPost.fromJson(stored);
    assertThat(post.actionIds(0)).containsExactly("claim");
    assertThat(post.threadRootId()).isEqualTo(POST);

    assertThatThrownBy(() -> PostUpdate.of(post).build())
        .isInstanceOf(IllegalStateException.class).hasMessageStartingWith("attachments[0].actions: ");

    Action release = Action.button("release", "Release").integrationUrl("https://jenkins.example/a").build();
    JsonObject update = JsonParser.parseString(PostUpdate.of(post).actions(0, List.of(release))
        .putField(0, Field.of("On it", "@alice", true)).putField(0, Field.of("Status", "Failed", true)).build()
        .toJson()).getAsJsonObject();
    assertThat(update.get("message").getAsString()).isEqualTo("custom");
    JsonObject attachment = update.getAsJsonObject("props").getAsJsonArray("attachments").get(0).getAsJsonObject();
    assertThat(attachment.getAsJsonArray("fields")).hasSize(2);
    assertThat(attachment.getAsJsonArray("fields").get(1).getAsJsonObject().get("value").getAsString())
        .isEqualTo("@alice");
    assertThat(attachment.getAsJsonArray("actions").get(0).getAsJsonObject().getAsJsonObject("integration")
        .get("url").getAsString()).isEqualTo("https://jenkins.example/a");
    assertThat(update.getAsJsonObject("props").get("from_webhook").getAsString()).isEqualTo("true");
  }

  @Test
  void writesEveryCommandResponseMemberAndKeepsEmptyAttachmentsNil() {
    JsonObject json = JsonParser.parseString(CommandResponse.ephemeral("Unknown job").build().toJson())
        .getAsJsonObject();
    assertThat(json.keySet()).containsExactly("response_type", "text", "username", "channel_id", "icon_url", "type",
        "props", "goto_location", "trigger_id", "skip_slack_parsing", "attachments", "extra_responses");
    assertThat(json.get("response_type").getAsString()).isEqualTo("ephemeral");
    assertThat(json.get("attachments").isJsonNull()).isTrue();
    assertThat(JsonParser.parseString(CommandResponse.inChannel("started").build().toJson()).getAsJsonObject()
        .get("response_type").getAsString()).isEqualTo("in_channel");
    assertThatThrownBy(() -> CommandResponse.ephemeral("x").iconUrl("ftp://x/y.png").build())
        .hasMessageStartingWith("iconUrl: ");
  }

  @Test
  void readsASlashCommandFormWithPlusAsSpaceAndRefusesRepeatedFields() {
    String form = "channel_id=" + CHANNEL + "&channel_name=builds&command=%2Fjenkins&response_url="
        + "https%3A%2F%2Fchat.example%2Fhooks%2Fcommands%2Fabc123&root_id=&team_domain=factory&team_id=t&text="
        + "build+team%2Fapp%2Fmain+VERSION%3D%221.2+rc%22&token=tok3n&trigger_id=tr&user_id=" + USER
        + "&user_name=alice";

    SlashCommand command = SlashCommand.parseForm(form);

    assertThat(command.command()).isEqualTo("/jenkins");
    assertThat(command.text()).isEqualTo("build team/app/main VERSION=\"1.2 rc\"");
    assertThat(command.token()).isEqualTo("tok3n");
    assertThat(command.responseUrl()).isEqualTo("https://chat.example/hooks/commands/abc123");
    assertThat(command.toString()).doesNotContain("tok3n");
    assertThat(SlashCommand.parseForm(command.toForm()).text()).isEqualTo(command.text());
    assertThatThrownBy(() -> SlashCommand.parseForm(form + "&token=other"))
        .hasMessage("token: given more than once");
    assertThatThrownBy(() -> SlashCommand.parseForm("user_id=x")).hasMessageStartingWith("user_id: ");
  }
}
