package org.commandcenter.sandbox.internal;

import static java.util.Objects.requireNonNull;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.commandcenter.sandbox.SandboxSettings;

/** Posts and files of REST API v4: server/channels/api4/post.go and api4/file.go. */
final class PostsApi {
  private final Store store;
  private final PostsService posts;
  private final Supplier<SandboxSettings> settings;

  PostsApi(Store store, PostsService posts, Supplier<SandboxSettings> settings) {
    this.store = requireNonNull(store, "store == null");
    this.posts = requireNonNull(posts, "posts == null");
    this.settings = requireNonNull(settings, "settings == null");
  }

  /** web/handlers.go handleContextError: a body cut by MaxBytesReader is 413 api.context.request_body_too_large.app_error. */
  static AppError tooLarge(String where) {
    return AppError.of(where, "api.context.request_body_too_large.app_error", Map.of(),
        "Use the setting `MaximumPayloadSizeBytes` in Mattermost config to configure allowed payload limit.", 413);
  }

  private static AppError invalidBody(String name, String cause) {
    return AppError.of("Context", "api.context.invalid_body_param.app_error", Map.of("Name", name), "", 400).wrap(cause);
  }

  private static AppError permissionError(Store.User user, String permission) {
    return AppError.of("Permissions", "api.context.permissions.app_error", Map.of(),
        "userId=" + user.id + ", permission=" + permission, 403);
  }

  /** api4/post.go createPost → App.CreatePostAsUser → App.CreatePost; 201 with the post. */
  HttpResponse createPost(HttpRequest request, Store.User user) throws AppError {
    if (request.bodyTooLarge()) throw tooLarge("Api4.createPost");
    Store.Post draft = new Store.Post();
    JsonObject body;
    try {
      JsonElement root = Json.parseFirstValue(request.body());
      body = root.isJsonNull() ? new JsonObject() : root.getAsJsonObject();
      draft.channelId = Json.string(body, "channel_id");
      draft.message = Json.string(body, "message");
      draft.rootId = Json.string(body, "root_id");
      draft.type = Json.string(body, "type");
      draft.pendingPostId = Json.string(body, "pending_post_id");
      JsonElement props = Json.field(body, "props");
      if (props != null && !props.isJsonNull()) draft.props = props.getAsJsonObject().deepCopy();
      draft.fileIds = stringList(Json.field(body, "file_ids"));
      JsonElement metadata = Json.field(body, "metadata");
      if (metadata != null && metadata.isJsonObject()) {
        JsonElement priority = metadata.getAsJsonObject().get("priority");
        if (priority != null && priority.isJsonObject()) draft.priority = priority.getAsJsonObject().deepCopy();
      }
    } catch (IOException | RuntimeException e) {
      throw invalidBody("post", e.getMessage());
    }
    draft.userId = user.id;
    // createPostChecks: create_post (and upload_file with file_ids) on the channel; an unknown channel is 403 too.
    if (!store.canPost(user.id, draft.channelId)) throw permissionError(user, "create_post");
    if (!draft.fileIds.isEmpty() && !store.canPost(user.id, draft.channelId)) throw permissionError(user, "upload_file");
    if (draft.priority != null) checkPriority(draft, settings.get().professionalLicense());
    if (draft.type.startsWith("system_")) {
      throw AppError.of("CreatePostAsUser", "api.context.invalid_param.app_error", Map.of("Name", "post.type"), "", 400);
    }
    PostsService.Created created = posts.create(draft);
    return HttpResponse.json(201, toJson(created.post));
  }

