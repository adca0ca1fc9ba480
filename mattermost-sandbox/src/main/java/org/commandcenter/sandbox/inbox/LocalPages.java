package org.commandcenter.sandbox.inbox;

import static java.util.Objects.requireNonNull;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.commandcenter.sandbox.SandboxSettings;
import org.commandcenter.sandbox.internal.AppError;
import org.commandcenter.sandbox.internal.CustomCommands;
import org.commandcenter.sandbox.internal.HttpRequest;
import org.commandcenter.sandbox.internal.HttpResponse;
import org.commandcenter.sandbox.internal.IntegrationActions;
import org.commandcenter.sandbox.internal.Store;

/**
 * The sandbox's own routes: the inbox ({@code /} and {@code /{team}/channels/{channel}}, which War Room links open;
 * {@code ?as=alice} views it as alice), {@code GET /_sandbox/posts} (JSON, per channel, in arrival order),
 * {@code POST /_sandbox/reset}, uploaded files, and what the inbox's buttons and command box call:
 * {@code POST /_sandbox/as/{user}/actions/{post}/{action}} and {@code POST /_sandbox/as/{user}/command}, which run
 * the server's own click and command handling as that user (the webapp would use the user's session).
 */
public final class LocalPages {
  private static final Pattern CHANNEL_PAGE = Pattern.compile("/([^/]+)/channels/([^/]+)/?");
  private static final Pattern FILE = Pattern.compile("/_sandbox/files/([a-z0-9]{26})");
  private static final Pattern CLICK = Pattern.compile("/_sandbox/as/([a-z0-9._-]+)/actions/([A-Za-z0-9]+)/([^/]+)");
  private static final Pattern COMMAND = Pattern.compile("/_sandbox/as/([a-z0-9._-]+)/command");
  private static final String SCRIPT = loadScript();

  private final Store store;
  private final Supplier<SandboxSettings> settings;
  private final IntegrationActions actions;
  private final CustomCommands commands;

  public LocalPages(Store store, Supplier<SandboxSettings> settings, IntegrationActions actions,
      CustomCommands commands) {
    this.store = requireNonNull(store, "store == null");
    this.settings = requireNonNull(settings, "settings == null");
    this.actions = requireNonNull(actions, "actions == null");
    this.commands = requireNonNull(commands, "commands == null");
  }

