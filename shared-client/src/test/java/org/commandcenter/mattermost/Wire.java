package org.commandcenter.mattermost;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;

/** Small helpers for wire-level tests. */
final class Wire {
  static final String TOKEN = "tok3nS3cretValue0000000000";
  static final String HOOK_KEY = "hookKeyS3cret0000000000000";
  static final String CHANNEL_ID = "chan0000000000000000000001";
  static final String TEAM_ID = "team0000000000000000000001";

  private Wire() {}

  static RetryPolicy fastRetries() {
    return RetryPolicy.builder().maxAttempts(4).initialBackoff(Duration.ofMillis(10))
        .maxBackoff(Duration.ofMillis(80)).jitter(0.5).deadline(Duration.ofSeconds(5)).build();
  }

  static MattermostClient.Builder rest(MockWebServer server, RecordingSleeper sleeper) {
    return MattermostClient.builder()
        .siteUrl(server.url("/").toString())
        .token(TOKEN)
        .team("dev")
        .retryPolicy(fastRetries())
        .sleeper(sleeper)
        .random(() -> 0.0);
  }

  static MattermostClient.Builder webhook(MockWebServer server, RecordingSleeper sleeper) {
    return MattermostClient.builder()
        .webhookUrl(server.url("/hooks/" + HOOK_KEY).toString())
        .retryPolicy(fastRetries())
        .sleeper(sleeper)
        .random(() -> 0.0);
  }

  static MockResponse json(int code, String body) {
    return new MockResponse.Builder().code(code)
        .setHeader("Content-Type", "application/json")
        .setHeader("X-Request-ID", "req" + code)
        .body(body).build();
  }

  static MockResponse created(String postId) {
    return json(201, "{\"id\":\"" + postId + "\",\"channel_id\":\"" + CHANNEL_ID + "\",\"root_id\":\"\","
        + "\"message\":\"m\",\"props\":{}}");
  }

  static MockResponse ok() {
    return new MockResponse.Builder().code(200).setHeader("Content-Type", "text/plain").body("ok").build();
  }

  static MockResponse appError(int code, String id, String message) {
    return json(code, "{\"id\":\"" + id + "\",\"message\":\"" + message + "\",\"detailed_error\":\"\","
        + "\"request_id\":\"bodyreq\",\"status_code\":" + code + "}");
  }

  static RecordedRequest take(MockWebServer server) throws InterruptedException {
    RecordedRequest request = server.takeRequest(5, TimeUnit.SECONDS);
    if (request == null) {
      throw new AssertionError("no request arrived");
    }
    return request;
  }

  static JsonObject body(RecordedRequest request) {
    return JsonParser.parseString(request.getBody().utf8()).getAsJsonObject();
  }

  static String postId(int n) {
    return String.format("post%022d", n);
  }
}