  /**
   * app.PostPriorityCheck (server/channels/app/post_permission_utils.go postPriorityCheck): priority only on root
   * posts; an acknowledgement or persistent notifications need a Professional licence (501, id NoTranslation, from
   * model.MinimumProfessionalProvidedLicense); persistent notifications only when urgent.
   */
  private static void checkPriority(Store.Post draft, boolean licensed) throws AppError {
    if (!draft.rootId.isEmpty()) {
      throw AppError.of("Api4.createPost",
          "api.post.post_priority.priority_post_only_allowed_for_root_post.request_error", 400);
    }
    for (String licensedFlag : new String[] {"requested_ack", "persistent_notifications"}) {
      JsonElement flag = draft.priority.get(licensedFlag);
      if (!licensed && flag != null && !flag.isJsonNull() && flag.getAsBoolean()) {
        throw AppError.of("Api4.createPost", "NoTranslation", Map.of(),
            "license is neither professional nor enterprise", 501);
      }
    }
    JsonElement level = draft.priority.get("priority");
    String value = level == null || level.isJsonNull() ? "" : level.getAsString();
    // The level itself is not validated by the server: only persistent notifications insist on "urgent".
    JsonElement persistent = draft.priority.get("persistent_notifications");
    if (persistent != null && !persistent.isJsonNull() && persistent.getAsBoolean() && !value.equals("urgent")) {
      throw AppError.of("Api4.createPost",
          "api.post.post_priority.urgent_persistent_notification_post.request_error", 400);
    }
  }

  /** api4/post.go getPost: 403 when the channel cannot be read, 404 when the post does not exist. */
  HttpResponse getPost(String postId, Store.User user) throws AppError {
    Store.Post post = store.post(postId).orElseThrow(() -> AppError.of("GetSinglePost", "app.post.get.app_error", 404));
    if (!store.canRead(user.id, post.channelId)) throw permissionError(user, "read_channel_content");
    return HttpResponse.json(200, toJson(post));
  }

  /**
   * api4/post.go getPostsForChannel with {@code since}: App.GetPostsSince → SqlPostStore.GetPostsSince
   * (server/channels/store/sqlstore/post_store.go): at most 1000 posts of the channel whose UpdateAt is after
   * {@code since} (no DeleteAt filter: deleted and edited posts come back), plus the roots of the replies among them
   * (in {@code posts} only, not in {@code order}), ordered by CreateAt, newest first. The store's CTE has no ORDER BY
   * before its LIMIT; the sandbox takes the earliest changes, the heap order of posts never edited since.
   * Without {@code since}, GetPostsPage: the page of non-deleted posts, newest first ({@code page}, {@code per_page}).
   */
  HttpResponse postsForChannel(HttpRequest request, String channelId, Store.User user) throws AppError {
    if (!Ids.isValid(channelId)) {
      throw AppError.of("Context", "api.context.invalid_url_param.app_error", Map.of("Name", "channel_id"), "", 400);
    }
    for (String cursor : new String[] {"after", "before"}) {
      String value = request.query(cursor);
      if (value != null && !value.isEmpty() && !Ids.isValid(value)) {
        throw AppError.of("Context", "api.context.invalid_param.app_error", Map.of("Name", cursor), "", 400);
      }
    }
    long since = 0;
    String sinceText = request.query("since");
    if (sinceText != null && !sinceText.isEmpty()) {
      try {
        since = Long.parseLong(sinceText);
      } catch (NumberFormatException e) {
        throw AppError.of("Context", "api.context.invalid_param.app_error", Map.of("Name", "since"), "", 400)
            .wrap("strconv.ParseInt: parsing \"" + sinceText + "\": invalid syntax");
      }
    }
    if (store.channel(channelId).isEmpty()) {
      throw AppError.of("GetChannel", "app.channel.get.existing.app_error", Map.of(), "", 404);
    }
    if (!store.canRead(user.id, channelId)) throw permissionError(user, "read_channel_content");
    List<Store.Post> channelPosts = new ArrayList<>();
    for (Store.Post post : store.posts()) {
      if (post.channelId.equals(channelId)) channelPosts.add(post);
    }
    List<Store.Post> listed = new ArrayList<>();
    if (since > 0) {
      long after = since;
      channelPosts.stream().filter(post -> post.updateAt > after)
          .sorted(java.util.Comparator.comparingLong((Store.Post post) -> post.updateAt))
          .limit(POSTS_SINCE_LIMIT).forEach(listed::add);
    } else {
      int perPage = intQuery(request, "per_page", 60, 200);
      int page = intQuery(request, "page", 0, Integer.MAX_VALUE);
      List<Store.Post> live = new ArrayList<>();
      for (Store.Post post : channelPosts) {
        if (post.deleteAt == 0) live.add(post);
      }
      live.sort(java.util.Comparator.comparingLong((Store.Post post) -> post.createAt).reversed());
      live.stream().skip((long) page * perPage).limit(perPage).forEach(listed::add);
    }
    listed.sort(java.util.Comparator.comparingLong((Store.Post post) -> post.createAt).reversed());
    JsonArray order = new JsonArray();
    JsonObject byId = new JsonObject();
    for (Store.Post post : listed) {
      order.add(post.id);
      byId.add(post.id, toJson(post));
    }
    for (Store.Post post : listed) {
      if (!post.rootId.isEmpty() && !byId.has(post.rootId)) {
        store.post(post.rootId).ifPresent(root -> byId.add(root.id, toJson(root)));
      }
    }
    JsonObject list = new JsonObject();
    list.add("order", order);
    list.add("posts", byId);
    list.addProperty("next_post_id", "");
    list.addProperty("prev_post_id", "");
    list.addProperty("has_next", false);
    list.addProperty("first_inaccessible_post_time", 0);
    return HttpResponse.json(200, list);
  }

