package org.commandcenter.sandbox.internal;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * The sandbox's database: teams, channels, users, tokens, hooks, posts and files. Every method locks the store, so
 * a handler that needs several steps to be atomic synchronises on it too.
 */
public final class Store {
  /** server/channels/app/post.go: pendingPostIDsCacheTTL = 30 * time.Second. */
  public static final long PENDING_POST_ID_TTL_NANOS = TimeUnit.SECONDS.toNanos(30);

  private final Map<String, Team> teamsById = new LinkedHashMap<>();
  private final Map<String, Channel> channelsById = new LinkedHashMap<>();
  private final Map<String, User> usersById = new LinkedHashMap<>();
  private final Map<String, String> tokens = new HashMap<>();
  private final Map<String, Hook> hooks = new LinkedHashMap<>();
  private final Map<String, Post> posts = new LinkedHashMap<>();
  private final Map<String, FileInfo> files = new LinkedHashMap<>();
  private final Map<String, Pending> pendingPostIds = new HashMap<>();
  private final Map<String, Boolean> callsChannels = new HashMap<>();
  private final Set<String> activeCalls = new LinkedHashSet<>();
  private final Map<String, Command> commands = new LinkedHashMap<>();
  private final Map<String, CommandWebhook> commandWebhooks = new HashMap<>();
  private final List<Ephemeral> ephemerals = new ArrayList<>();
  private final Clock clock;
  private long lastMillis;

  /** @param clock the server's clock: post times, and the pending_post_id window */
  public Store(Clock clock) {
    this.clock = clock;
  }

  /** Strictly increasing milliseconds, so posts made in the same millisecond still sort by arrival. */
  public synchronized long nowMillis() {
    long now = clock.millis();
    lastMillis = Math.max(now, lastMillis + 1);
    return lastMillis;
  }

  /** The server clock in nanoseconds, for its windows (pending post ids, the rate limiter). */
  public long clockNanos() {
    Instant now = clock.instant();
    return now.getEpochSecond() * 1_000_000_000L + now.getNano();
  }

  /**
   * What a restart of Mattermost loses: the caches it keeps only in memory, such as the pending_post_id cache
   * (server/channels/app/post.go seenPendingPostIdsCache, an LRU in the server's memory). Posts stay (the database).
   */
  public synchronized void forgetMemory() {
    pendingPostIds.clear();
  }

  /**
   * App.DeletePost → SqlPostStore.Delete (server/channels/store/sqlstore/post_store.go): a soft delete that sets
   * DeleteAt and UpdateAt, so the post still comes back from GetPostsSince.
   */
  public synchronized void deletePost(String postId) {
    Post post = posts.get(postId);
    if (post == null) throw new IllegalArgumentException("postId: no such post");
    long now = nowMillis();
    post.deleteAt = now;
    post.updateAt = now;
  }

  // ---- seeding ---------------------------------------------------------------------------------------------------

  public synchronized Team addTeam(String name, String displayName) {
    if (teamByName(name).isPresent()) throw new IllegalArgumentException("team: duplicate name " + name);
    Team team = new Team(Ids.newId(), name, displayName == null ? name : displayName, nowMillis());
    teamsById.put(team.id, team);
    return team;
  }

  public synchronized User addUser(String username, String email, boolean systemAdmin, boolean bot, String displayName,
      String description) {
    if (userByUsername(username).isPresent()) throw new IllegalArgumentException("user: duplicate username " + username);
    User user = new User(Ids.newId(), username, email, systemAdmin, bot, displayName, description, nowMillis());
    usersById.put(user.id, user);
    return user;
  }

  public synchronized void addToken(String token, String userId) {
    if (tokens.containsKey(token)) throw new IllegalArgumentException("token: duplicate token for user " + userId);
    tokens.put(token, userId);
  }

