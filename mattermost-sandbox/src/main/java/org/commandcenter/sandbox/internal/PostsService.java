package org.commandcenter.sandbox.internal;

import static java.util.Objects.requireNonNull;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import org.commandcenter.sandbox.SandboxSettings;

/** Creating and editing posts: the rules of server/channels/app/post.go and server/public/model/post.go. */
public final class PostsService {
  /** server/public/model/post.go: PostPropsMaxRunes = 800000, PostPropsMaxUserRunes = PostPropsMaxRunes - 400000. */
  static final int POST_PROPS_MAX_RUNES = 800_000;
  static final int POST_PROPS_MAX_USER_RUNES = POST_PROPS_MAX_RUNES - 400_000;
  /** server/public/model/post.go: PostFileidsMaxRunes = 300. */
  static final int POST_FILE_IDS_MAX_RUNES = 300;

  /** Post types model.Post.IsValid accepts besides the "system_" ones and the "custom_" prefix. */
  private static final Set<String> USER_POST_TYPES = Set.of("", "slack_attachment", "me", "reminder");

  private final Store store;
  private final Supplier<SandboxSettings> settings;

  public PostsService(Store store, Supplier<SandboxSettings> settings) {
    this.store = requireNonNull(store, "store == null");
    this.settings = requireNonNull(settings, "settings == null");
  }

  /** The outcome of a create: the stored post, and whether it was an earlier post returned for a repeated pending_post_id. */
  public static final class Created {
    public final Store.Post post;
    public final boolean deduplicated;

    Created(Store.Post post, boolean deduplicated) {
      this.post = post;
      this.deduplicated = deduplicated;
    }
  }

  /**
   * App.CreatePost (server/channels/app/post.go): pending_post_id de-duplication for 30 seconds from the save, a
   * failed create frees the id; root checks; model.Post.IsValid; save.
   */
  public Created create(Store.Post draft) throws AppError {
    synchronized (store) {
      String pendingPostId = draft.pendingPostId;
      long now = store.clockNanos();
      if (!pendingPostId.isEmpty()) {
        String seen = store.pendingPostId(pendingPostId, now);
        if (seen != null && seen.isEmpty()) {
          throw AppError.of("deduplicateCreatePost", "api.post.deduplicate_create_post.pending", 500);
        }
        if (seen != null) {
          Store.Post existing = store.post(seen).orElse(null);
          if (existing != null) return new Created(existing.copy(), true);
        }
        store.rememberPendingPostId(pendingPostId, "", now);
      }
      try {
        Store.Post saved = validateAndSave(draft);
        if (!pendingPostId.isEmpty()) store.rememberPendingPostId(pendingPostId, saved.id, store.clockNanos());
        return new Created(saved.copy(), false);
      } catch (AppError | RuntimeException e) {
        if (!pendingPostId.isEmpty()) store.forgetPendingPostId(pendingPostId);
        throw e;
      }
    }
  }

  private Store.Post validateAndSave(Store.Post draft) throws AppError {
    if (!draft.rootId.isEmpty()) {
      Store.Post root = store.post(draft.rootId).orElse(null);
      if (root == null || root.deleteAt != 0) {
        throw AppError.of("createPost", "api.post.create_post.root_id.app_error", 400);
      }
      if (!root.channelId.equals(draft.channelId)) {
        // 500 in App.CreatePost; CreatePostAsUser turns it into 400 for the REST API, webhooks never set root_id.
        throw AppError.of("createPost", "api.post.create_post.channel_root_id.app_error", 400);
      }
      if (!root.rootId.isEmpty()) {
        throw AppError.of("createPost", "api.post.create_post.root_id.app_error", 400);
      }
    }
    checkPersistentNotificationRecipients(draft);
    Store.User user = store.user(draft.userId).orElseThrow();
    if (user.bot) draft.props.addProperty("from_bot", "true");
    draft.fileIds = attachableFiles(draft.fileIds, draft.userId);
    checkValid(draft);
    long now = store.nowMillis();
    draft.id = Ids.newId();
    draft.createAt = now;
    draft.updateAt = now;
    store.savePost(draft);
    for (Store.FileInfo file : store.filesOf(draft.fileIds)) file.postId = draft.id;
    return draft;
  }