  /** GetPostsSince's LIMIT (server/channels/store/sqlstore/post_store.go). */
  static final int POSTS_SINCE_LIMIT = 1000;

  /** web/params.go: page and per_page (default 60, at most 200). */
  private static int intQuery(HttpRequest request, String name, int otherwise, int max) throws AppError {
    String value = request.query(name);
    if (value == null || value.isEmpty()) return otherwise;
    try {
      int parsed = Integer.parseInt(value);
      if (parsed < 0) throw new NumberFormatException();
      return Math.min(parsed, max);
    } catch (NumberFormatException e) {
      throw AppError.of("Context", "api.context.invalid_url_param.app_error", Map.of("Name", name), "", 400);
    }
  }

  /** api4/post.go patchPost: an unknown post or someone else's post is 403; the message may not exceed MaxPostSize. */
  HttpResponse patchPost(HttpRequest request, String postId, Store.User user) throws AppError {
    if (request.bodyTooLarge()) throw tooLarge("Api4.patchPost");
    JsonObject patch;
    try {
      JsonElement root = Json.parseFirstValue(request.body());
      patch = root.isJsonNull() ? new JsonObject() : root.getAsJsonObject();
      JsonObject checked = new JsonObject();
      JsonElement message = Json.field(patch, "message");
      if (message != null && !message.isJsonNull()) checked.addProperty("message", Json.string(patch, "message"));
      JsonElement props = Json.field(patch, "props");
      if (props != null && !props.isJsonNull()) checked.add("props", props.getAsJsonObject());
      JsonElement fileIds = Json.field(patch, "file_ids");
      if (fileIds != null && !fileIds.isJsonNull()) {
        JsonArray ids = new JsonArray();
        stringList(fileIds).forEach(ids::add);
        checked.add("file_ids", ids);
      }
      JsonElement isPinned = Json.field(patch, "is_pinned");
      if (isPinned != null && !isPinned.isJsonNull()) checked.addProperty("is_pinned", isPinned.getAsJsonPrimitive().getAsBoolean());
      patch = checked;
    } catch (IOException | RuntimeException e) {
      throw invalidBody("patch", e.getMessage());
    }
    Store.Post original = store.post(postId).orElse(null);
    if (original == null) throw permissionError(user, "edit_post");
    boolean own = original.userId.equals(user.id);
    if (!(own ? store.canPost(user.id, original.channelId) : user.systemAdmin)) {
      throw permissionError(user, own ? "edit_post" : "edit_others_posts");
    }
    if (patch.has("message")) {
      String message = patch.get("message").getAsString();
      int length = message.codePointCount(0, message.length());
      if (length > settings.get().maxPostSize()) {
        String id = settings.get().legacyMessageLengthErrorId() ? "model.post.is_valid.msg.app_error"
            : "model.post.is_valid.message_length.app_error";
        throw AppError.of("patchPost", id, Map.of("Length", length, "MaxLength", settings.get().maxPostSize()), "", 400);
      }
    }
    Store.Post patched = posts.patch(postId, patch, user.id);
    return HttpResponse.json(200, toJson(patched));
  }

