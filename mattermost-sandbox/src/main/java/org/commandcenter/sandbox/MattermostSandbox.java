package org.commandcenter.sandbox;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeoutException;
import org.commandcenter.sandbox.inbox.LocalPages;
import org.commandcenter.sandbox.internal.AppError;
import org.commandcenter.sandbox.internal.CallsPlugin;
import org.commandcenter.sandbox.internal.CustomCommands;
import org.commandcenter.sandbox.internal.Ids;
import org.commandcenter.sandbox.internal.IntegrationActions;
import org.commandcenter.sandbox.internal.Json;
import org.commandcenter.sandbox.internal.PostsService;
import org.commandcenter.sandbox.internal.RestApi;
import org.commandcenter.sandbox.internal.Store;
import org.commandcenter.sandbox.internal.WebhookHandler;

/**
 * A Mattermost stand-in for tests and local demos: incoming webhooks, REST API v4 with tokens and the Calls plugin
 * routes, answering as the real server does, with fault switches, and an inbox page at its root.
 *
 * <pre>{@code
 * try (MattermostSandbox mm = MattermostSandbox.builder().withSampleData().build()) {
 *   mm.start();
 *   post to mm.hookUrl(MattermostSandbox.JENKINS_HOOK) ...
 *   assertThat(mm.posts("factory", "builds")).hasSize(1);
 * }
 * }</pre>
 */
public final class MattermostSandbox implements AutoCloseable {
  /** The team of {@link Builder#withSampleData()}. */
  public static final String TEAM = "factory";
  public static final String JENKINS_HOOK = "jenkinsbuildshook000000000";
  public static final String SONAR_HOOK = "sonaralertshook00000000000";
  public static final String LOCKED_HOOK = "lockedbuildshook0000000000";
  public static final String ADMIN_TOKEN = "sandbox-admin-token";
  public static final String ALICE_TOKEN = "sandbox-alice-token";
  public static final String JENKINS_BOT_TOKEN = "sandbox-jenkins-bot-token";
  public static final String SONAR_BOT_TOKEN = "sandbox-sonar-bot-token";

  private final Store store;
  private final Faults faults = new Faults();
  private final SandboxServer server;
  private final PostsService posts;
  private final IntegrationActions actions;
  private final CustomCommands commands;
  private volatile SandboxSettings settings;
  private boolean started;

  private MattermostSandbox(Builder builder, Store store) {
    this.store = store;
    this.settings = builder.settings;
    this.posts = new PostsService(store, this::settings);
    this.actions = IntegrationActions.create(store, posts, this::settings);
    this.commands = CustomCommands.create(store, posts, this::settings, this::url, builder.clock);
    this.server = new SandboxServer(builder.host, builder.port, faults, this::settings,
        new WebhookHandler(store, posts, this::settings), commands,
        new RestApi(store, posts, this::settings, actions, commands),
        new CallsPlugin(store, this::settings, builder.clock),
        new LocalPages(store, this::settings, actions, commands)::handle, store::clockNanos);
  }

  public static Builder builder() {
    return new Builder();
  }

  /** Starts listening; returns this for chaining. */
  public synchronized MattermostSandbox start() throws IOException {
    if (started) throw new IllegalStateException("already started");
    server.start();
    started = true;
    return this;
  }

  @Override
  public synchronized void close() {
    if (started) server.stop();
    started = false;
  }

  /** {@code http://127.0.0.1:PORT}, without a trailing slash: the site URL to configure clients with. */
  public String url() {
    return "http://" + server.urlHost() + ":" + port();
  }

  public int port() {
    int port = server.port();
    if (port == 0) throw new IllegalStateException("not started");
    return port;
  }

  /** The incoming-webhook URL of a seeded hook (a secret in real life: do not log it). */
  public String hookUrl(String hookId) {
    requireNonNull(hookId, "hookId == null");
    if (store.hook(hookId).isEmpty()) throw new IllegalArgumentException("hookId: no such hook");
    return url() + "/hooks/" + hookId;
  }

