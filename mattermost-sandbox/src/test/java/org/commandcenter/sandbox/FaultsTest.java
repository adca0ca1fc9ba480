package org.commandcenter.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.commandcenter.sandbox.MattermostSandbox.JENKINS_BOT_TOKEN;
import static org.commandcenter.sandbox.MattermostSandbox.JENKINS_HOOK;
import static org.commandcenter.sandbox.MattermostSandbox.TEAM;

import java.io.IOException;
import java.net.ConnectException;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Each fault does what SANDBOX.md promises, and only to Mattermost routes. */
class FaultsTest extends SandboxPerTest {



  private Wire.Answer send(String text) throws IOException {
    return Wire.post(mm.hookUrl(JENKINS_HOOK), "{\"text\":\"" + text + "\"}");
  }

  @Test
  void downRefusesConnectionsUntilUp() throws Exception {
    String url = mm.hookUrl(JENKINS_HOOK);
    mm.faults().down();

    assertThatThrownBy(() -> Wire.post(url, "{\"text\":\"x\"}")).isInstanceOf(ConnectException.class);
    mm.faults().up();
    assertThat(Wire.post(url, "{\"text\":\"y\"}").status).isEqualTo(200);
    assertThat(mm.posts(TEAM, "builds")).extracting(ReceivedPost::message).containsExactly("y");
  }

  @Test
  void serverErrorsStoreNothing() throws Exception {
    mm.faults().serverErrors(2);

    Wire.Answer first = send("a");
    Wire.Answer second = send("b");
    Wire.Answer third = send("c");

    assertThat(first.status).isEqualTo(503);
    assertThat(first.errorId()).isEqualTo("api.context.server_busy.app_error");
    assertThat(second.status).isEqualTo(503);
    assertThat(third.status).isEqualTo(200);
    assertThat(mm.posts(TEAM, "builds")).extracting(ReceivedPost::message).containsExactly("c");
    assertThat(mm.faults().applied()).isEqualTo(2);
  }

  @Test
  void proxyErrorsAreNotJson() throws Exception {
    mm.faults().serverErrors(1, 502);

    Wire.Answer answer = send("a");

    assertThat(answer.status).isEqualTo(502);
    assertThat(answer.body).contains("502 Bad Gateway");
  }

  @Test
  void tooManyRequestsCarryRetryAfter() throws Exception {
    mm.faults().tooManyRequests(1, 3);

    Wire.Answer answer = send("a");

    assertThat(answer.status).isEqualTo(429);
    assertThat(answer.header("Retry-After")).isEqualTo("3");
    assertThat(answer.body).isEqualTo("limit exceeded\n");
    assertThat(mm.posts(TEAM, "builds")).isEmpty();
  }

  @Test
  void resetMidResponseStoresThePostButCutsTheAnswer() throws Exception {
    mm.faults().resetMidResponse(1);
    String body = "{\"channel_id\":\"" + mm.channelId(TEAM, "builds") + "\",\"message\":\"cut\"}";

    assertThatThrownBy(() -> Wire.post(mm.url() + "/api/v4/posts", body, JENKINS_BOT_TOKEN))
        .isInstanceOf(IOException.class);
    assertThat(mm.posts(TEAM, "builds")).extracting(ReceivedPost::message).containsExactly("cut");
    assertThat(mm.requests()).last().satisfies(r -> assertThat(r.status()).isEqualTo(201));
  }

  @Test
  void lostResponseAfterStoreGivesNoStatusAtAll() throws Exception {
    mm.faults().loseResponseAfterStore(1);

    assertThatThrownBy(() -> send("stored")).isInstanceOf(IOException.class);
    assertThat(mm.posts(TEAM, "builds")).extracting(ReceivedPost::message).containsExactly("stored");
    assertThat(mm.requests()).last().satisfies(r -> assertThat(r.status()).isZero());
    assertThat(send("next").status).isEqualTo(200);
  }

  @Test
  void slowDelaysTheAnswer() throws Exception {
    mm.faults().slow(1, Duration.ofMillis(300));

    long start = System.nanoTime();
    Wire.Answer answer = send("slow");
    long elapsedMillis = (System.nanoTime() - start) / 1_000_000;

    assertThat(answer.status).isEqualTo(200);
    assertThat(elapsedMillis).isGreaterThanOrEqualTo(290);
  }

  @Test
  void inboxAndJsonEndpointAreNeverFaulted() throws Exception {
    mm.faults().serverErrors(5);

    assertThat(Wire.get(mm.url() + "/").status).isEqualTo(200);
    assertThat(Wire.get(mm.url() + "/_sandbox/posts").status).isEqualTo(200);
    assertThat(mm.faults().applied()).isZero();
  }
}