  public synchronized Channel addChannel(String teamId, String name, String displayName, String type) {
    if (channelByName(teamId, name).isPresent()) throw new IllegalArgumentException("channel: duplicate name " + name);
    Channel channel = new Channel(Ids.newId(), teamId, name, displayName == null ? name : displayName, type, nowMillis());
    channelsById.put(channel.id, channel);
    return channel;
  }

  public synchronized void addMember(String channelId, String userId) {
    channelsById.get(channelId).members.add(userId);
  }

  public synchronized Hook addHook(Hook hook) {
    if (hooks.containsKey(hook.id)) throw new IllegalArgumentException("hook: duplicate id");
    hooks.put(hook.id, hook);
    return hook;
  }

  // ---- lookups -----------------------------------------------------------------------------------------------------

  public synchronized Optional<Team> team(String id) {
    return Optional.ofNullable(teamsById.get(id));
  }

  public synchronized Optional<Team> teamByName(String name) {
    return teamsById.values().stream().filter(t -> t.name.equals(name)).findFirst();
  }

  public synchronized List<Team> teams() {
    return new ArrayList<>(teamsById.values());
  }

  public synchronized Optional<Channel> channel(String id) {
    return Optional.ofNullable(channelsById.get(id));
  }

  public synchronized Optional<Channel> channelByName(String teamId, String name) {
    return channelsById.values().stream().filter(c -> c.teamId.equals(teamId) && c.name.equals(name)).findFirst();
  }

  public synchronized List<Channel> channels() {
    return new ArrayList<>(channelsById.values());
  }

  public synchronized Optional<User> user(String id) {
    return Optional.ofNullable(usersById.get(id));
  }

  public synchronized Optional<User> userByUsername(String username) {
    return usersById.values().stream().filter(u -> u.username.equals(username)).findFirst();
  }

  public synchronized Optional<User> userByEmail(String email) {
    String wanted = email.toLowerCase(Locale.ROOT);
    return usersById.values().stream()
        .filter(u -> u.email != null && u.email.toLowerCase(Locale.ROOT).equals(wanted)).findFirst();
  }

  public synchronized List<User> users() {
    return new ArrayList<>(usersById.values());
  }

  public synchronized Optional<User> userByToken(String token) {
    String userId = tokens.get(token);
    return userId == null ? Optional.empty() : user(userId);
  }

  public synchronized Optional<Hook> hook(String id) {
    return Optional.ofNullable(hooks.get(id));
  }

  /** GetOrCreateDirectChannel: the DM channel of two users, named "{id1}__{id2}" with the ids sorted. */
  public synchronized Channel directChannel(String userA, String userB) {
    String first = userA.compareTo(userB) <= 0 ? userA : userB;
    String second = first.equals(userA) ? userB : userA;
    String name = first + "__" + second;
    for (Channel c : channelsById.values()) {
      if (c.type.equals("D") && c.name.equals(name)) return c;
    }
    Channel dm = new Channel(Ids.newId(), "", name, name, "D", nowMillis());
    dm.members.add(userA);
    dm.members.add(userB);
    channelsById.put(dm.id, dm);
    return dm;
  }

  /**
   * The sandbox's permission model: system admins may do everything; other users may read and post in channels they
   * are members of (channel_user role), and read open channels of teams (every user is on every team).
   */
  public synchronized boolean canPost(String userId, String channelId) {
    User user = usersById.get(userId);
    Channel channel = channelsById.get(channelId);
    if (user == null || channel == null) return false;
    return user.systemAdmin || channel.members.contains(userId);
  }

  public synchronized boolean canRead(String userId, String channelId) {
    Channel channel = channelsById.get(channelId);
    if (channel == null) return false;
    return canPost(userId, channelId) || channel.type.equals("O");
  }

  // ---- posts -------------------------------------------------------------------------------------------------------

  public synchronized void savePost(Post post) {
    posts.put(post.id, post);
  }

  public synchronized Optional<Post> post(String id) {
    return Optional.ofNullable(posts.get(id));
  }

