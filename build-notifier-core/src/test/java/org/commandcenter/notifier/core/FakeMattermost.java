package org.commandcenter.notifier.core;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.Closeable;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;

/**
 * A small Mattermost stand-in on MockWebServer: the REST calls the notifier makes (create, patch, channel and user
 * lookup, file upload) and an incoming webhook, with status codes and bodies as Mattermost answers them. Records
 * every request so tests assert what went over the wire.
 */
final class FakeMattermost implements Closeable {
  static final String TOKEN = "s3cr3ttokenvalue0123456789";
  static final String HOOK_KEY = "hookkey0123456789abcdefghi";
  static final String TEAM = "dev";

  private final MockWebServer server = new MockWebServer();
  private final List<Call> calls = new CopyOnWriteArrayList<>();
  private final Map<String, String> channels = new ConcurrentHashMap<>();
  private final Map<String, String> usersByEmail = new ConcurrentHashMap<>();
  private final Map<String, JsonObject> posts = new ConcurrentHashMap<>();
  private final AtomicInteger ids = new AtomicInteger();
  private volatile int outageStatus;
  private volatile long delayMillis;
  private volatile boolean priorityDisabled;
  private volatile boolean unlicensed;

  static final class Call {
    final String method;
    final String path;
    final String body;

    Call(String method, String path, String body) {
      this.method = method;
      this.path = path;
      this.body = body;
    }

    JsonObject json() {
      return JsonParser.parseString(body).getAsJsonObject();
    }

    @Override
    public String toString() {
      return method + " " + path;
    }
  }

  FakeMattermost() throws IOException {
    server.setDispatcher(new Dispatcher() {
      @Override
      public MockResponse dispatch(RecordedRequest request) throws InterruptedException {
        return answer(request);
      }
    });
    server.start(0);
    channel("builds");
    channel("alerts");
  }

  String siteUrl() {
    String url = server.url("/").toString();
    return url.substring(0, url.length() - 1);
  }

  String webhookUrl() {
    return siteUrl() + "/hooks/" + HOOK_KEY;
  }

  String channel(String name) {
    return channels.computeIfAbsent(name, n -> newId());
  }

  void user(String email, String username) {
    usersByEmail.put(email, username);
  }

  /** Every request is answered with this status (0 = normal service). */
  void outage(int status) {
    this.outageStatus = status;
  }

  /** ServiceSettings.PostPriority off. */
  void priorityDisabled() {
    this.priorityDisabled = true;
  }

  /** No Professional licence: acknowledgements and persistent notifications are refused. */
  void unlicensed() {
    this.unlicensed = true;
  }

  void delay(long millis) {
    this.delayMillis = millis;
  }

  List<Call> calls() {
    return new ArrayList<>(calls);
  }

  List<Call> calls(String method, String pathPrefix) {
    List<Call> result = new ArrayList<>();
    for (Call call : calls) {
      if (call.method.equals(method) && call.path.startsWith(pathPrefix)) {
        result.add(call);
      }
    }
    return result;
  }

  List<JsonObject> createdPosts() {
    List<JsonObject> result = new ArrayList<>();
    for (Call call : calls("POST", "/api/v4/posts")) {
      result.add(call.json());
    }
    return result;
  }

  JsonObject post(String id) {
    return posts.get(id);
  }

