package org.commandcenter.mattermost;

import com.google.gson.Gson;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import okhttp3.Headers;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.MultipartBody;
import okhttp3.Request;
import okhttp3.RequestBody;

/** The REST API v4 calls of the client, authenticated with a bot or personal access token. */
final class RestApi {
  private final HttpUrl siteUrl;
  /** Authorization (never logged, see {@link Redactor}), Accept and User-Agent: built and checked once. */
  private final Headers headers;
  /** Built once: every send posts here. */
  private final HttpUrl createPostUrl;
  private final String team;
  private final HttpExecutor executor;
  private final Payloads payloads;
  private final Gson gson;
  private final Redactor redactor;
  /** Channels by "team/name" or "@user", so each send costs one request. */
  private final Map<String, Channel> channelCache = new ConcurrentHashMap<>();
  /** The token's user id, learnt on the first direct message. */
  private volatile String selfId;

  RestApi(HttpUrl siteUrl, String token, String team, HttpExecutor executor, Payloads payloads,
      Gson gson, Redactor redactor) {
    this.siteUrl = siteUrl;
    this.headers = new Headers.Builder()
        .add("Authorization", "Bearer " + token)
        .add("Accept", "application/json")
        .add("User-Agent", MattermostClient.USER_AGENT)
        .build();
    this.team = team;
    this.executor = executor;
    this.payloads = payloads;
    this.gson = gson;
    this.redactor = redactor;
    // set_online=false: a CI notification must not show the token's owner as online
    // (server/channels/api4/post.go createPost).
    this.createPostUrl = api().addPathSegment("posts").addQueryParameter("set_online", "false").build();
  }

  /** Creates the parts as a root post and replies in its thread, after those already created. */
  PostResult send(Post post, List<String> parts, SendProgress progress, long deadline)
      throws MattermostException {
    String channelId = resolveChannelId(post.channel(), deadline);
    if (progress.threadRoot == null) {
      progress.threadRoot = post.rootId();
    }
    for (int i = progress.completedParts; i < parts.size(); i++) {
      // One pending_post_id per part, the same for every retry and redelivery of it, so the server's
      // de-duplication (server/channels/app/post.go deduplicateCreatePost) drops repeats within its 30 s; the
      // marker in the props finds the part after that (PartGuard).
      String marker = progress.marker(i);
      Request request = request(createPostUrl).post(payloads.restCreateBody(post, channelId, parts.get(i),
          progress.threadRoot, i == 0, progress.pendingPostId(i), marker)).build();
      String action = "create post in channel " + channelId
          + (parts.size() == 1 ? "" : " (part " + (i + 1) + " of " + parts.size() + ")");
      HttpAnswer answer;
      try {
        answer = executor.execute(action, request, deadline, new PartGuard(progress, i, channelId));
      } catch (MattermostException e) {
        if (e.statusCode() == 403 || e.statusCode() == 404) {
          // Deleted, archived or left: look the channel up afresh next time.
          channelCache.values().removeIf(channel -> channelId.equals(channel.id()));
        }
        throw e;
      }
      CreatedPost created = CreatedPost.read(answer.body);
      if (created.id == null) {
        throw new MattermostException(redactor.redact(action
            + " failed: unexpected answer from the server: no post id"), answer.code, null, null,
            answer.headers.get("X-Request-ID"), false, null);
      }
      progress.postIds.add(created.id);
      if (progress.threadRoot == null) {
        progress.threadRoot = created.id;
      }
      progress.completedParts = i + 1;
      progress.outcomeKnown(i);
    }
    return PostResult.of(progress.postIds.get(0), channelId, progress.threadRoot, progress.postIds);
  }

  /**
   * Makes a part's create safe to repeat. Its pending_post_id lets the server drop a repeat — if the server still
   * remembers it: only for 30 s (server/channels/app/post.go pendingPostIDsCacheTTL), only in the memory of the
   * process that stored the post (a restart forgets, another node of a cluster never knew). So every repeat after an
   * attempt whose outcome was unknown (sent, no answer) first looks for the part among the channel's posts since that
   * attempt (its marker in the props), and is only sent when the part is not there; the pending_post_id still covers
   * an attempt the server is processing while the channel is read.
   */
  private final class PartGuard implements HttpExecutor.Guard {
    private final SendProgress progress;
    private final int part;
    private final String channelId;