  /** ServiceSettings.PersistentNotificationMaxRecipients default (server/public/model/config.go). */
  static final int PERSISTENT_NOTIFICATION_MAX_RECIPIENTS = 5;

  /**
   * App.CreatePost (server/channels/app/post.go) for persistent notifications outside DMs: the post must @-mention
   * between 1 and PersistentNotificationMaxRecipients non-bot members of the channel (keywords "@username" of
   * persistentNotificationsAuxiliaryData, matched by the mention parser on the message, attachment pretext and text and
   * field values), else 500 persistent_notification_validation_error wrapping the min/max recipients error.
   */
  private void checkPersistentNotificationRecipients(Store.Post draft) throws AppError {
    JsonElement persistent = draft.priority == null ? null : draft.priority.get("persistent_notifications");
    if (persistent == null || persistent.isJsonNull() || !persistent.getAsBoolean()) return;
    Store.Channel channel = store.channel(draft.channelId).orElse(null);
    if (channel == null || channel.type.equals("D")) return;
    Map<String, String> keywords = new java.util.HashMap<>();
    for (String memberId : channel.members) {
      store.user(memberId).filter(member -> !member.bot)
          .ifPresent(member -> keywords.put("@" + member.username.toLowerCase(java.util.Locale.ROOT), member.id));
    }
    Set<String> mentioned = new java.util.HashSet<>();
    for (String text : mentionEnabledFields(draft)) {
      MentionWords.collect(withoutCode(text), keywords, mentioned);
    }
    String cause = null;
    if (mentioned.size() > PERSISTENT_NOTIFICATION_MAX_RECIPIENTS) {
      cause = "api.post.post_priority.max_recipients_persistent_notification_post.request_error";
    } else if (mentioned.isEmpty()) {
      cause = "api.post.post_priority.min_recipients_persistent_notification_post.request_error";
    }
    if (cause != null) {
      throw AppError.of("CreatePost", "api.post.post_priority.persistent_notification_validation_error.request_error",
          500).wrap("CreatePost: " + cause);
    }
  }

  /** getMentionsEnabledFields (server/channels/app/notification.go): message, attachment pretext, text, field values. */
  private static List<String> mentionEnabledFields(Store.Post post) {
    List<String> fields = new ArrayList<>();
    fields.add(post.message);
    for (JsonElement element : post.attachments()) {
      if (!element.isJsonObject()) continue;
      JsonObject attachment = element.getAsJsonObject();
      for (String name : new String[] {"pretext", "text"}) {
        JsonElement value = attachment.get(name);
        if (value != null && value.isJsonPrimitive()) fields.add(value.getAsString());
      }
      JsonElement attachmentFields = attachment.get("fields");
      if (attachmentFields != null && attachmentFields.isJsonArray()) {
        for (JsonElement field : attachmentFields.getAsJsonArray()) {
          JsonElement value = field.isJsonObject() ? field.getAsJsonObject().get("value") : null;
          if (value != null && value.isJsonPrimitive()) fields.add(value.getAsString());
        }
      }
    }
    return fields;
  }

  /** Mentions inside code are not mentions (the server reads only Markdown text nodes); fences and code spans go. */
  private static String withoutCode(String text) {
    return text.replaceAll("(?ms)^ {0,3}(`{3,}|~{3,}).*?^ {0,3}\\1[`~]*\\s*$", " ").replaceAll("`[^`\n]*`", " ");
  }

