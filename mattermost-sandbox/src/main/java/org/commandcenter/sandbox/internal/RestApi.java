package org.commandcenter.sandbox.internal;

import static java.util.Objects.requireNonNull;

import com.google.gson.JsonObject;
import java.util.Map;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.commandcenter.sandbox.SandboxSettings;

/**
 * The REST API v4 routes the sandbox serves (server/channels/api4/*.go), behind web/handlers.go's session check:
 * 401 {@code api.context.session_expired.app_error} without a valid token.
 */
public final class RestApi {
  private static final Pattern POST = Pattern.compile("/api/v4/posts/([A-Za-z0-9]+)");
  private static final Pattern POST_PATCH = Pattern.compile("/api/v4/posts/([A-Za-z0-9]+)/patch");
  /** api4/integration_action.go InitAction: {@code /posts/{post_id}/actions/{action_id:[A-Za-z0-9]+}}. */
  private static final Pattern POST_ACTION = Pattern.compile("/api/v4/posts/([A-Za-z0-9]+)/actions/([A-Za-z0-9]+)");
  private static final Pattern USER = Pattern.compile("/api/v4/users/([A-Za-z0-9]+)");
  private static final Pattern USER_BY_EMAIL = Pattern.compile("/api/v4/users/email/(.+)");
  private static final Pattern USER_BY_USERNAME = Pattern.compile("/api/v4/users/username/([^/]+)");
  private static final Pattern CHANNEL_BY_NAME = Pattern.compile("/api/v4/teams/name/([^/]+)/channels/name/([^/]+)");
  private static final Pattern TEAM_BY_NAME = Pattern.compile("/api/v4/teams/name/([^/]+)");
  private static final Pattern CHANNEL_POSTS = Pattern.compile("/api/v4/channels/([^/]+)/posts");
  private static final Pattern EMAIL = Pattern.compile("^[^@\\s]+@[^@\\s]+$");

  private final Store store;
  private final PostsApi postsApi;
  private final Supplier<SandboxSettings> settings;
  private final IntegrationActions actions;
  private final CustomCommands commands;

  public RestApi(Store store, PostsService posts, Supplier<SandboxSettings> settings, IntegrationActions actions,
      CustomCommands commands) {
    this.store = requireNonNull(store, "store == null");
    this.settings = requireNonNull(settings, "settings == null");
    this.postsApi = new PostsApi(store, posts, settings);
    this.actions = requireNonNull(actions, "actions == null");
    this.commands = requireNonNull(commands, "commands == null");
  }

  /** True for the file API, whose bodies may be as large as FileSettings.MaxFileSize (web/handlers.go). */
  public static boolean isFileApi(String path) {
    return path.equals("/api/v4/files");
  }

  public HttpResponse handle(HttpRequest request) throws AppError {
    String path = request.path();
    String method = request.method();
    if (method.equals("GET") && path.equals("/api/v4/system/ping")) {
      return ping();
    }
    if (method.equals("GET") && path.equals("/api/v4/config/client")) {
      return clientConfig(request);
    }
    Route route = route(method, path);
    if (route == null) {
      throw AppError.of("", "api.context.404.app_error", Map.of(),
          "There doesn't appear to be an api call for the url='" + path + "'.", 404);
    }
    Store.User user = authenticate(request);
    switch (route.kind) {
      case CREATE_POST: return postsApi.createPost(request, user);
      case GET_POST: return postsApi.getPost(route.group(1), user);
      case PATCH_POST: return postsApi.patchPost(request, route.group(1), user);
      case UPLOAD_FILE: return postsApi.uploadFile(request, user);
      case ME: return HttpResponse.json(200, user.toJson());
      case USER_BY_EMAIL: return userByEmail(route.group(1));
      case USER_BY_USERNAME: return userByUsername(route.group(1));
      case CHANNEL_BY_NAME: return channelByName(route.group(1), route.group(2), user);
      case TEAM_BY_NAME: return teamByName(route.group(1));
      case DIRECT_CHANNEL: return directChannel(request, user);
      case POST_ACTION: return actions.route(request, user, route.group(1), route.group(2));
      case EXECUTE_COMMAND: return commands.route(request, user);
      case USER: return user(route.group(1));
      case CHANNEL_POSTS: return postsApi.postsForChannel(request, route.group(1), user);
      default: throw new IllegalStateException(route.kind.name());
    }
  }

  private enum Kind {
    CREATE_POST, GET_POST, PATCH_POST, UPLOAD_FILE, ME, USER_BY_EMAIL, USER_BY_USERNAME, CHANNEL_BY_NAME, TEAM_BY_NAME,
    DIRECT_CHANNEL, POST_ACTION, EXECUTE_COMMAND, USER, CHANNEL_POSTS
  }

  private static final class Route {
    final Kind kind;
    final Matcher matcher;