  public String teamId(String teamName) {
    return store.teamByName(teamName)
        .orElseThrow(() -> new IllegalArgumentException("teamName: no team " + teamName)).id;
  }

  public String channelId(String teamName, String channelName) {
    return channel(teamName, channelName).id;
  }

  public String userId(String username) {
    return store.userByUsername(username)
        .orElseThrow(() -> new IllegalArgumentException("username: no user " + username)).id;
  }

  private Store.Channel channel(String teamName, String channelName) {
    String teamId = teamId(teamName);
    return store.channelByName(teamId, channelName).orElseThrow(() ->
        new IllegalArgumentException("channelName: no channel " + channelName + " in team " + teamName));
  }

  /** The posts of one channel (roots and replies) in arrival order, with their current content. */
  public List<ReceivedPost> posts(String teamName, String channelName) {
    return postsOfChannel(channel(teamName, channelName).id);
  }

  /** The posts of a channel given by id (e.g. a direct-message channel). */
  public List<ReceivedPost> postsOfChannel(String channelId) {
    List<ReceivedPost> result = new ArrayList<>();
    for (ReceivedPost p : allPosts()) {
      if (p.channelId().equals(channelId)) result.add(p);
    }
    return result;
  }

  /** Every post in every channel, in arrival order. */
  public List<ReceivedPost> allPosts() {
    List<ReceivedPost> result = new ArrayList<>();
    for (Store.Post post : store.posts()) {
      Store.Channel channel = store.channel(post.channelId).orElseThrow();
      String team = store.team(channel.teamId).map(t -> t.name).orElse("");
      String user = store.user(post.userId).map(u -> u.username).orElse("");
      result.add(new ReceivedPost(post, channel.name, team, user));
    }
    return result;
  }