  /** model.Post.IsValid, the parts a client can get wrong. */
  void checkValid(Store.Post post) throws AppError {
    SandboxSettings s = settings.get();
    if (!post.rootId.isEmpty() && !Ids.isValid(post.rootId)) {
      throw AppError.of("Post.IsValid", "model.post.is_valid.root_id.app_error", 400);
    }
    int length = post.message.codePointCount(0, post.message.length());
    if (length > s.maxPostSize()) {
      // Older servers answered model.post.is_valid.msg.app_error; current ones message_length (server/public/model/post.go).
      String id = s.legacyMessageLengthErrorId() ? "model.post.is_valid.msg.app_error"
          : "model.post.is_valid.message_length.app_error";
      throw AppError.of("Post.IsValid", id, Map.of("Length", length, "MaxLength", s.maxPostSize()), "id=" + post.id, 400);
    }
    if (!isValidType(post.type)) {
      throw AppError.of("Post.IsValid", "model.post.is_valid.type.app_error", Map.of(), "id=" + post.id, 400);
    }
    JsonArray ids = new JsonArray();
    post.fileIds.forEach(ids::add);
    if (Json.GSON.toJson(ids).length() > POST_FILE_IDS_MAX_RUNES) {
      throw AppError.of("Post.IsValid", "model.post.is_valid.file_ids.app_error", Map.of(), "id=" + post.id, 400);
    }
    String props = Json.GSON.toJson(post.props);
    if (props.codePointCount(0, props.length()) > POST_PROPS_MAX_RUNES) {
      throw AppError.of("Post.IsValid", "model.post.is_valid.props.app_error", Map.of(), "id=" + post.id, 400);
    }
  }

  static boolean isValidType(String type) {
    return USER_POST_TYPES.contains(type) || type.startsWith("custom_") || type.startsWith("system_");
  }

  /** attachFilesToPost: only the poster's own, not yet attached files stick; others are silently dropped. */
  private List<String> attachableFiles(List<String> fileIds, String userId) {
    List<String> kept = new ArrayList<>();
    for (String id : fileIds) {
      Store.FileInfo file = store.file(id).orElse(null);
      if (file != null && file.userId.equals(userId) && file.postId.isEmpty() && !kept.contains(id)) kept.add(id);
    }
    return kept;
  }

  /** model.PostActionRetainPropKeys (server/public/model/integration_action.go). */
  static final List<String> RETAIN_PROP_KEYS = List.of("from_webhook", "override_username", "override_icon_url");

  /**
   * The {@code update} of an action response, merged as DoPostActionWithCookie merges it
   * (server/channels/app/integration_action.go) and saved with App.UpdatePost(safeUpdate=false)
   * (server/channels/app/post.go): the id is the clicked post's; no props keeps the old ones whole, otherwise the new
   * props replace them with only from_webhook, override_username and override_icon_url carried over (and dropped when
   * the old post had none); the message is replaced (an absent one empties it), files follow the update, pinning is
   * restored. Type, channel, user and root of the update are ignored.
   */
  public Store.Post updateByIntegration(String postId, JsonObject update) throws AppError {
    synchronized (store) {
      Store.Post old = store.post(postId).orElse(null);
      if (old == null) throw AppError.of("UpdatePost", "api.post.update_post.find.app_error", Map.of(), "id=" + postId, 400);
      if (old.deleteAt != 0) {
        throw AppError.of("UpdatePost", "api.post.update_post.permissions_details.app_error", Map.of("PostId", postId), "", 400);
      }
      if (old.type.startsWith("system_")) {
        throw AppError.of("UpdatePost", "api.post.update_post.system_message.app_error", Map.of(), "id=" + postId, 400);
      }
      JsonObject props;
      JsonElement newProps = update.get("props");
      if (newProps == null || newProps.isJsonNull()) {
        props = old.props.deepCopy();
      } else {
        props = newProps.getAsJsonObject().deepCopy();
        for (String key : RETAIN_PROP_KEYS) {
          if (old.props.has(key)) props.add(key, old.props.get(key).deepCopy());
          else props.remove(key);
        }
      }
      Store.Post updated = old.copy();
      JsonElement message = update.get("message");
      String newMessage = message == null || message.isJsonNull() ? "" : message.getAsString();
      if (!updated.message.equals(newMessage)) {
        updated.message = newMessage;
        updated.editAt = store.nowMillis();
      }
      updated.props = props;
      List<String> fileIds = new ArrayList<>();
      JsonElement files = update.get("file_ids");
      if (files != null && files.isJsonArray()) {
        for (JsonElement id : files.getAsJsonArray()) fileIds.add(id.getAsString());
      }
      List<String> kept = new ArrayList<>();
      for (String id : fileIds) {
        Store.FileInfo file = store.file(id).orElse(null);
        if (file != null && (file.postId.isEmpty() || file.postId.equals(postId)) && !kept.contains(id)) kept.add(id);
      }
      updated.fileIds = kept;
      if (updated.editAt == old.editAt
          && (!updated.fileIds.equals(old.fileIds) || !updated.attachments().equals(old.attachments()))) {
        updated.editAt = store.nowMillis();
      }
      checkValid(updated);
      updated.updateAt = store.nowMillis();
      store.savePost(updated);
      for (Store.FileInfo file : store.filesOf(updated.fileIds)) file.postId = updated.id;
      return updated.copy();
    }
  }