    PartGuard(SendProgress progress, int part, String channelId) {
      this.progress = progress;
      this.part = part;
      this.channelId = channelId;
    }

    @Override
    public HttpAnswer beforeAttempt(long deadlineNanos) throws MattermostException {
      long since = progress.unknownSince(part);
      if (since == 0) {
        return null;
      }
      JsonObject earlier = findMarked(channelId, since - CLOCK_SKEW_MILLIS, progress.marker(part), deadlineNanos);
      if (earlier == null) {
        progress.outcomeKnown(part);
        return null;
      }
      return new HttpAnswer(201, earlier.toString(), okhttp3.Headers.of());
    }

    @Override
    public long millis() {
      return progress.clock.millis();
    }

    @Override
    public void outcomeUnknown(long startedMillis) {
      progress.outcomeUnknown(part, startedMillis);
    }

  }

  /** Read back from this long before the first attempt: the server stamps posts with its own clock. */
  static final long CLOCK_SKEW_MILLIS = 5 * 60_000;
  /** GetPostsSince answers at most 1000 changed posts (server/channels/store/sqlstore/post_store.go). */
  static final int POSTS_SINCE_LIMIT = 1000;
  /** More pages than this (50,000 posts in the window) and the channel is not read to the end. */
  private static final int MAX_PAGES = 50;

  /** The post of this channel whose marker prop is {@code marker}, changed after {@code since}, or null. */
  JsonObject findMarked(String channelId, long since, String marker, long deadline) throws MattermostException {
    JsonObject[] found = new JsonObject[1];
    postsSince(channelId, since, deadline, post -> {
      if (found[0] == null && marker.equals(markerOf(post))) {
        found[0] = post;
      }
    });
    return found[0];
  }

  /** The marker prop of a post as the server returned it, or null. */
  static String markerOf(JsonObject post) {
    JsonElement props = post.get("props");
    if (props == null || !props.isJsonObject()) {
      return null;
    }
    JsonElement marker = props.getAsJsonObject().get(SendProgress.MARKER_PROP);
    return marker != null && marker.isJsonPrimitive() ? marker.getAsString() : null;
  }

  /**
   * {@code GET /api/v4/channels/{channel_id}/posts?since=…} to the end: every post changed after {@code since}
   * (deleted ones too) and the roots the server adds for context, each handed to {@code visitor}. The server
   * answers at most 1000 changed posts at a time, so pages follow from the newest {@code update_at} seen, less a
   * millisecond for posts that share it (server/channels/api4/post.go getPostsForChannel, App.GetPostsSince).
   */
  void postsSince(String channelId, long since, long deadline, java.util.function.Consumer<JsonObject> visitor)
      throws MattermostException {
    long from = Math.max(0, since);
    for (int page = 0; page < MAX_PAGES; page++) {
      Request request = request(api().addPathSegment("channels").addPathSegment(channelId)
          .addPathSegment("posts").addQueryParameter("since", Long.toString(from)))
          .get().build();
      String action = "read back channel " + channelId;
      JsonObject list = parse(action, executor.executeOnce(action, request, deadline), JsonObject.class);
      JsonElement order = list.get("order");
      JsonElement posts = list.get("posts");
      long newest = from;
      int changed = order != null && order.isJsonArray() ? order.getAsJsonArray().size() : 0;
      if (posts != null && posts.isJsonObject()) {
        for (Map.Entry<String, JsonElement> entry : posts.getAsJsonObject().entrySet()) {
          if (!entry.getValue().isJsonObject()) {
            continue;
          }
          JsonObject post = entry.getValue().getAsJsonObject();
          visitor.accept(post);
          JsonElement updateAt = post.get("update_at");
          if (updateAt != null && updateAt.isJsonPrimitive()) {
            newest = Math.max(newest, updateAt.getAsLong());
          }
        }
      }
      if (changed < POSTS_SINCE_LIMIT) {
        return;
      }
      // A full page: go on after the newest change seen; one millisecond back so that posts sharing it are not
      // skipped. If that is no progress, a thousand posts share one millisecond and the rest cannot be reached.
      long next = newest - 1;
      if (next <= from) {
        java.util.logging.Logger.getLogger(MattermostClient.class.getName()).warning(
            "Reading back channel " + channelId + ": more than " + POSTS_SINCE_LIMIT
                + " posts share one millisecond; the rest of them is not checked");
        return;
      }
      from = next;
    }
    java.util.logging.Logger.getLogger(MattermostClient.class.getName()).warning("Reading back channel "
        + channelId + ": stopped after " + MAX_PAGES * POSTS_SINCE_LIMIT + " posts");
  }