  /** Every post in arrival order. */
  public synchronized List<Post> posts() {
    List<Post> copy = new ArrayList<>();
    for (Post p : posts.values()) copy.add(p.copy());
    return copy;
  }

  public synchronized int replyCount(String rootId) {
    int count = 0;
    for (Post p : posts.values()) {
      if (rootId.equals(p.rootId) && p.deleteAt == 0) count++;
    }
    return count;
  }

  public synchronized void clearPosts() {
    posts.clear();
    pendingPostIds.clear();
    ephemerals.clear();
  }

  /** Looks up (and expires) a pending post id; returns the stored post id, "" while in flight, or null when unseen. */
  public synchronized String pendingPostId(String pendingPostId, long nowNanos) {
    Pending pending = pendingPostIds.get(pendingPostId);
    if (pending == null) return null;
    if (nowNanos - pending.expiresAtNanos > 0) {
      pendingPostIds.remove(pendingPostId);
      return null;
    }
    return pending.postId;
  }

  public synchronized void rememberPendingPostId(String pendingPostId, String postId, long nowNanos) {
    pendingPostIds.put(pendingPostId, new Pending(postId, nowNanos + PENDING_POST_ID_TTL_NANOS));
  }

  public synchronized void forgetPendingPostId(String pendingPostId) {
    pendingPostIds.remove(pendingPostId);
  }

  // ---- files -------------------------------------------------------------------------------------------------------

  public synchronized void saveFile(FileInfo file) {
    files.put(file.id, file);
  }

  public synchronized Optional<FileInfo> file(String id) {
    return Optional.ofNullable(files.get(id));
  }

  // ---- calls -------------------------------------------------------------------------------------------------------

  public synchronized Optional<Boolean> callsEnabled(String channelId) {
    return Optional.ofNullable(callsChannels.get(channelId));
  }

  public synchronized void setCallsEnabled(String channelId, boolean enabled) {
    callsChannels.put(channelId, enabled);
  }

  public synchronized boolean callActive(String channelId) {
    return activeCalls.contains(channelId);
  }

  public synchronized void setCallActive(String channelId, boolean active) {
    if (active) activeCalls.add(channelId);
    else activeCalls.remove(channelId);
  }

  // ---- slash commands and ephemeral posts ---------------------------------------------------------------------------

  public synchronized Command addCommand(Command command) {
    for (Command other : commands.values()) {
      if (other.teamId.equals(command.teamId) && other.trigger.equals(command.trigger)) {
        throw new IllegalArgumentException("trigger: /" + command.trigger + " exists in this team already");
      }
    }
    commands.put(command.id, command);
    return command;
  }

  public synchronized Optional<Command> command(String id) {
    return Optional.ofNullable(commands.get(id));
  }

  /** The team's custom command with this (lower-case) trigger (Command().GetByTeam + the loop of tryExecuteCustomCommand). */
  public synchronized Optional<Command> commandByTrigger(String teamId, String trigger) {
    Command found = null;
    for (Command c : commands.values()) {
      if (c.teamId.equals(teamId) && c.trigger.equals(trigger)) found = c;
    }
    return Optional.ofNullable(found);
  }

  public synchronized void saveCommandWebhook(CommandWebhook hook) {
    commandWebhooks.put(hook.id, hook);
  }

  /** SqlCommandWebhookStore.Get: only hooks created after {@code notBefore} (CreateAt > now - lifetime). */
  public synchronized Optional<CommandWebhook> commandWebhook(String id, long notBefore) {
    CommandWebhook hook = commandWebhooks.get(id);
    return hook != null && hook.createAt > notBefore ? Optional.of(hook) : Optional.empty();
  }

  /** SqlCommandWebhookStore.TryUse: UPDATE … SET UseCount = UseCount + 1 WHERE Id = ? AND UseCount < limit. */
  public synchronized boolean tryUseCommandWebhook(String id, int limit) {
    CommandWebhook hook = commandWebhooks.get(id);
    if (hook == null || hook.useCount >= limit) return false;
    hook.useCount++;
    return true;
  }

