package org.commandcenter.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.commandcenter.sandbox.MattermostSandbox.ADMIN_TOKEN;
import static org.commandcenter.sandbox.MattermostSandbox.ALICE_TOKEN;
import static org.commandcenter.sandbox.MattermostSandbox.JENKINS_HOOK;
import static org.commandcenter.sandbox.MattermostSandbox.TEAM;

import org.junit.jupiter.api.Test;

/** app/ratelimit.go on every route, and the Calls plugin routes of v1.12.2. */
class RateLimitAndCallsTest extends SandboxPerTest {



  /** Requests before the limiter is on, so class loading and the first connection do not eat into its window. */
  private void warmUp() throws Exception {
    assertThat(Wire.get(calls() + "/version").status).isEqualTo(200);
    assertThat(Wire.post(mm.hookUrl(JENKINS_HOOK), "{\"text\":\"warm-up\"}").status).isEqualTo(200);
    assertThat(Wire.get(mm.url() + "/api/v4/users/me", ALICE_TOKEN).status).isEqualTo(200);
    mm.clearPosts();
  }

  private String calls() {
    return mm.url() + "/plugins/com.mattermost.calls";
  }

  @Test
  void rateLimitHeadersOnEveryRouteAnd429WithRetryAfter() throws Exception {
    warmUp();
    mm.settings(SandboxSettings.builder().rateLimit(RateLimit.of(1, 2)).build());

    Wire.Answer hook = Wire.post(mm.hookUrl(JENKINS_HOOK), "{\"text\":\"1\"}");
    Wire.Answer plugin = Wire.get(calls() + "/version");
    Wire.Answer api = Wire.get(mm.url() + "/api/v4/users/me", ALICE_TOKEN);
    Wire.Answer limited = Wire.post(mm.hookUrl(JENKINS_HOOK), "{\"text\":\"4\"}");

    assertThat(hook.header("X-RateLimit-Limit")).isEqualTo("3");
    assertThat(hook.header("X-RateLimit-Remaining")).isEqualTo("2");
    assertThat(hook.header("X-RateLimit-Reset")).isNotNull();
    assertThat(plugin.header("X-RateLimit-Remaining")).isEqualTo("1");
    assertThat(api.header("X-RateLimit-Remaining")).isEqualTo("0");
    assertThat(limited.status).isEqualTo(429);
    assertThat(limited.body).isEqualTo("limit exceeded\n");
    assertThat(limited.header("Content-Type")).isEqualTo("text/plain; charset=utf-8");
    assertThat(Integer.parseInt(limited.header("Retry-After"))).isBetween(1, 2);
    assertThat(mm.posts(TEAM, "builds")).extracting(ReceivedPost::message).containsExactly("1");
  }

  @Test
  void rateLimitRefillsOverTime() throws Exception {
    // One per second: a token every 1 000 ms, far more than two back-to-back (warm) requests take on a loaded
    // machine; the sleep only has to be at least that long.
    warmUp();
    mm.settings(SandboxSettings.builder().rateLimit(RateLimit.of(1, 0)).build());

    assertThat(Wire.get(calls() + "/version").status).isEqualTo(200);
    assertThat(Wire.get(calls() + "/version").status).isEqualTo(429);
    Thread.sleep(1_100);
    assertThat(Wire.get(calls() + "/version").status).isEqualTo(200);
  }

  @Test
  void versionIsPublicJson() throws Exception {
    Wire.Answer answer = Wire.get(calls() + "/version");

    assertThat(answer.status).isEqualTo(200);
    assertThat(answer.json().get("version").getAsString()).isEqualTo("1.12.2");
  }

  @Test
  void unauthenticatedCallsGetPlainTextUnauthorized() throws Exception {
    Wire.Answer config = Wire.get(calls() + "/config");
    Wire.Answer badToken = Wire.get(calls() + "/config", "wrong");

    assertThat(config.status).isEqualTo(401);
    assertThat(config.body).isEqualTo("Unauthorized\n");
    assertThat(config.header("Content-Type")).isEqualTo("text/plain; charset=utf-8");
    assertThat(badToken.status).isEqualTo(401);
  }

  @Test
  void configTellsWhetherCallsAreOnByDefault() throws Exception {
    assertThat(Wire.get(calls() + "/config", ALICE_TOKEN).json().get("DefaultEnabled").getAsBoolean()).isFalse();
    mm.settings(SandboxSettings.builder().callsDefaultEnabled(true).build());
    assertThat(Wire.get(calls() + "/config", ALICE_TOKEN).json().get("DefaultEnabled").getAsBoolean()).isTrue();
  }

  @Test
  void onlySystemAdminsEnableCallsInTestMode() throws Exception {
    String channel = mm.channelId(TEAM, "war-room");

    Wire.Answer alice = Wire.post(calls() + "/" + channel, "{\"enabled\":true}", ALICE_TOKEN);
    Wire.Answer admin = Wire.post(calls() + "/" + channel, "{\"enabled\":true}", ADMIN_TOKEN);

    assertThat(alice.status).isEqualTo(403);
    assertThat(alice.header("Content-Type")).isEqualTo("text/plain; charset=utf-8");
    assertThat(alice.json().get("message").getAsString()).isEqualTo("Forbidden");
    assertThat(admin.status).isEqualTo(200);
    assertThat(admin.header("Content-Type")).isEqualTo("text/plain; charset=utf-8");
    assertThat(admin.json().get("enabled").getAsBoolean()).isTrue();
    assertThat(mm.callsEnabled(channel)).contains(true);
  }

  @Test
  void activeCallIsReported() throws Exception {
    String channel = mm.channelId(TEAM, "war-room");

    boolean before = Wire.get(calls() + "/calls/" + channel + "/active", ALICE_TOKEN).json().get("active").getAsBoolean();
    mm.startCall(channel);
    boolean during = Wire.get(calls() + "/calls/" + channel + "/active", ALICE_TOKEN).json().get("active").getAsBoolean();

    assertThat(before).isFalse();
    assertThat(during).isTrue();
    Wire.Answer outsider = Wire.get(calls() + "/calls/" + mm.channelId(TEAM, "ops-private") + "/active", ALICE_TOKEN);
    assertThat(outsider.status).isEqualTo(403);
    assertThat(outsider.body).isEqualTo("Forbidden\n");
  }

  @Test
  void missingPluginIsNotFound() throws Exception {
    mm.settings(SandboxSettings.builder().callsPluginInstalled(false).build());

    Wire.Answer answer = Wire.get(calls() + "/version");

    assertThat(answer.status).isEqualTo(404);
    assertThat(answer.body).isEqualTo("404 page not found\n");
  }
}
