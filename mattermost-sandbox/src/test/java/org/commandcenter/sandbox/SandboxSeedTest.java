package org.commandcenter.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Seeds from a JSON file or the builder; bad references name the field. */
class SandboxSeedTest {
  @Test
  void seedFileCreatesTheWorldAndItsSettings(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("seed.json");
    Files.writeString(file, "{\"teams\":[{\"name\":\"ops\",\"displayName\":\"Ops\"}],"
        + "\"users\":[{\"username\":\"root\",\"email\":\"root@example.com\",\"systemAdmin\":true,\"token\":\"root-token\"}],"
        + "\"bots\":[{\"username\":\"ci\",\"token\":\"ci-token\"}],"
        + "\"channels\":[{\"team\":\"ops\",\"name\":\"deploys\",\"members\":[\"ci\"]}],"
        + "\"hooks\":[{\"id\":\"deployshook\",\"team\":\"ops\",\"channel\":\"deploys\",\"creator\":\"root\"}],"
        + "\"settings\":{\"enablePostUsernameOverride\":true}}");

    try (MattermostSandbox mm = MattermostSandbox.builder().seed(SandboxSeed.fromFile(file)).build().start()) {
      assertThat(Wire.post(mm.hookUrl("deployshook"), "{\"text\":\"deployed\",\"username\":\"Argo\"}").status).isEqualTo(200);
      assertThat(Wire.post(mm.url() + "/api/v4/posts",
          "{\"channel_id\":\"" + mm.channelId("ops", "deploys") + "\",\"message\":\"hi\"}", "ci-token").status).isEqualTo(201);

      assertThat(mm.posts("ops", "deploys")).extracting(ReceivedPost::displayName).containsExactly("Argo", "ci");
      assertThat(mm.settings().enablePostUsernameOverride()).isTrue();
    }
  }

  @Test
  void unknownReferencesNameTheField() {
    assertThatThrownBy(() -> MattermostSandbox.builder().team("t").hook("h1", "t", "nowhere", "nobody").build())
        .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("hooks[0].channel:");
    assertThatThrownBy(() -> MattermostSandbox.builder().team("t").channel("t", "c").members("t", "c", "ghost").build())
        .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("channels[0].members:");
    assertThatThrownBy(() -> MattermostSandbox.builder().token("nobody", "x"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("username:");
  }

  @Test
  void malformedSeedFileNamesTheFile(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("broken.json");
    Files.writeString(file, "{\"teams\": [");

    assertThatThrownBy(() -> SandboxSeed.fromFile(file)).hasMessageContaining("broken.json");
  }
}