  /** What SendEphemeralPost sent over the websocket to one user; never stored by the real server, kept here to show. */
  public synchronized void addEphemeral(String userId, Post post) {
    ephemerals.add(new Ephemeral(userId, post.copy()));
  }

  public synchronized List<Post> ephemeralsFor(String userId) {
    List<Post> result = new ArrayList<>();
    for (Ephemeral e : ephemerals) {
      if (e.userId.equals(userId)) result.add(e.post.copy());
    }
    return result;
  }

  private static final class Ephemeral {
    final String userId;
    final Post post;

    Ephemeral(String userId, Post post) {
      this.userId = userId;
      this.post = post;
    }
  }

  /** A custom slash command (server/public/model/command.go). */
  public static final class Command {
    public final String id;
    public final String token;
    public final String teamId;
    public final String creatorId;
    public final String trigger;
    /** "P" (POST) or "G" (GET). */
    public final String method;
    public final String url;
    public final String username;
    public final String iconUrl;
    public final String autoCompleteHint;

    public Command(String id, String token, String teamId, String creatorId, String trigger, String method, String url,
        String username, String iconUrl, String autoCompleteHint) {
      this.id = id;
      this.token = token;
      this.teamId = teamId;
      this.creatorId = creatorId;
      this.trigger = trigger;
      this.method = method;
      this.url = url;
      this.username = username == null ? "" : username;
      this.iconUrl = iconUrl == null ? "" : iconUrl;
      this.autoCompleteHint = autoCompleteHint == null ? "" : autoCompleteHint;
    }
  }

  /** One execution's response_url (server/public/model/command_webhook.go). */
  public static final class CommandWebhook {
    public final String id;
    public final long createAt;
    public final String commandId;
    public final String userId;
    public final String channelId;
    public final String rootId;
    int useCount;

    public CommandWebhook(String id, long createAt, String commandId, String userId, String channelId, String rootId) {
      this.id = id;
      this.createAt = createAt;
      this.commandId = commandId;
      this.userId = userId;
      this.channelId = channelId;
      this.rootId = rootId;
    }
  }

  // ---- records -----------------------------------------------------------------------------------------------------

  private static final class Pending {
    final String postId;
    final long expiresAtNanos;

    Pending(String postId, long expiresAtNanos) {
      this.postId = postId;
      this.expiresAtNanos = expiresAtNanos;
    }
  }

  public static final class Team {
    public final String id;
    public final String name;
    public final String displayName;
    public final long createAt;

    Team(String id, String name, String displayName, long createAt) {
      this.id = id;
      this.name = name;
      this.displayName = displayName;
      this.createAt = createAt;
    }

    public JsonObject toJson() {
      JsonObject json = new JsonObject();
      json.addProperty("id", id);
      json.addProperty("create_at", createAt);
      json.addProperty("update_at", createAt);
      json.addProperty("delete_at", 0);
      json.addProperty("display_name", displayName);
      json.addProperty("name", name);
      json.addProperty("type", "O");
      return json;
    }
  }

  public static final class Channel {
    public final String id;
    public final String teamId;
    public final String name;
    public final String displayName;
    /** "O" open, "P" private, "D" direct, "G" group. */
    public final String type;
    public final long createAt;
    final Set<String> members = new LinkedHashSet<>();

    Channel(String id, String teamId, String name, String displayName, String type, long createAt) {
      this.id = id;
      this.teamId = teamId;
      this.name = name;
      this.displayName = displayName;
      this.type = type;
      this.createAt = createAt;
    }

    public boolean isOpen() {
      return type.equals("O");
    }