  private static String loadScript() {
    try (InputStream in = LocalPages.class.getResourceAsStream("inbox.js")) {
      if (in == null) throw new IllegalStateException("inbox.js missing from the jar");
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Returns null for paths that are not the sandbox's. */
  public HttpResponse handle(HttpRequest request, String siteUrl) {
    String path = request.path();
    String method = request.method();
    boolean read = method.equals("GET") || method.equals("HEAD");
    if (read && path.equals("/")) {
      return page(null, request, siteUrl);
    }
    Matcher m;
    if (read && (m = CHANNEL_PAGE.matcher(path)).matches()) {
      Store.Channel channel = findChannel(m.group(1), m.group(2));
      if (channel == null) return HttpResponse.goHttpError(404, "404 page not found");
      return page(channel, request, siteUrl);
    }
    if (read && path.equals("/_sandbox/posts")) {
      return HttpResponse.json(200, postsJson(request.query("team"), request.query("channel")));
    }
    if (method.equals("POST") && path.equals("/_sandbox/reset")) {
      store.clearPosts();
      return HttpResponse.text(200, "text/plain", "ok");
    }
    if (read && (m = FILE.matcher(path)).matches()) {
      Store.FileInfo file = store.file(m.group(1)).orElse(null);
      if (file == null) return HttpResponse.goHttpError(404, "404 page not found");
      return HttpResponse.of(200, file.mimeType, file.content)
          .header("Content-Disposition", "inline; filename=\"" + file.name.replace("\"", "") + "\"")
          .header("X-Content-Type-Options", "nosniff");
    }
    if (read && path.equals("/_sandbox/inbox.js")) {
      return HttpResponse.text(200, "text/javascript; charset=utf-8", SCRIPT).header("Cache-Control", "no-store");
    }
    if (method.equals("POST") && (m = CLICK.matcher(path)).matches()) {
      String postId = m.group(2);
      String actionId = m.group(3);
      return asUser(m.group(1), user -> {
        if (!actionId.matches("[A-Za-z0-9]+")) {
          // The API route {action_id:[A-Za-z0-9]+} would not match: mux's 404, as the webapp gets it.
          throw AppError.of("", "api.context.404.app_error", 404);
        }
        return actions.click(user, postId, actionId, "", "");
      });
    }
    if (method.equals("POST") && (m = COMMAND.matcher(path)).matches()) {
      return asUser(m.group(1), user -> {
        JsonObject body;
        try {
          body = JsonParser.parseString(request.bodyText()).getAsJsonObject();
        } catch (RuntimeException e) {
          throw AppError.of("Context", "api.context.invalid_param.app_error", Map.of("Name", "command_args"), "", 400);
        }
        return commands.execute(user, string(body, "channel_id"), string(body, "command"), string(body, "root_id"));
      });
    }
    if (read && path.equals("/favicon.ico")) {
      return HttpResponse.of(204, null, new byte[0]);
    }
    return null;
  }

  private Store.Channel findChannel(String teamName, String channelName) {
    if (teamName.equals("_")) {
      return store.channels().stream().filter(c -> c.name.equals(channelName)).findFirst().orElse(null);
    }
    Store.Team team = store.teamByName(teamName).orElse(null);
    if (team == null) {
      // DM channels have no team; their page still works under any team name.
      return store.channels().stream().filter(c -> c.type.equals("D") && c.name.equals(channelName)).findFirst().orElse(null);
    }
    Store.Channel channel = store.channelByName(team.id, channelName).orElse(null);
    if (channel != null) return channel;
    return store.channels().stream().filter(c -> c.type.equals("D") && c.name.equals(channelName)).findFirst().orElse(null);
  }

  private interface AsUser {
    JsonObject run(Store.User user) throws AppError;
  }

  /** The API's answer to the inbox's script: the JSON, or the AppError with its status and detail. */
  private HttpResponse asUser(String username, AsUser work) {
    Store.User user = store.userByUsername(username).orElse(null);
    if (user == null) return HttpResponse.goHttpError(404, "404 page not found");
    try {
      return HttpResponse.json(200, work.run(user));
    } catch (AppError e) {
      return HttpResponse.json(e.statusCode(), e.toJson("", true));
    }
  }

  private static String string(JsonObject json, String name) {
    return json.has(name) && json.get(name).isJsonPrimitive() ? json.get(name).getAsString() : "";
  }

  /** {@code ?as=name}, else alice, else the first person (not a bot). */
  private Store.User viewer(HttpRequest request) {
    String as = request.query("as");
    if (as != null) {
      Store.User user = store.userByUsername(as).orElse(null);
      if (user != null && !user.bot) return user;
    }
    return store.userByUsername("alice").filter(u -> !u.bot)
        .or(() -> store.users().stream().filter(u -> !u.bot).findFirst()).orElse(null);
  }

  private HttpResponse page(Store.Channel channel, HttpRequest request, String siteUrl) {
    boolean joinCall = "true".equals(request.query("join_call"));
    int refresh = 0;
    try {
      String value = request.query("refresh");
      if (value != null) refresh = Math.max(0, Math.min(3600, Integer.parseInt(value)));
    } catch (NumberFormatException ignored) {
      refresh = 0;
    }
    String html = new InboxPage(store, settings.get(), siteUrl, viewer(request)).render(channel, joinCall, refresh);
    return HttpResponse.text(200, "text/html; charset=utf-8", html)
        .header("Cache-Control", "no-store")
        .header("Content-Security-Policy", "default-src 'self'; style-src 'unsafe-inline'; img-src 'self' data:");
  }

  /** {"channels":[{"id","team","name","display_name","type","posts":[...]}]}: every channel, posts in arrival order. */
  private JsonObject postsJson(String teamFilter, String channelFilter) {
    List<Store.Post> posts = store.posts();
    JsonArray channels = new JsonArray();
    for (Store.Channel c : store.channels()) {
      String teamName = store.team(c.teamId).map(t -> t.name).orElse("");
      if (teamFilter != null && !teamFilter.equals(teamName)) continue;
      if (channelFilter != null && !channelFilter.equals(c.name) && !channelFilter.equals(c.id)) continue;
      JsonObject channel = new JsonObject();
      channel.addProperty("id", c.id);
      channel.addProperty("team", teamName);
      channel.addProperty("name", c.name);
      channel.addProperty("display_name", c.displayName);
      channel.addProperty("type", c.type);
      JsonArray list = new JsonArray();
      for (Store.Post p : posts) {
        if (!p.channelId.equals(c.id)) continue;
        JsonObject json = p.toJson(p.rootId.isEmpty() ? store.replyCount(p.id) : 0, store.filesOf(p.fileIds));
        json.addProperty("username", store.user(p.userId).map(u -> u.username).orElse(""));
        list.add(json);
      }
      channel.add("posts", list);
      channels.add(channel);
    }
    JsonObject result = new JsonObject();
    result.add("channels", channels);
    return result;
  }
}
