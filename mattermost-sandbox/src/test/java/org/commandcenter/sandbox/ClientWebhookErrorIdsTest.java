package org.commandcenter.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.commandcenter.sandbox.MattermostSandbox.JENKINS_HOOK;
import static org.commandcenter.sandbox.MattermostSandbox.LOCKED_HOOK;
import static org.commandcenter.sandbox.MattermostSandbox.TEAM;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;
import org.commandcenter.mattermost.MattermostClient;
import org.commandcenter.mattermost.MattermostException;
import org.commandcenter.mattermost.Post;
import org.commandcenter.mattermost.RetryPolicy;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Servers since late 2024 wrap every incoming-webhook error id into
 * {@code web.incoming_webhook.general.app_error} / {@code decode.app_error} and put the hook key into
 * the message (server/channels/web/webhook.go); older ones answer the specific id. The client must
 * not depend on either: the same failures give the same outcome, and the key never leaks.
 */
class ClientWebhookErrorIdsTest extends SandboxPerTest {
  private static final String UNKNOWN_HOOK = "nosuchhook0000000000000000";




  /** Status, retryability and number of requests a failure cost; never the error id. */
  private record Outcome(int status, boolean retryable, int requests) {}

  private Map<String, Outcome> failuresWith(boolean wrapped) throws Exception {
    mm.settings(SandboxSettings.builder().wrapWebhookErrors(wrapped).build());
    Map<String, Outcome> outcomes = new LinkedHashMap<>();
    outcomes.put("unknown hook", outcome(UNKNOWN_HOOK, post -> post.text("x")));
    outcomes.put("unknown channel", outcome(JENKINS_HOOK, post -> post.text("x").channel("no-such-channel")));
    outcomes.put("unknown user", outcome(JENKINS_HOOK, post -> post.text("x").channel("@nobody")));
    outcomes.put("locked hook", outcome(LOCKED_HOOK, post -> post.text("x").channel("alerts")));
    outcomes.put("private channel", outcome(JENKINS_HOOK, post -> post.text("x").channel("ops-private")));
    mm.settings(SandboxSettings.builder().wrapWebhookErrors(wrapped).enableIncomingWebhooks(false).build());
    outcomes.put("webhooks disabled", outcome(JENKINS_HOOK, post -> post.text("x")));
    mm.settings(SandboxSettings.defaults());
    return outcomes;
  }

  private Outcome outcome(String hookId, Function<Post.Builder, Post.Builder> post) {
    // hookUrl() only knows seeded hooks; an unknown key is built by hand.
    MattermostClient client = MattermostClient.builder().webhookUrl(mm.url() + "/hooks/" + hookId)
        .retryPolicy(RetryPolicy.builder().maxAttempts(3).initialBackoff(Duration.ofMillis(10)).build())
        .build();
    int before = mm.requests().size();
    MattermostException e = catchThrowableOfType(MattermostException.class,
        () -> client.send(post.apply(Post.builder()).build()));
    assertThat(e).as(hookId).isNotNull();
    assertThat(e.getMessage()).doesNotContain(hookId);
    assertThat(String.valueOf(e.serverMessage())).doesNotContain(hookId);
    assertThat(e.toString()).doesNotContain(hookId);
    return new Outcome(e.statusCode(), e.isRetryable(), mm.requests().size() - before);
  }

  @ParameterizedTest
  @ValueSource(booleans = {true, false})
  void clientOutcomeDoesNotDependOnWebhookErrorIds(boolean wrapped) throws Exception {
    Map<String, Outcome> outcomes = failuresWith(wrapped);

    assertThat(outcomes).containsExactly(
        Map.entry("unknown hook", new Outcome(400, false, 1)),
        Map.entry("unknown channel", new Outcome(404, false, 1)),
        Map.entry("unknown user", new Outcome(400, false, 1)),
        Map.entry("locked hook", new Outcome(403, false, 1)),
        Map.entry("private channel", new Outcome(403, false, 1)),
        Map.entry("webhooks disabled", new Outcome(501, false, 1)));
    assertThat(mm.allPosts()).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(booleans = {true, false})
  void wrappedServersPutTheHookKeyInTheMessageButTheClientMasksIt(boolean developerMode) throws Exception {
    mm.settings(SandboxSettings.builder().wrapWebhookErrors(true).developerMode(developerMode).build());
    MattermostClient client = MattermostClient.builder().webhookUrl(mm.hookUrl(JENKINS_HOOK))
        .retryPolicy(RetryPolicy.noRetries(Duration.ofSeconds(5))).build();

    MattermostException e = catchThrowableOfType(MattermostException.class,
        () -> client.send(Post.builder().text("x").channel("no-such-channel").build()));

    RecordedRequest request = mm.requests().get(mm.requests().size() - 1);
    assertThat(request.status()).isEqualTo(404);
    assertThat(e.errorId()).isEqualTo("web.incoming_webhook.general.app_error");
    assertThat(e.serverMessage()).startsWith("Failed to handle the payload of media type application/json")
        .doesNotContain(JENKINS_HOOK);
    assertThat(e.getMessage()).doesNotContain(JENKINS_HOOK);
    assertThat(mm.posts(TEAM, "builds")).isEmpty();
  }
}