    Route(Kind kind, Matcher matcher) {
      this.kind = kind;
      this.matcher = matcher;
    }

    String group(int i) {
      return matcher.group(i);
    }
  }

  private static Route route(String method, String path) {
    Matcher m;
    if (method.equals("POST") && path.equals("/api/v4/posts")) return new Route(Kind.CREATE_POST, null);
    if (method.equals("PUT") && (m = POST_PATCH.matcher(path)).matches()) return new Route(Kind.PATCH_POST, m);
    if (method.equals("GET") && (m = POST.matcher(path)).matches()) return new Route(Kind.GET_POST, m);
    if (method.equals("POST") && path.equals("/api/v4/files")) return new Route(Kind.UPLOAD_FILE, null);
    if (method.equals("GET") && path.equals("/api/v4/users/me")) return new Route(Kind.ME, null);
    if (method.equals("POST") && path.equals("/api/v4/channels/direct")) return new Route(Kind.DIRECT_CHANNEL, null);
    if (method.equals("POST") && (m = POST_ACTION.matcher(path)).matches()) return new Route(Kind.POST_ACTION, m);
    if (method.equals("POST") && path.equals("/api/v4/commands/execute")) return new Route(Kind.EXECUTE_COMMAND, null);
    if (method.equals("GET") && (m = USER_BY_EMAIL.matcher(path)).matches()) return new Route(Kind.USER_BY_EMAIL, m);
    if (method.equals("GET") && (m = USER_BY_USERNAME.matcher(path)).matches()) return new Route(Kind.USER_BY_USERNAME, m);
    if (method.equals("GET") && (m = CHANNEL_BY_NAME.matcher(path)).matches()) return new Route(Kind.CHANNEL_BY_NAME, m);
    if (method.equals("GET") && (m = TEAM_BY_NAME.matcher(path)).matches()) return new Route(Kind.TEAM_BY_NAME, m);
    if (method.equals("GET") && (m = USER.matcher(path)).matches()) return new Route(Kind.USER, m);
    if (method.equals("GET") && (m = CHANNEL_POSTS.matcher(path)).matches()) return new Route(Kind.CHANNEL_POSTS, m);
    return null;
  }

  /** web/handlers.go ServeHTTP + Context.SessionRequired. */
  private Store.User authenticate(HttpRequest request) throws AppError {
    String token = Sessions.token(request);
    if (token.isEmpty()) {
      throw AppError.of("", "api.context.session_expired.app_error", Map.of(), "UserRequired", 401);
    }
    Store.User user = store.userByToken(token).orElseThrow(() ->
        AppError.of("ServeHTTP", "api.context.session_expired.app_error", Map.of(), "token=" + token, 401));
    if (Sessions.tokenLocation(request) == Sessions.Location.QUERY) {
      throw AppError.of("ServeHTTP", "api.context.token_provided.app_error", Map.of(), "token=" + token, 401);
    }
    return user;
  }

  /** api4/system.go getSystemPing: no session needed. */
  private HttpResponse ping() {
    JsonObject json = new JsonObject();
    json.addProperty("ActiveSearchBackend", "database");
    json.addProperty("AndroidLatestVersion", "");
    json.addProperty("AndroidMinVersion", "");
    json.addProperty("IosLatestVersion", "");
    json.addProperty("IosMinVersion", "");
    json.addProperty("status", "OK");
    return HttpResponse.json(200, json);
  }

  /**
   * api4/config.go getClientConfig: no session needed; only {@code ?format=old} is served (501 without a format,
   * 400 for another one).
   */
  private HttpResponse clientConfig(HttpRequest request) throws AppError {
    String format = request.query("format");
    if (format == null || format.isEmpty()) {
      throw AppError.of("getClientConfig", "api.config.client.old_format.app_error", 501);
    }
    if (!format.equals("old")) {
      throw AppError.of("Context", "api.context.invalid_url_param.app_error", Map.of("Name", "format"), "", 400);
    }
    SandboxSettings s = settings.get();
    JsonObject json = new JsonObject();
    json.addProperty("Version", s.serverVersion());
    json.addProperty("BuildNumber", "sandbox");
    json.addProperty("BuildDate", "");
    json.addProperty("BuildHash", "sandbox");
    json.addProperty("BuildEnterpriseReady", "false");
    json.addProperty("SiteName", "Mattermost");
    String host = request.header("Host");
    json.addProperty("SiteURL", host == null ? "" : "http://" + host);
    json.addProperty("DiagnosticsEnabled", "false");
    json.addProperty("EnablePostUsernameOverride", Boolean.toString(s.enablePostUsernameOverride()));
    json.addProperty("EnablePostIconOverride", Boolean.toString(s.enablePostIconOverride()));
    json.addProperty("PostPriority", "true");
    return HttpResponse.json(200, json);
  }