    /** server/public/model/channel.go field names. */
    public JsonObject toJson() {
      JsonObject json = new JsonObject();
      json.addProperty("id", id);
      json.addProperty("create_at", createAt);
      json.addProperty("update_at", createAt);
      json.addProperty("delete_at", 0);
      json.addProperty("team_id", teamId);
      json.addProperty("type", type);
      json.addProperty("display_name", displayName);
      json.addProperty("name", name);
      json.addProperty("header", "");
      json.addProperty("purpose", "");
      json.addProperty("last_post_at", 0);
      json.addProperty("total_msg_count", 0);
      json.addProperty("extra_update_at", 0);
      json.addProperty("creator_id", "");
      json.addProperty("group_constrained", (Boolean) null);
      json.addProperty("shared", (Boolean) null);
      json.addProperty("policy_id", (String) null);
      return json;
    }
  }

  public static final class User {
    public final String id;
    public final String username;
    public final String email;
    public final boolean systemAdmin;
    public final boolean bot;
    public final String displayName;
    public final String description;
    public final long createAt;

    User(String id, String username, String email, boolean systemAdmin, boolean bot, String displayName,
        String description, long createAt) {
      this.id = id;
      this.username = username;
      this.email = email == null ? "" : email;
      this.systemAdmin = systemAdmin;
      this.bot = bot;
      this.displayName = displayName == null ? "" : displayName;
      this.description = description == null ? "" : description;
      this.createAt = createAt;
    }

    public String roles() {
      return systemAdmin ? "system_admin system_user" : "system_user";
    }

    /** server/public/model/user.go field names (a bot's user record carries is_bot and bot_description). */
    public JsonObject toJson() {
      JsonObject json = new JsonObject();
      json.addProperty("id", id);
      json.addProperty("create_at", createAt);
      json.addProperty("update_at", createAt);
      json.addProperty("delete_at", 0);
      json.addProperty("username", username);
      json.addProperty("auth_data", "");
      json.addProperty("auth_service", "");
      json.addProperty("email", email);
      json.addProperty("email_verified", true);
      json.addProperty("nickname", "");
      json.addProperty("first_name", bot ? displayName : "");
      json.addProperty("last_name", "");
      json.addProperty("position", "");
      json.addProperty("roles", roles());
      json.addProperty("locale", "en");
      JsonObject timezone = new JsonObject();
      timezone.addProperty("automaticTimezone", "");
      timezone.addProperty("manualTimezone", "");
      timezone.addProperty("useAutomaticTimezone", "true");
      json.add("timezone", timezone);
      if (bot) {
        json.addProperty("is_bot", true);
        json.addProperty("bot_description", description);
      }
      json.addProperty("disable_welcome_email", false);
      return json;
    }
  }

  public static final class Hook {
    public final String id;
    public final String teamId;
    public final String channelId;
    public final String userId;
    public final String displayName;
    public final String description;
    public final String username;
    public final String iconUrl;
    public final boolean channelLocked;

    public Hook(String id, String teamId, String channelId, String userId, String displayName, String description,
        String username, String iconUrl, boolean channelLocked) {
      this.id = id;
      this.teamId = teamId;
      this.channelId = channelId;
      this.userId = userId;
      this.displayName = displayName == null ? "" : displayName;
      this.description = description == null ? "" : description;
      this.username = username == null ? "" : username;
      this.iconUrl = iconUrl == null ? "" : iconUrl;
      this.channelLocked = channelLocked;
    }
  }

  /** A post row (server/public/model/post.go). Mutable only under the store's lock; readers get copies. */
  public static final class Post {
    public String id;
    public long createAt;
    public long updateAt;
    public long editAt;
    public long deleteAt;
    public boolean isPinned;
    public String userId;
    public String channelId;
    public String rootId = "";
    public String message = "";
    public String type = "";
    public JsonObject props = new JsonObject();
    public List<String> fileIds = new ArrayList<>();
    public String pendingPostId = "";
    /** metadata.priority, or null. */
    public JsonObject priority;

