package org.commandcenter.sandbox.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.commandcenter.sandbox.MattermostSandbox;
import org.commandcenter.sandbox.ReceivedPost;
import org.junit.jupiter.api.Test;

/** The README's demo posts its three alerts through the shared client, as Mattermost would show them. */
class SampleAlertsTest {
  @Test
  void postsFailedBuildWithWarRoomLinkBackToNormalAndFailedQualityGate() throws Exception {
    try (MattermostSandbox mm = MattermostSandbox.builder().withSampleData().build().start()) {
      SampleAlerts.post(mm);

      List<ReceivedPost> builds = mm.posts("factory", "builds");
      assertThat(builds).hasSize(2);
      ReceivedPost failed = builds.get(0);
      assertThat(failed.message()).contains("/factory/channels/war-room?join_call=true").contains("(fixed in #143)");
      assertThat(failed.isEdited()).isTrue();
      assertThat(failed.priority()).hasValueSatisfying(p -> assertThat(p.get("priority").getAsString()).isEqualTo("urgent"));
      assertThat(failed.attachments()).singleElement().satisfies(a -> {
        assertThat(a.get("color").getAsString()).isEqualTo("#e40303");
        assertThat(a.toString()).doesNotContain("@channel ");
      });
      assertThat(builds.get(1).rootId()).isEqualTo(failed.id());
      assertThat(mm.posts("factory", "alerts")).singleElement()
          .satisfies(p -> assertThat(p.attachments().get(0).get("title").getAsString()).startsWith("Quality Gate failed"));
      assertThat(mm.callsEnabled(mm.channelId("factory", "war-room"))).contains(true);
    }
  }
}