  /**
   * App.SendEphemeralPost (server/channels/app/post.go): type system_ephemeral, a fresh id and time, nothing stored by
   * the real server (it goes over the websocket to that user only); the sandbox keeps it to show and to assert on.
   */
  public Store.Post sendEphemeral(String userId, Store.Post post) {
    post.type = "system_ephemeral";
    post.id = Ids.newId();
    post.createAt = store.nowMillis();
    post.updateAt = post.createAt;
    store.addEphemeral(userId, post);
    return post.copy();
  }

  /**
   * App.PatchPost + App.UpdatePost (server/channels/app/post.go): props are replaced wholesale when the patch has them;
   * edit_at moves only when the message, the files or the attachments change.
   */
  public Store.Post patch(String postId, JsonObject patch, String userId) throws AppError {
    synchronized (store) {
      Store.Post old = store.post(postId).orElse(null);
      if (old == null) throw AppError.of("UpdatePost", "api.post.update_post.find.app_error", Map.of(), "id=" + postId, 400);
      if (old.deleteAt != 0) {
        throw AppError.of("UpdatePost", "api.post.update_post.permissions_details.app_error", Map.of("PostId", postId), "", 400);
      }
      if (old.type.startsWith("system_")) {
        throw AppError.of("UpdatePost", "api.post.update_post.system_message.app_error", Map.of(), "id=" + postId, 400);
      }
      Store.Post updated = old.copy();
      JsonElement message = patch.get("message");
      if (message != null && !message.isJsonNull() && !updated.message.equals(message.getAsString())) {
        updated.message = message.getAsString();
        updated.editAt = store.nowMillis();
      }
      JsonElement isPinned = patch.get("is_pinned");
      if (isPinned != null && !isPinned.isJsonNull()) updated.isPinned = isPinned.getAsBoolean();
      JsonElement props = patch.get("props");
      if (props != null && !props.isJsonNull()) updated.props = props.getAsJsonObject().deepCopy();
      JsonElement fileIds = patch.get("file_ids");
      if (fileIds != null && !fileIds.isJsonNull()) {
        List<String> ids = new ArrayList<>();
        for (JsonElement id : fileIds.getAsJsonArray()) ids.add(id.getAsString());
        List<String> kept = new ArrayList<>();
        for (String id : ids) {
          Store.FileInfo file = store.file(id).orElse(null);
          if (file != null && (file.postId.isEmpty() || file.postId.equals(postId)) && !kept.contains(id)) kept.add(id);
        }
        updated.fileIds = kept;
      }
      if (updated.editAt == old.editAt
          && (!updated.fileIds.equals(old.fileIds) || !updated.attachments().equals(old.attachments()))) {
        updated.editAt = store.nowMillis();
      }
      checkValid(updated);
      updated.updateAt = store.nowMillis();
      store.savePost(updated);
      for (Store.FileInfo file : store.filesOf(updated.fileIds)) file.postId = updated.id;
      return updated.copy();
    }
  }
}