  private MockResponse answer(RecordedRequest request) throws InterruptedException {
    String path = request.getUrl().encodedPath();
    String body = request.getBody() == null ? "" : request.getBody().utf8();
    calls.add(new Call(request.getMethod(), path, body));
    if (delayMillis > 0) {
      Thread.sleep(delayMillis);
    }
    if (outageStatus != 0) {
      return error(outageStatus, "api.context.server_error", "Service unavailable");
    }
    if (path.startsWith("/hooks/")) {
      return path.equals("/hooks/" + HOOK_KEY)
          ? new MockResponse.Builder().code(200).setHeader("Content-Type", "text/plain").body("ok").build()
          : error(400, "web.incoming_webhook.invalid.app_error", "Invalid webhook");
    }
    if (!("Bearer " + TOKEN).equals(request.getHeaders().get("Authorization"))) {
      return error(401, "api.context.session_expired.app_error", "Invalid or expired session, please login again.");
    }
    if (request.getMethod().equals("POST") && path.equals("/api/v4/posts")) {
      JsonObject post = JsonParser.parseString(body).getAsJsonObject();
      if (post.has("metadata") && post.getAsJsonObject("metadata").has("priority")) {
        JsonObject priority = post.getAsJsonObject("metadata").getAsJsonObject("priority");
        if (priorityDisabled) {
          return error(403, "api.post.post_priority.priority_post_not_allowed_for_user.request_error",
              "Sending priority posts is not allowed.");
        }
        boolean extras = (priority.has("requested_ack") && priority.get("requested_ack").getAsBoolean())
            || (priority.has("persistent_notifications") && priority.get("persistent_notifications").getAsBoolean());
        if (unlicensed && extras) {
          return error(501, "license_error.feature_unavailable", "Feature is not available for the current License");
        }
      }
      if (!channels.containsValue(post.get("channel_id").getAsString())) {
        return error(403, "api.context.permissions.app_error", "You do not have the appropriate permissions.");
      }
      String id = newId();
      JsonObject created = post.deepCopy();
      created.addProperty("id", id);
      if (!created.has("root_id")) {
        created.addProperty("root_id", "");
      }
      posts.put(id, created);
      return json(201, created.toString());
    }
    if (request.getMethod().equals("GET") && path.matches("/api/v4/posts/[a-z0-9]{26}")) {
      JsonObject existing = posts.get(path.substring("/api/v4/posts/".length()));
      // api4/post.go getPost: a post that does not exist (or was deleted) is a 404.
      return existing == null
          ? error(404, "app.post.get.app_error", "Unable to get the post.")
          : json(200, existing.toString());
    }
    if (request.getMethod().equals("PUT") && path.startsWith("/api/v4/posts/") && path.endsWith("/patch")) {
      String id = path.substring("/api/v4/posts/".length(), path.length() - "/patch".length());
      JsonObject existing = posts.get(id);
      if (existing == null) {
        return error(404, "app.post.get.app_error", "Unable to get the post.");
      }
      JsonObject patch = JsonParser.parseString(body).getAsJsonObject();
      for (String key : patch.keySet()) {
        existing.add(key, patch.get(key));
      }
      return json(200, existing.toString());
    }
    if (request.getMethod().equals("GET") && path.startsWith("/api/v4/teams/name/" + TEAM + "/channels/name/")) {
      String name = path.substring(("/api/v4/teams/name/" + TEAM + "/channels/name/").length());
      String id = channels.get(name);
      if (id == null) {
        return error(404, "app.channel.get_by_name.missing.app_error", "Channel does not exist.");
      }
      JsonObject channel = new JsonObject();
      channel.addProperty("id", id);
      channel.addProperty("name", name);
      channel.addProperty("display_name", name);
      channel.addProperty("team_id", "teamid0123456789abcdefghij");
      channel.addProperty("type", "O");
      return json(200, channel.toString());
    }
    if (request.getMethod().equals("GET") && path.startsWith("/api/v4/users/email/")) {
      String email = request.getUrl().pathSegments().get(4);
      String username = usersByEmail.get(email);
      if (username == null) {
        return error(404, "app.user.missing_account.const", "Unable to find the user.");
      }
      JsonObject user = new JsonObject();
      user.addProperty("id", newId());
      user.addProperty("username", username);
      user.addProperty("email", email);
      user.addProperty("is_bot", false);
      user.addProperty("roles", "system_user");
      return json(200, user.toString());
    }
    if (request.getMethod().equals("POST") && path.equals("/api/v4/files")) {
      JsonObject info = new JsonObject();
      info.addProperty("id", newId());
      JsonArray infos = new JsonArray();
      infos.add(info);
      JsonObject answer = new JsonObject();
      answer.add("file_infos", infos);
      answer.add("client_ids", new JsonArray());
      return json(201, answer.toString());
    }
    return error(404, "api.context.404.app_error", "Sorry, we could not find the page.");
  }

  private String newId() {
    String n = Integer.toString(ids.incrementAndGet(), 36);
    return "p" + "0".repeat(25 - n.length()) + n;
  }

  private static MockResponse json(int code, String body) {
    return new MockResponse.Builder().code(code).setHeader("Content-Type", "application/json").body(body).build();
  }

  private static MockResponse error(int code, String id, String message) {
    JsonObject error = new JsonObject();
    error.addProperty("id", id);
    error.addProperty("message", message);
    error.addProperty("detailed_error", "");
    error.addProperty("request_id", "req0123456789abcdefghijklm");
    error.addProperty("status_code", code);
    return json(code, error.toString());
  }

  @Override
  public void close() throws IOException {
    server.close();
  }
}