  /** {@code PUT /api/v4/posts/{id}/patch}; the server replaces props wholesale. */
  PostResult patch(String postId, Post post) throws MattermostException {
    return patch(postId, payloads.restPatch(post));
  }

  PostResult patch(String postId, JsonObject patch) throws MattermostException {
    Request request = request(api().addPathSegment("posts").addPathSegment(postId).addPathSegment("patch"))
        .put(payloads.body(patch))
        .build();
    String action = "update post " + postId;
    JsonObject updated = parse(action, executor.execute(action, request), JsonObject.class);
    String id = string(updated, "id");
    String rootId = string(updated, "root_id");
    return PostResult.of(id, string(updated, "channel_id"),
        rootId == null || rootId.isEmpty() ? null : rootId, List.of(id));
  }

  String uploadFile(String channelId, String fileName, FileContent content) throws MattermostException {
    // channel_id must precede the file part: the server streams multipart bodies
    // (server/channels/api4/file.go uploadFileMultipart). The part streams from the content, reopened on a retry.
    RequestBody body = new MultipartBody.Builder()
        .setType(MultipartBody.FORM)
        .addFormDataPart("channel_id", channelId)
        .addFormDataPart("files", fileName, new StreamedFile(content))
        .build();
    Request request = request(api().addPathSegment("files")).post(body).build();
    String action = "upload file to channel " + channelId;
    JsonObject answer = parse(action, executor.execute(action, request), JsonObject.class);
    JsonElement infos = answer.get("file_infos");
    if (infos == null || !infos.isJsonArray() || infos.getAsJsonArray().size() == 0) {
      throw new MattermostException(action + " failed: the answer has no file_infos");
    }
    return string(infos.getAsJsonArray().get(0).getAsJsonObject(), "id");
  }

  Channel namedChannel(String team, String channelName, long deadline) throws MattermostException {
    String key = team.toLowerCase(Locale.ROOT) + "/" + channelName.toLowerCase(Locale.ROOT);
    Channel cached = channelCache.get(key);
    if (cached != null) {
      return cached;
    }
    Request request = request(api().addPathSegment("teams").addPathSegment("name").addPathSegment(team)
        .addPathSegment("channels").addPathSegment("name").addPathSegment(channelName))
        .get().build();
    String action = "look up channel " + team + "/" + channelName;
    Channel channel = parse(action, executor.execute(action, request, deadline), Channel.class);
    channelCache.put(key, channel);
    return channel;
  }

  /** {@code POST /api/v4/channels/direct} with both user ids; the server returns the existing DM too. */
  Channel directChannel(String username, long deadline) throws MattermostException {
    String key = "@" + username.toLowerCase(Locale.ROOT);
    Channel cached = channelCache.get(key);
    if (cached != null) {
      return cached;
    }
    Request lookup = request(api().addPathSegment("users").addPathSegment("username").addPathSegment(username))
        .get().build();
    String lookupAction = "look up user @" + username;
    User other = parse(lookupAction, executor.execute(lookupAction, lookup, deadline), User.class);
    JsonArray members = new JsonArray();
    members.add(selfId(deadline));
    members.add(other.id());
    Request create = request(api().addPathSegment("channels").addPathSegment("direct"))
        .post(payloads.body(members))
        .build();
    String action = "open direct message with @" + username;
    Channel channel = parse(action, executor.execute(action, create, deadline), Channel.class);
    channelCache.put(key, channel);
    return channel;
  }