  /** api4/file.go uploadFileStream: multipart {@code channel_id} + {@code files}, or a raw body with ?channel_id&filename. */
  HttpResponse uploadFile(HttpRequest request, Store.User user) throws AppError {
    if (request.bodyTooLarge()) {
      throw AppError.of("uploadFileStream", "api.context.request_body_too_large.app_error", Map.of(),
          "Use the setting `MaxFileSize` in Mattermost config to configure allowed file size.", 413);
    }
    String channelId = request.query("channel_id");
    List<Multipart.Part> files = new ArrayList<>();
    List<String> clientIds = new ArrayList<>();
    if (request.mediaType().equals("multipart/form-data")) {
      try {
        for (Multipart.Part part : Multipart.parse(request.body(), request.header("Content-Type"))) {
          if (part.filename() != null && part.name().equals("files")) files.add(part);
          else if (part.name().equals("channel_id")) channelId = new String(part.data(), java.nio.charset.StandardCharsets.UTF_8);
          else if (part.name().equals("client_ids")) clientIds.add(new String(part.data(), java.nio.charset.StandardCharsets.UTF_8));
        }
      } catch (IOException e) {
        throw AppError.of("uploadFileMultipart", "api.file.upload_file.incorrect_number_of_files.app_error", Map.of(),
            e.getMessage(), 400);
      }
    } else {
      String filename = request.query("filename");
      if (filename == null || filename.isEmpty()) {
        throw AppError.of("Context", "api.context.invalid_url_param.app_error", Map.of("Name", "filename"), "", 400);
      }
      files.add(new Multipart.Part("files", filename, request.header("Content-Type"), request.body()));
    }
    if (channelId == null || !Ids.isValid(channelId)) {
      throw AppError.of("Context", "api.context.invalid_url_param.app_error", Map.of("Name", "channel_id"), "", 400);
    }
    if (!store.canPost(user.id, channelId)) throw permissionError(user, "upload_file");
    if (files.isEmpty()) {
      throw AppError.of("uploadFileMultipart", "api.file.upload_file.incorrect_number_of_files.app_error", 400);
    }
    JsonArray infos = new JsonArray();
    for (Multipart.Part part : files) {
      String type = part.contentType() == null ? "application/octet-stream" : part.contentType();
      Store.FileInfo info = new Store.FileInfo(Ids.newId(), user.id, channelId, part.filename(), type, part.data(),
          store.nowMillis());
      store.saveFile(info);
      infos.add(info.toJson());
    }
    JsonObject result = new JsonObject();
    result.add("file_infos", infos);
    JsonArray ids = new JsonArray();
    clientIds.forEach(ids::add);
    result.add("client_ids", ids);
    return HttpResponse.json(201, result);
  }

  /**
   * A post as every API answer shows it: Post.ToJSON runs StripActionIntegrations (server/public/model/post.go), so
   * no client ever sees an action's URL or context.
   */
  private JsonObject toJson(Store.Post post) {
    JsonObject json = post.toJson(post.rootId.isEmpty() ? store.replyCount(post.id) : 0, store.filesOf(post.fileIds));
    JsonElement attachments = json.getAsJsonObject("props").get("attachments");
    if (attachments != null && attachments.isJsonArray()) {
      for (JsonElement attachment : attachments.getAsJsonArray()) {
        JsonElement actions = attachment.isJsonObject() ? attachment.getAsJsonObject().get("actions") : null;
        if (actions == null || !actions.isJsonArray()) continue;
        for (JsonElement action : actions.getAsJsonArray()) {
          if (action.isJsonObject()) action.getAsJsonObject().remove("integration");
        }
      }
    }
    return json;
  }

  private static List<String> stringList(JsonElement element) throws IOException {
    List<String> result = new ArrayList<>();
    if (element == null || element.isJsonNull()) return result;
    if (!element.isJsonArray()) throw new IOException("json: cannot unmarshal " + Json.goKind(element) + " into file_ids");
    for (JsonElement e : element.getAsJsonArray()) {
      if (!(e.isJsonPrimitive() && e.getAsJsonPrimitive().isString())) {
        throw new IOException("json: cannot unmarshal " + Json.goKind(e) + " into file_ids of type string");
      }
      result.add(e.getAsString());
    }
    return result;
  }
}