  /** Waits until a channel holds at least {@code count} posts and returns them. */
  public List<ReceivedPost> awaitPosts(String teamName, String channelName, int count, Duration timeout)
      throws InterruptedException, TimeoutException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      List<ReceivedPost> posts = posts(teamName, channelName);
      if (posts.size() >= count) return posts;
      if (System.nanoTime() - deadline > 0) {
        throw new TimeoutException("expected " + count + " posts in " + channelName + " but have " + posts.size());
      }
      Thread.sleep(20);
    }
  }

  /** Every request that reached a Mattermost route, oldest first (the last 10 000). */
  public List<RecordedRequest> requests() {
    return server.recorded();
  }

  public void clearPosts() {
    store.clearPosts();
  }

  /**
   * A restart of the server: it stops as Mattermost does (requests under way get a second to finish), loses what
   * Mattermost keeps only in memory (the pending_post_id cache of server/channels/app/post.go, the rate limiter's
   * buckets of server/channels/app/ratelimit.go) and listens again on the same port, unless a fault holds it down.
   * Posts, users and channels stay, as in the database.
   */
  public void restart() {
    boolean down = faults.isDown();
    if (!down) {
      server.stopGracefully();
    }
    store.forgetMemory();
    server.forgetRateLimits();
    if (!down) {
      server.up();
    }
  }

  /** Deletes a post as a user would (a soft delete: it still comes back from {@code posts?since=}). */
  public void deletePost(String postId) {
    requireNonNull(postId, "postId == null");
    store.deletePost(postId);
  }

  public Faults faults() {
    return faults;
  }

  public SandboxSettings settings() {
    return settings;
  }

  /** Applies new settings to the following requests. */
  public void settings(SandboxSettings newSettings) {
    this.settings = requireNonNull(newSettings, "newSettings == null");
  }

  /** The Calls state a client set with {@code POST /plugins/com.mattermost.calls/{channelId}}, if any. */
  public Optional<Boolean> callsEnabled(String channelId) {
    return store.callsEnabled(channelId);
  }

  // ---- interactive messages and slash commands ---------------------------------------------------------------------

  /**
   * Creates a custom slash command in a team, as System Console > Integrations > Slash Commands does: method POST,
   * a generated 26-character token (model.Command.PreSave), the trigger lower-cased.
   */
  public SlashCommandInfo createSlashCommand(String team, String trigger, String url, String creator) {
    return createSlashCommand(team, trigger, url, creator, "P", "");
  }

  /** @param method {@code P} (POST) or {@code G} (GET) */
  public SlashCommandInfo createSlashCommand(String team, String trigger, String url, String creator, String method,
      String autoCompleteHint) {
    requireNonNull(trigger, "trigger == null");
    requireNonNull(url, "url == null");
    String teamId = teamId(team);
    String creatorId = userId(creator);
    String normalized = trigger.toLowerCase(java.util.Locale.ROOT);
    // model.Command.IsValid.
    if (normalized.isEmpty() || normalized.length() > 128 || normalized.startsWith("/") || normalized.contains(" ")) {
      throw new IllegalArgumentException("trigger: 1 to 128 characters, no leading slash, no spaces");
    }
    if (!url.matches("https?://.+") || url.length() > 1024) {
      throw new IllegalArgumentException("url: must be an http:// or https:// URL of at most 1024 characters");
    }
    if (!method.equals("P") && !method.equals("G")) {
      throw new IllegalArgumentException("method: must be P or G");
    }
    Store.Command command = store.addCommand(new Store.Command(Ids.newId(), Ids.newId(), teamId, creatorId, normalized,
        method, url, "", "", autoCompleteHint));
    return new SlashCommandInfo(command.id, command.token, command.trigger, command.url);
  }

  /**
   * Clicks a button as {@code username}, as the webapp does: {@code POST /api/v4/posts/{postId}/actions/{actionId}}
   * with that user's session. The sandbox then calls the integration exactly as for a click over HTTP.
   */
  public ApiAnswer clickButton(String username, String postId, String actionId) {
    Store.User user = user(username);
    if (!actionId.matches("[A-Za-z0-9]+")) {
      // The route {action_id:[A-Za-z0-9]+} does not match: mux's 404.
      return answer(AppError.of("", "api.context.404.app_error", 404));
    }
    try {
      return new ApiAnswer(200, actions.click(user, postId, actionId, "", ""));
    } catch (AppError e) {
      return answer(e);
    }
  }

  /** Runs a slash command line ({@code /jenkins status}) as {@code username} in a channel, as the webapp does. */
  public ApiAnswer runCommand(String username, String team, String channel, String commandLine) {
    return runCommand(username, team, channel, commandLine, "");
  }

  /** Like {@link #runCommand(String, String, String, String)}, typed in the thread of {@code rootId}. */
  public ApiAnswer runCommand(String username, String team, String channel, String commandLine, String rootId) {
    Store.User user = user(username);
    try {
      return new ApiAnswer(200, commands.execute(user, channelId(team, channel), commandLine, rootId));
    } catch (AppError e) {
      return answer(e);
    }
  }

  /** What reached {@code username} only (ephemeral posts: answers to clicks and commands), oldest first. */
  public List<ReceivedPost> ephemeralPosts(String username) {
    List<ReceivedPost> result = new ArrayList<>();
    Store.User user = user(username);
    for (Store.Post post : store.ephemeralsFor(user.id)) {
      Store.Channel channel = store.channel(post.channelId).orElseThrow();
      result.add(new ReceivedPost(post, channel.name, store.team(channel.teamId).map(t -> t.name).orElse(""),
          user.username));
    }
    return result;
  }

  /** One post by id, with its current content. */
  public Optional<ReceivedPost> post(String postId) {
    return allPosts().stream().filter(p -> p.id().equals(postId)).findFirst();
  }

  private Store.User user(String username) {
    return store.userByUsername(username)
        .orElseThrow(() -> new IllegalArgumentException("username: no user " + username));
  }

  private static ApiAnswer answer(AppError error) {
    return ApiAnswer.of(error.statusCode(), Json.GSON.toJson(error.toJson(Ids.newId(), true)));
  }

  /** Makes {@code GET /calls/{channelId}/active} answer true, as if someone joined the War Room. */
  public void startCall(String channelId) {
    store.setCallActive(channelId, true);
  }

  public void endCall(String channelId) {
    store.setCallActive(channelId, false);
  }

  /** Gathers the seed and settings; {@link #build()} validates every reference and names the bad field. */
  public static final class Builder {
    private final SandboxSeed seed = new SandboxSeed();
    private SandboxSettings settings = SandboxSettings.defaults();
    private String host = "127.0.0.1";
    private Clock clock = Clock.systemUTC();
    private int port;

    private Builder() {
    }

    /** The standard world documented in /work/team/SANDBOX.md (team factory, admin/alice/bob, two bots, hooks). */
    public Builder withSampleData() {
      team(TEAM, "Software Factory");
      systemAdmin("admin", "admin@example.com").token("admin", ADMIN_TOKEN);
      user("alice", "alice@example.com").token("alice", ALICE_TOKEN);
      user("bob", "bob@example.com");
      bot("jenkins-bot", "Jenkins").token("jenkins-bot", JENKINS_BOT_TOKEN);
      bot("sonar-bot", "SonarQube").token("sonar-bot", SONAR_BOT_TOKEN);
      channel(TEAM, "town-square", "Town Square").members(TEAM, "town-square", "admin", "alice", "bob");
      channel(TEAM, "builds", "Builds").members(TEAM, "builds", "admin", "alice", "jenkins-bot");
      channel(TEAM, "alerts", "Alerts").members(TEAM, "alerts", "admin", "alice", "jenkins-bot", "sonar-bot");
      channel(TEAM, "war-room", "War Room")
          .members(TEAM, "war-room", "admin", "alice", "bob", "jenkins-bot", "sonar-bot");
      privateChannel(TEAM, "ops-private", "Ops (private)").members(TEAM, "ops-private", "admin");
      hook(JENKINS_HOOK, TEAM, "builds", "alice", "Jenkins", false);
      hook(SONAR_HOOK, TEAM, "alerts", "alice", "SonarQube", false);
      hook(LOCKED_HOOK, TEAM, "builds", "alice", "Jenkins (locked)", true);
      return this;
    }

    public Builder team(String name) {
      return team(name, name);
    }

    public Builder team(String name, String displayName) {
      SandboxSeed.TeamSpec team = new SandboxSeed.TeamSpec();
      team.name = requireNonNull(name, "name == null");
      team.displayName = displayName;
      seed.teams.add(team);
      return this;
    }

    public Builder user(String username, String email) {
      return addUser(username, email, false);
    }

    public Builder systemAdmin(String username, String email) {
      return addUser(username, email, true);
    }

    private Builder addUser(String username, String email, boolean admin) {
      SandboxSeed.UserSpec user = new SandboxSeed.UserSpec();
      user.username = requireNonNull(username, "username == null");
      user.email = requireNonNull(email, "email == null");
      user.systemAdmin = admin;
      seed.users.add(user);
      return this;
    }

    public Builder bot(String username) {
      return bot(username, username);
    }

    public Builder bot(String username, String displayName) {
      SandboxSeed.BotSpec bot = new SandboxSeed.BotSpec();
      bot.username = requireNonNull(username, "username == null");
      bot.displayName = displayName;
      seed.bots.add(bot);
      return this;
    }

    /** A personal access token (or bot token) for a user or bot seeded before. */
    public Builder token(String username, String token) {
      requireNonNull(username, "username == null");
      requireNonNull(token, "token == null");
      for (SandboxSeed.UserSpec u : seed.users) {
        if (u.username.equals(username)) {
          u.token = token;
          return this;
        }
      }
      for (SandboxSeed.BotSpec b : seed.bots) {
        if (b.username.equals(username)) {
          b.token = token;
          return this;
        }
      }
      throw new IllegalArgumentException("username: no user or bot " + username + " seeded before token()");
    }

    public Builder channel(String team, String name) {
      return addChannel(team, name, name, "O");
    }

    public Builder channel(String team, String name, String displayName) {
      return addChannel(team, name, displayName, "O");
    }

    public Builder privateChannel(String team, String name) {
      return addChannel(team, name, name, "P");
    }

    public Builder privateChannel(String team, String name, String displayName) {
      return addChannel(team, name, displayName, "P");
    }

    private Builder addChannel(String team, String name, String displayName, String type) {
      SandboxSeed.ChannelSpec channel = new SandboxSeed.ChannelSpec();
      channel.team = requireNonNull(team, "team == null");
      channel.name = requireNonNull(name, "name == null");
      channel.displayName = displayName;
      channel.type = type;
      seed.channels.add(channel);
      return this;
    }

    /** Adds channel members (users or bots seeded anywhere in this builder). */
    public Builder members(String team, String channel, String... usernames) {
      for (SandboxSeed.ChannelSpec c : seed.channels) {
        if (c.team.equals(team) && c.name.equals(channel)) {
          c.members.addAll(Arrays.asList(usernames));
          return this;
        }
      }
      throw new IllegalArgumentException("channel: no channel " + channel + " in team " + team + " seeded before members()");
    }

    /** Pre-sets the Calls state of a channel, as an admin's {@code POST /plugins/com.mattermost.calls/{id}} would. */
    public Builder callsEnabled(String team, String channel, boolean enabled) {
      for (SandboxSeed.ChannelSpec c : seed.channels) {
        if (c.team.equals(team) && c.name.equals(channel)) {
          c.callsEnabled = enabled;
          return this;
        }
      }
      throw new IllegalArgumentException("channel: no channel " + channel + " in team " + team);
    }

    public Builder hook(String id, String team, String channel, String creator) {
      return hook(id, team, channel, creator, "", false);
    }

    public Builder lockedHook(String id, String team, String channel, String creator) {
      return hook(id, team, channel, creator, "", true);
    }

    public Builder hook(String id, String team, String channel, String creator, String displayName, boolean locked) {
      SandboxSeed.HookSpec hook = new SandboxSeed.HookSpec();
      hook.id = requireNonNull(id, "id == null");
      hook.team = requireNonNull(team, "team == null");
      hook.channel = requireNonNull(channel, "channel == null");
      hook.creator = requireNonNull(creator, "creator == null");
      hook.displayName = displayName;
      hook.channelLocked = locked;
      seed.hooks.add(hook);
      return this;
    }

    /** Adds everything of a seed file (and its settings) to this builder. */
    public Builder seed(SandboxSeed other) {
      requireNonNull(other, "other == null");
      seed.teams.addAll(other.teams);
      seed.users.addAll(other.users);
      seed.bots.addAll(other.bots);
      seed.channels.addAll(other.channels);
      seed.hooks.addAll(other.hooks);
      if (other.settings != null) settings = other.settings.applyTo(settings);
      return this;
    }

    public Builder settings(SandboxSettings settings) {
      this.settings = requireNonNull(settings, "settings == null");
      return this;
    }

    /** Loopback only by default; "0.0.0.0" exposes the sandbox to the network (people, not tests). */
    public Builder host(String host) {
      this.host = requireNonNull(host, "host == null");
      return this;
    }

    /**
     * The server's clock, for what the server stamps with its own time: post times, the 30 s pending_post_id window,
     * the rate limiter, the expiry of Calls' TURN credentials. A clock that runs behind stands in for a Mattermost
     * host without NTP; one a test moves makes the 30 s window cost no waiting.
     */
    public Builder clock(Clock clock) {
      this.clock = requireNonNull(clock, "clock == null");
      return this;
    }

    /** 0 (the default) picks a free port. */
    public Builder port(int port) {
      if (port < 0 || port > 65535) throw new IllegalArgumentException("port: must be 0..65535 but was " + port);
      this.port = port;
      return this;
    }

    public MattermostSandbox build() {
      Store store = new Store(clock);
      for (int i = 0; i < seed.teams.size(); i++) {
        SandboxSeed.TeamSpec t = seed.teams.get(i);
        if (t.name == null || !t.name.matches("[a-z0-9][a-z0-9-]*")) {
          throw new IllegalArgumentException("teams[" + i + "].name: must be lower-case letters, digits and '-' but was " + t.name);
        }
        store.addTeam(t.name, t.displayName);
      }
      for (int i = 0; i < seed.users.size(); i++) {
        SandboxSeed.UserSpec u = seed.users.get(i);
        checkUsername("users[" + i + "].username", u.username);
        Store.User user = store.addUser(u.username, u.email, u.systemAdmin, false, null, null);
        if (u.token != null) store.addToken(u.token, user.id);
      }
      for (int i = 0; i < seed.bots.size(); i++) {
        SandboxSeed.BotSpec b = seed.bots.get(i);
        checkUsername("bots[" + i + "].username", b.username);
        Store.User bot = store.addUser(b.username, "", false, true, b.displayName, b.description);
        if (b.token != null) store.addToken(b.token, bot.id);
      }
      for (int i = 0; i < seed.channels.size(); i++) {
        SandboxSeed.ChannelSpec c = seed.channels.get(i);
        String field = "channels[" + i + "]";
        Store.Team team = store.teamByName(c.team).orElseThrow(() ->
            new IllegalArgumentException(field + ".team: no team " + c.team));
        if (c.name == null || !c.name.matches("[a-z0-9][a-z0-9_-]*")) {
          throw new IllegalArgumentException(field + ".name: must be lower-case letters, digits, '-' and '_' but was " + c.name);
        }
        if (!c.type.equals("O") && !c.type.equals("P")) {
          throw new IllegalArgumentException(field + ".type: must be O or P but was " + c.type);
        }
        Store.Channel channel = store.addChannel(team.id, c.name, c.displayName, c.type);
        for (String member : c.members) {
          Store.User user = store.userByUsername(member).orElseThrow(() ->
              new IllegalArgumentException(field + ".members: no user " + member));
          store.addMember(channel.id, user.id);
        }
        if (c.callsEnabled != null) store.setCallsEnabled(channel.id, c.callsEnabled);
      }
      for (int i = 0; i < seed.hooks.size(); i++) {
        SandboxSeed.HookSpec h = seed.hooks.get(i);
        String field = "hooks[" + i + "]";
        if (h.id == null || !h.id.matches("[A-Za-z0-9]+")) {
          throw new IllegalArgumentException(field + ".id: must be letters and digits");
        }
        Store.Team team = store.teamByName(h.team).orElseThrow(() ->
            new IllegalArgumentException(field + ".team: no team " + h.team));
        Store.Channel channel = store.channelByName(team.id, h.channel).orElseThrow(() ->
            new IllegalArgumentException(field + ".channel: no channel " + h.channel + " in team " + h.team));
        Store.User creator = store.userByUsername(h.creator).orElseThrow(() ->
            new IllegalArgumentException(field + ".creator: no user " + h.creator));
        store.addHook(new Store.Hook(h.id, team.id, channel.id, creator.id, h.displayName, h.description, h.username,
            h.iconUrl, h.channelLocked));
      }
      return new MattermostSandbox(this, store);
    }

    private static void checkUsername(String field, String username) {
      // server/public/model/user.go IsValidUsername: 1-64 of a-z, 0-9, '.', '-', '_', starting with a letter.
      if (username == null || !username.matches("[a-z][a-z0-9._-]{0,63}")) {
        throw new IllegalArgumentException(field + ": not a valid Mattermost username: " + username);
      }
    }
  }
}