  Optional<User> userByEmail(String email) throws MattermostException {
    Request request = request(api().addPathSegment("users").addPathSegment("email").addPathSegment(email))
        .get().build();
    String action = "look up user by e-mail";
    try {
      return Optional.of(parse(action, executor.execute(action, request), User.class));
    } catch (MattermostException e) {
      if (e.statusCode() == 404) {
        return Optional.empty();
      }
      throw e;
    }
  }

  /** {@code GET /api/v4/posts/{id}}. */
  StoredPost post(String postId) throws MattermostException {
    Request request = request(api().addPathSegment("posts").addPathSegment(postId)).get().build();
    String action = "read post " + postId;
    return StoredPost.fromJson(parse(action, executor.execute(action, request), JsonObject.class));
  }

  /** {@code GET /api/v4/users/{id}} (server/channels/api4/user.go getUser). */
  User user(String userId) throws MattermostException {
    Request request = request(api().addPathSegment("users").addPathSegment(userId)).get().build();
    String action = "look up user " + userId;
    return parse(action, executor.execute(action, request), User.class);
  }

  User me(long deadline) throws MattermostException {
    Request request = request(api().addPathSegment("users").addPathSegment("me")).get().build();
    return parse("read current user", executor.execute("read current user", request, deadline), User.class);
  }

  HttpAnswer execute(String action, Request request) throws MattermostException {
    return executor.execute(action, request);
  }

  Request.Builder request(HttpUrl.Builder url) {
    return request(url.build());
  }

  private Request.Builder request(HttpUrl url) {
    return new Request.Builder().url(url).headers(headers);
  }

  HttpUrl.Builder site() {
    return siteUrl.newBuilder();
  }

  /** A JSON request body, written as every other body of this client is. */
  RequestBody jsonBody(JsonElement json) {
    return payloads.body(json);
  }

  <T> T parse(String action, HttpAnswer answer, Class<T> type) throws MattermostException {
    try {
      T value = gson.fromJson(answer.body, type);
      if (value == null) {
        throw new JsonParseException("empty body");
      }
      return value;
    } catch (JsonParseException e) {
      throw new MattermostException(redactor.redact(action + " failed: unexpected answer from the server: "
          + e.getMessage()), answer.code, null, null, answer.headers.get("X-Request-ID"), false, null);
    }
  }

  String resolveChannelId(String channel, long deadline) throws MattermostException {
    if (channel == null) {
      throw Checks.invalid("channel", "required over the REST API (a channel name or id)");
    }
    if (Checks.isId(channel)) {
      return channel;
    }
    if (channel.startsWith("@")) {
      return directChannel(channel.substring(1), deadline).id();
    }
    if (team == null) {
      throw Checks.invalid("team", "required to resolve channel names over the REST API");
    }
    boolean prefixed = channel.startsWith("~") || channel.startsWith("#");
    return namedChannel(team, prefixed ? channel.substring(1) : channel, deadline).id();
  }

  private String selfId(long deadline) throws MattermostException {
    String self = selfId;
    if (self == null) {
      self = me(deadline).id();
      selfId = self;
    }
    return self;
  }

  private HttpUrl.Builder api() {
    return siteUrl.newBuilder().addPathSegment("api").addPathSegment("v4");
  }

  /** A string member of a JSON answer, or null. */
  static String string(JsonObject json, String name) {
    JsonElement element = json.get(name);
    return element == null || element.isJsonNull() ? null : element.getAsString();
  }

  /** A request body read from {@link FileContent} as it is written; never held in memory. */
  private static final class StreamedFile extends RequestBody {
    private static final MediaType OCTET_STREAM = MediaType.get("application/octet-stream");
    private final FileContent content;

    StreamedFile(FileContent content) {
      this.content = content;
    }

    @Override
    public MediaType contentType() {
      return OCTET_STREAM;
    }

    @Override
    public long contentLength() {
      return content.size();
    }

    @Override
    public void writeTo(okio.BufferedSink sink) throws java.io.IOException {
      try (okio.Source source = okio.Okio.source(content.open())) {
        long written = sink.writeAll(source);
        if (written != content.size()) {
          throw new java.io.IOException("the file changed while it was sent: " + written + " bytes instead of "
              + content.size());
        }
      }
    }
  }
}
