package org.commandcenter.mattermost;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.RecordedRequest;

/**
 * A REST Mattermost for engine tests: creates answer 201 with the post (a fresh id), patches 200, reads of a
 * channel return what was created in it; a test scripts failures for the next requests and reads what arrived.
 */
final class ScriptedMattermost extends Dispatcher {
  /** What one request got: its method, path and JSON body (null for none). */
  record Call(String method, String path, JsonObject body) {
    String message() {
      return body.get("message").getAsString();
    }
  }

  private final List<Call> calls = new CopyOnWriteArrayList<>();
  private final List<JsonObject> stored = new CopyOnWriteArrayList<>();
  private final Deque<Function<RecordedRequest, MockResponse>> script = new ConcurrentLinkedDeque<>();
  private final AtomicInteger ids = new AtomicInteger();
  private volatile MockResponse always;

  /** The next creates (POST /api/v4/posts) get these answers, in order; other requests are answered as usual. */
  ScriptedMattermost then(MockResponse response) {
    script.addLast(request -> response);
    return this;
  }

  /** Every request gets this answer until {@link #recover()}. */
  void outage(MockResponse response) {
    always = response;
  }

  void recover() {
    always = null;
  }

  List<Call> calls() {
    return new ArrayList<>(calls);
  }

  List<Call> creates() {
    return calls.stream().filter(call -> call.method.equals("POST") && call.path.equals("/api/v4/posts")).toList();
  }

  /** Posts stored (created) in order. */
  List<JsonObject> stored() {
    return new ArrayList<>(stored);
  }

  @Override
  public MockResponse dispatch(RecordedRequest request) {
    String body = request.getBody() == null ? "" : request.getBody().utf8();
    JsonObject json = body.startsWith("{") ? JsonParser.parseString(body).getAsJsonObject() : null;
    String path = request.getUrl().encodedPath();
    calls.add(new Call(request.getMethod(), path, json));
    MockResponse outage = always;
    if (outage != null) {
      return outage;
    }
    Function<RecordedRequest, MockResponse> scripted =
        path.equals("/api/v4/posts") || path.startsWith("/hooks/") ? script.pollFirst() : null;
    if (scripted != null) {
      MockResponse response = scripted.apply(request);
      if (response != null) {
        return response;
      }
    }
    if (request.getMethod().equals("POST") && path.equals("/api/v4/posts")) {
      JsonObject post = json.deepCopy();
      post.addProperty("id", Wire.postId(ids.incrementAndGet()));
      if (!post.has("root_id")) {
        post.addProperty("root_id", "");
      }
      post.addProperty("update_at", System.currentTimeMillis());
      post.addProperty("delete_at", 0);
      stored.add(post);
      return Wire.json(201, post.toString());
    }
    if (request.getMethod().equals("PUT") && path.endsWith("/patch")) {
      String id = path.split("/")[4];
      JsonObject post = new JsonObject();
      post.addProperty("id", id);
      post.addProperty("channel_id", Wire.CHANNEL_ID);
      post.addProperty("root_id", "");
      return Wire.json(200, post.toString());
    }
    if (request.getMethod().equals("GET") && path.matches("/api/v4/channels/[a-z0-9]+/posts")) {
      String channel = path.split("/")[4];
      JsonObject list = new JsonObject();
      JsonArray order = new JsonArray();
      JsonObject posts = new JsonObject();
      for (JsonObject post : stored) {
        if (post.get("channel_id").getAsString().equals(channel)) {
          order.add(post.get("id").getAsString());
          posts.add(post.get("id").getAsString(), post);
        }
      }
      list.add("order", order);
      list.add("posts", posts);
      return Wire.json(200, list.toString());
    }
    if (request.getMethod().equals("GET") && path.startsWith("/api/v4/teams/name/")) {
      String name = path.substring(path.lastIndexOf('/') + 1);
      return Wire.json(200, "{\"id\":\"" + channelId(name) + "\",\"name\":\"" + name + "\",\"team_id\":\""
          + Wire.TEAM_ID + "\",\"type\":\"O\",\"display_name\":\"" + name + "\"}");
    }
    return Wire.json(404, "{\"id\":\"api.context.404.app_error\",\"message\":\"not found\",\"status_code\":404}");
  }

  /** The id a channel name resolves to. */
  static String channelId(String name) {
    String id = "ch" + name.replaceAll("[^a-z0-9]", "");
    return (id + "00000000000000000000000000").substring(0, 26);
  }

  /** The server's own "busy" answer: written before any handler, so nothing was stored. */
  static MockResponse busy() {
    return Wire.appError(503, "api.context.server_busy.app_error", "The server is busy");
  }
}