    public Post copy() {
      Post p = new Post();
      p.id = id;
      p.createAt = createAt;
      p.updateAt = updateAt;
      p.editAt = editAt;
      p.deleteAt = deleteAt;
      p.isPinned = isPinned;
      p.userId = userId;
      p.channelId = channelId;
      p.rootId = rootId;
      p.message = message;
      p.type = type;
      p.props = props.deepCopy();
      p.fileIds = new ArrayList<>(fileIds);
      p.pendingPostId = pendingPostId;
      p.priority = priority == null ? null : priority.deepCopy();
      return p;
    }

    public JsonArray attachments() {
      JsonElement attachments = props.get("attachments");
      return attachments != null && attachments.isJsonArray() ? attachments.getAsJsonArray() : new JsonArray();
    }

    /** The JSON the REST API answers with (model.Post after PreparePostForClient). */
    public JsonObject toJson(int replyCount, List<FileInfo> fileInfos) {
      JsonObject json = new JsonObject();
      json.addProperty("id", id);
      json.addProperty("create_at", createAt);
      json.addProperty("update_at", updateAt);
      json.addProperty("edit_at", editAt);
      json.addProperty("delete_at", deleteAt);
      json.addProperty("is_pinned", isPinned);
      json.addProperty("user_id", userId);
      json.addProperty("channel_id", channelId);
      json.addProperty("root_id", rootId);
      json.addProperty("original_id", "");
      json.addProperty("message", message);
      json.addProperty("type", type);
      json.add("props", props.deepCopy());
      json.addProperty("hashtags", "");
      if (!fileIds.isEmpty()) {
        JsonArray ids = new JsonArray();
        fileIds.forEach(ids::add);
        json.add("file_ids", ids);
      }
      json.addProperty("pending_post_id", pendingPostId);
      json.addProperty("reply_count", replyCount);
      json.addProperty("last_reply_at", 0);
      json.add("participants", null);
      JsonObject metadata = new JsonObject();
      if (priority != null) metadata.add("priority", priority.deepCopy());
      if (!fileInfos.isEmpty()) {
        JsonArray infos = new JsonArray();
        fileInfos.forEach(f -> infos.add(f.toJson()));
        metadata.add("files", infos);
      }
      json.add("metadata", metadata);
      return json;
    }
  }

  /** model.FileInfo; the content stays in memory. */
  public static final class FileInfo {
    public final String id;
    public final String userId;
    public final String channelId;
    public final String name;
    public final String mimeType;
    public final byte[] content;
    public final long createAt;
    public String postId = "";

    public FileInfo(String id, String userId, String channelId, String name, String mimeType, byte[] content,
        long createAt) {
      this.id = id;
      this.userId = userId;
      this.channelId = channelId;
      this.name = name;
      this.mimeType = mimeType;
      this.content = content;
      this.createAt = createAt;
    }

    public String extension() {
      int dot = name.lastIndexOf('.');
      return dot >= 0 ? name.substring(dot + 1).toLowerCase(Locale.ROOT) : "";
    }

    public JsonObject toJson() {
      JsonObject json = new JsonObject();
      json.addProperty("id", id);
      json.addProperty("user_id", userId);
      json.addProperty("channel_id", channelId);
      json.addProperty("post_id", postId);
      json.addProperty("create_at", createAt);
      json.addProperty("update_at", createAt);
      json.addProperty("delete_at", 0);
      json.addProperty("name", name);
      json.addProperty("extension", extension());
      json.addProperty("size", content.length);
      json.addProperty("mime_type", mimeType);
      json.addProperty("width", 0);
      json.addProperty("height", 0);
      json.addProperty("has_preview_image", false);
      json.add("mini_preview", null);
      json.addProperty("remote_id", "");
      json.addProperty("archived", false);
      return json;
    }
  }

  public synchronized List<FileInfo> filesOf(List<String> ids) {
    List<FileInfo> result = new ArrayList<>();
    for (String id : ids) {
      FileInfo f = files.get(id);
      if (f != null) result.add(f);
    }
    return Collections.unmodifiableList(result);
  }
}