  /** api4/user.go getUserByEmail: 400 for a malformed address, 404 app.user.missing_account.const when unknown. */
  private HttpResponse userByEmail(String email) throws AppError {
    if (!EMAIL.matcher(email).matches()) {
      throw AppError.of("Context", "api.context.invalid_url_param.app_error", Map.of("Name", "email"), "", 400);
    }
    Store.User user = store.userByEmail(email).orElseThrow(() ->
        AppError.of("GetUserByEmail", "app.user.missing_account.const", 404));
    return HttpResponse.json(200, user.toJson());
  }

  /**
   * api4/user.go getUser: 400 for a malformed id, 404 app.user.missing_account.const when unknown. Every sandbox user
   * can see every other, and e-mail addresses show (PrivacySettings.ShowEmailAddress defaults to true).
   */
  private HttpResponse user(String userId) throws AppError {
    if (!Ids.isValid(userId)) {
      throw AppError.of("Context", "api.context.invalid_url_param.app_error", Map.of("Name", "user_id"), "", 400);
    }
    Store.User user = store.user(userId).orElseThrow(() ->
        AppError.of("GetUser", "app.user.missing_account.const", 404));
    return HttpResponse.json(200, user.toJson());
  }

  private HttpResponse userByUsername(String username) throws AppError {
    Store.User user = store.userByUsername(username).orElseThrow(() ->
        AppError.of("GetUserByUsername", "app.user.get_by_username.app_error", 404));
    return HttpResponse.json(200, user.toJson());
  }

  /**
   * api4/team.go getTeamByName: 404 app.team.get_by_name.missing.app_error for an unknown team. The 403 for a team that
   * is not open-with-open-invite and that the caller is not a member of cannot happen here: sandbox teams are open and
   * every user is a member of every team.
   */
  private HttpResponse teamByName(String teamName) throws AppError {
    Store.Team team = store.teamByName(teamName).orElseThrow(() ->
        AppError.of("GetTeamByName", "app.team.get_by_name.missing.app_error", Map.of(), "teamName=" + teamName, 404));
    JsonObject json = team.toJson();
    json.addProperty("allow_open_invite", true);
    return HttpResponse.json(200, json);
  }

  /**
   * api4/channel.go getChannelByNameForTeamName: 404 when the team or channel is missing, and 404 (not 403) for a
   * private channel the caller cannot read.
   */
  private HttpResponse channelByName(String teamName, String channelName, Store.User user) throws AppError {
    Store.Team team = store.teamByName(teamName).orElseThrow(() ->
        AppError.of("GetTeamByName", "app.team.get_by_name.missing.app_error", Map.of(), "teamName=" + teamName, 404));
    Store.Channel channel = store.channelByName(team.id, channelName).orElseThrow(() ->
        AppError.of("GetChannelByName", "app.channel.get_by_name.missing.app_error", Map.of(),
            "teamName=" + teamName + ", channelName=" + channelName, 404));
    if (!store.canRead(user.id, channel.id)) {
      throw AppError.of("getChannelByNameForTeamName", "app.channel.get_by_name.missing.app_error", Map.of(),
          "teamName=" + teamName + ", channelName=" + channelName, 404);
    }
    return HttpResponse.json(200, channel.toJson());
  }

  /**
   * api4/channel.go createDirectChannel: a JSON array of the two user ids; the caller must be one of them unless a
   * system admin; 201 with the (possibly existing) direct channel.
   */
  private HttpResponse directChannel(HttpRequest request, Store.User user) throws AppError {
    if (request.bodyTooLarge()) throw PostsApi.tooLarge("createDirectChannel");
    java.util.List<String> ids = new java.util.ArrayList<>();
    try {
      com.google.gson.JsonElement body = Json.parseFirstValue(request.body());
      for (com.google.gson.JsonElement e : body.getAsJsonArray()) ids.add(e.getAsString());
    } catch (java.io.IOException | RuntimeException e) {
      throw AppError.of("Context", "api.context.invalid_body_param.app_error", Map.of("Name", "user_ids"), "", 400);
    }
    if (ids.size() != 2) {
      throw AppError.of("Context", "api.context.invalid_body_param.app_error", Map.of("Name", "user_ids"), "", 400);
    }
    if (!ids.contains(user.id) && !user.systemAdmin) {
      throw AppError.of("Permissions", "api.context.permissions.app_error", Map.of(),
          "userId=" + user.id + ", permission=manage_system", 403);
    }
    for (String id : ids) {
      if (store.user(id).isEmpty()) {
        throw AppError.of("Context", "api.context.invalid_url_param.app_error", Map.of("Name", "user_id"), "", 400);
      }
    }
    return HttpResponse.json(201, store.directChannel(ids.get(0), ids.get(1)).toJson());
  }
}
