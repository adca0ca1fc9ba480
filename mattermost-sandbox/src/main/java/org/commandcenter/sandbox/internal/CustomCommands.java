package org.commandcenter.sandbox.internal;

import static java.util.Objects.requireNonNull;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.commandcenter.sandbox.SandboxSettings;

/**
 * Custom slash commands as the server runs them: {@code POST /api/v4/commands/execute}
 * (server/channels/api4/command.go executeCommand), App.ExecuteCommand and tryExecuteCustomCommand / DoCommandRequest
 * (server/channels/app/command.go: the form fields, {@code Authorization: Token …}, the timeout, "returned response
 * 404 Not Found"), the answer's posts (HandleCommandResponse / CreateCommandPost: ephemeral to the user or in the
 * channel as the user, marked from_webhook), and the {@code response_url} at {@code /hooks/commands/{id}}
 * (server/channels/web/webhook.go commandWebhook, server/channels/app/webhook.go HandleCommandWebhook: 30 minutes,
 * five uses).
 */
public final class CustomCommands {
  /** model.CommandWebhookLifetime = 1000 * 60 * 30 (server/public/model/command_webhook.go). */
  static final long WEBHOOK_LIFETIME_MILLIS = 1000L * 60 * 30;
  /** HandleCommandWebhook: TryUse(hook.Id, 5). */
  static final int WEBHOOK_USES = 5;
  /** app/command.go atMentionRegexp. */
  private static final Pattern AT_MENTION = Pattern.compile("\\B@[\\p{Alnum}][\\p{Alnum}.\\-_:]*");
  /** model.ChannelMentions: ~name words. */
  private static final Pattern CHANNEL_MENTION = Pattern.compile("\\B~[a-zA-Z0-9\\-_]+");

  private final Store store;
  private final PostsService posts;
  private final Supplier<SandboxSettings> settings;
  private final Supplier<String> ownUrl;
  private final OutgoingHttp http;
  private final TriggerIds triggerIds;
  private final Clock clock;

  CustomCommands(Store store, PostsService posts, Supplier<SandboxSettings> settings, Supplier<String> ownUrl,
      OutgoingHttp http, TriggerIds triggerIds, Clock clock) {
    this.store = requireNonNull(store, "store == null");
    this.posts = requireNonNull(posts, "posts == null");
    this.settings = requireNonNull(settings, "settings == null");
    this.ownUrl = requireNonNull(ownUrl, "ownUrl == null");
    this.http = requireNonNull(http, "http == null");
    this.triggerIds = requireNonNull(triggerIds, "triggerIds == null");
    this.clock = requireNonNull(clock, "clock == null");
  }

  public static CustomCommands create(Store store, PostsService posts, Supplier<SandboxSettings> settings,
      Supplier<String> ownUrl, Clock clock) {
    return new CustomCommands(store, posts, settings, ownUrl, new OutgoingHttp(), new TriggerIds(), clock);
  }

  /** api4 executeCommand: CommandArgs JSON in, the CommandResponse JSON out (200). */
  HttpResponse route(HttpRequest request, Store.User user) throws AppError {
    JsonObject args;
    try {
      JsonElement body = Json.parseFirstValue(request.body());
      if (!body.isJsonObject()) throw new IOException("json: cannot unmarshal " + Json.goKind(body)
          + " into Go value of type model.CommandArgs");
      args = body.getAsJsonObject();
      Json.string(args, "command");
      Json.string(args, "channel_id");
      Json.string(args, "root_id");
    } catch (IOException | RuntimeException e) {
      throw AppError.of("Context", "api.context.invalid_param.app_error", Map.of("Name", "command_args"), "", 400)
          .wrap(e.getMessage());
    }
    return HttpResponse.json(200, execute(user, Json.stringOr(args, "channel_id"), Json.stringOr(args, "command"),
        Json.stringOr(args, "root_id")));
  }

  /** executeCommand's checks, then App.ExecuteCommand; returns the CommandResponse as the API writes it. */
  public JsonObject execute(Store.User user, String channelId, String command, String rootId) throws AppError {
    if (command.length() <= 1 || !command.startsWith("/") || !Ids.isValid(channelId)) {
      throw AppError.of("executeCommand", "api.command.execute_command.start.app_error", 400);
    }
    if (!store.canPost(user.id, channelId)) {
      throw AppError.of("Permissions", "api.context.permissions.app_error", Map.of(),
          "userId=" + user.id + ", permission=create_post", 403);
    }
    Store.Channel channel = store.channel(channelId).orElseThrow();
    // Outside DMs the team is the channel's, so a command of another team cannot run here.
    String teamId = channel.teamId;
    int space = indexOfSpace(command);
    String trigger = (space < 0 ? command : command.substring(0, space)).toLowerCase(java.util.Locale.ROOT)
        .substring(1);
    String message = space < 0 ? "" : command.substring(space + 1);
    String[] triggerId = triggerIds.generate(user.id, store.nowMillis());
    SandboxSettings s = settings.get();
    if (!s.enableCommands()) {
      throw AppError.of("ExecuteCommand", "api.command.disabled.app_error", 501);
    }
    Store.Command cmd = store.commandByTrigger(teamId, trigger).orElseThrow(() ->
        AppError.of("command", "api.command.execute_command.not_found.app_error", Map.of("Trigger", trigger), "", 404));
    Store.Team team = store.team(teamId).orElseThrow();

    Map<String, List<String>> form = new TreeMap<>();
    form.put("token", List.of(cmd.token));
    form.put("team_id", List.of(cmd.teamId));
    form.put("team_domain", List.of(team.name));
    form.put("channel_id", List.of(channelId));
    form.put("channel_name", List.of(channel.name));
    form.put("user_id", List.of(user.id));
    form.put("user_name", List.of(user.username));
    form.put("command", List.of("/" + trigger));
    form.put("text", List.of(message));
    form.put("trigger_id", List.of(triggerId[1]));
    form.put("root_id", List.of(rootId));
    addMentions(form, message);
    String siteUrl = s.siteUrl() != null ? s.siteUrl() : ownUrl.get();
    Store.CommandWebhook hook = new Store.CommandWebhook(Ids.newId(), clock.millis(), cmd.id, user.id, channelId, rootId);
    store.saveCommandWebhook(hook);
    form.put("response_url", List.of(siteUrl + "/hooks/commands/" + hook.id));

    JsonObject response = doCommandRequest(cmd, encode(form), s);
    response.addProperty("trigger_id", triggerId[0]);
    handleResponse(cmd, user.id, channelId, rootId, response, trigger);
    return response;
  }

  /** App.DoCommandRequest. */
  private JsonObject doCommandRequest(Store.Command cmd, String form, SandboxSettings s) throws AppError {
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put("Accept", "application/json");
    if (!cmd.token.isEmpty()) headers.put("Authorization", "Token " + cmd.token);
    URI url;
    byte[] body = null;
    try {
      if (cmd.method.equals("G")) {
        URI base = URI.create(cmd.url);
        url = URI.create(cmd.url + (base.getRawQuery() == null ? "?" : "&") + form);
      } else {
        url = URI.create(cmd.url);
        body = form.getBytes(StandardCharsets.UTF_8);
        headers.put("Content-Type", "application/x-www-form-urlencoded");
      }
    } catch (IllegalArgumentException e) {
      throw failed(cmd).wrap(e.getMessage());
    }
    OutgoingHttp.Answer answer;
    try {
      answer = http.send(cmd.method.equals("G") ? "GET" : "POST", url, headers, body,
          Duration.ofSeconds(s.outgoingIntegrationRequestsTimeoutSeconds()), s.allowedUntrustedInternalConnections());
    } catch (IOException e) {
      throw failed(cmd).wrap(e.getMessage());
    }
    if (answer.status() != 200) {
      throw AppError.of("command", "api.command.execute_command.failed_resp.app_error",
          Map.of("Trigger", cmd.trigger, "Status", answer.statusLine()),
          new String(answer.body(), StandardCharsets.UTF_8), 500);
    }
    try {
      return fromHttpBody(answer.contentType(), answer.body());
    } catch (IOException e) {
      throw failed(cmd).wrap(e.getMessage());
    }
  }

  /**
   * model.CommandResponseFromHTTPBody: JSON only when the media type is exactly {@code application/json}; any other
   * body is the text of an ephemeral answer.
   */
  static JsonObject fromHttpBody(String contentType, byte[] body) throws IOException {
    String media = contentType == null ? "" : contentType.split(";", 2)[0].strip();
    if (media.equals("application/json")) {
      JsonElement parsed = Json.parseFirstValue(body);
      if (!parsed.isJsonObject()) {
        throw new IOException("json: cannot unmarshal " + Json.goKind(parsed) + " into Go value of type model.CommandResponse");
      }
      return parsed.getAsJsonObject();
    }
    JsonObject text = new JsonObject();
    text.addProperty("text", new String(body, StandardCharsets.UTF_8));
    return text;
  }

  /** commandWebhook + App.HandleCommandWebhook: {@code POST /hooks/commands/{id}}. */
  public HttpResponse handleWebhook(HttpRequest request, String hookId) throws AppError {
    SandboxSettings s = settings.get();
    JsonObject response;
    try {
      response = fromHttpBody(request.header("Content-Type"), request.body());
    } catch (IOException e) {
      throw AppError.of("commandWebhook", "web.command_webhook.parse.app_error", Map.of("hook_id", hookId), "", 400)
          .wrap(e.getMessage());
    }
    try {
      Store.CommandWebhook hook = store.commandWebhook(hookId, clock.millis() - WEBHOOK_LIFETIME_MILLIS)
          .orElseThrow(() -> AppError.of("HandleCommandWebhook", "app.command_webhook.get.missing", Map.of(), "", 404));
      Store.Command cmd = store.command(hook.commandId).orElseThrow(() ->
          AppError.of("HandleCommandWebhook", "web.command_webhook.command.app_error", 400));
      if (!store.tryUseCommandWebhook(hook.id, WEBHOOK_USES)) {
        throw AppError.of("HandleCommandWebhook", "app.command_webhook.try_use.invalid", 400);
      }
      handleResponse(cmd, hook.userId, hook.channelId, hook.rootId, response, cmd.trigger);
    } catch (AppError e) {
      if (s.wrapWebhookErrors()) {
        throw AppError.of("commandWebhook", "web.command_webhook.general.app_error", Map.of("hook_id", hookId), "",
            e.statusCode()).wrap(e);
      }
      throw e;
    }
    return HttpResponse.text(200, "text/plain", "ok");
  }

  /** App.HandleCommandResponse (builtIn = false): the response and each of its extra_responses becomes a post. */
  private void handleResponse(Store.Command cmd, String userId, String channelId, String rootId, JsonObject response,
      String trigger) throws AppError {
    AppError last = null;
    try {
      responsePost(cmd, userId, channelId, rootId, response);
    } catch (AppError e) {
      last = e;
    }
    JsonElement extras = response.get("extra_responses");
    if (extras != null && extras.isJsonArray()) {
      for (JsonElement extra : extras.getAsJsonArray()) {
        if (!extra.isJsonObject()) continue;
        try {
          responsePost(cmd, userId, channelId, rootId, extra.getAsJsonObject());
        } catch (AppError e) {
          last = e;
        }
      }
    }
    if (last != null) {
      throw AppError.of("command", "api.command.execute_command.create_post_failed.app_error",
          Map.of("Trigger", trigger), "", 500);
    }
  }

  /** HandleCommandResponsePost + CreateCommandPost. */
  private void responsePost(Store.Command cmd, String userId, String channelId, String rootId, JsonObject response)
      throws AppError {
    SandboxSettings s = settings.get();
    Store.Post post = new Store.Post();
    post.channelId = channelId;
    post.rootId = rootId;
    post.userId = userId;
    post.type = Json.stringOr(response, "type");
    JsonElement props = response.get("props");
    if (props != null && props.isJsonObject()) post.props = props.getAsJsonObject().deepCopy();
    String responseChannel = Json.stringOr(response, "channel_id");
    if (!responseChannel.isEmpty()) {
      if (!store.canPost(userId, responseChannel)) {
        throw AppError.of("HandleCommandResponsePost", "api.command.command_post.forbidden.app_error", 403);
      }
      post.channelId = responseChannel;
    }
    if (s.enablePostUsernameOverride()) {
      String name = !cmd.username.isEmpty() ? cmd.username : Json.stringOr(response, "username");
      if (!name.isEmpty()) post.props.addProperty("override_username", name);
    }
    if (s.enablePostIconOverride()) {
      String icon = !cmd.iconUrl.isEmpty() ? cmd.iconUrl : Json.stringOr(response, "icon_url");
      if (!icon.isEmpty()) post.props.addProperty("override_icon_url", icon);
    }
    post.props.addProperty("from_webhook", "true");
    JsonElement skip = response.get("skip_slack_parsing");
    boolean skipSlackParsing = skip != null && skip.isJsonPrimitive() && skip.getAsJsonPrimitive().isBoolean()
        && skip.getAsBoolean();
    String text = Json.stringOr(response, "text");
    post.message = skipSlackParsing ? text : SlackCompat.linksToMarkdown(SlackCompat.processText(text));
    if (post.type.startsWith("system_")) {
      throw AppError.of("CreateCommandPost", "api.context.invalid_param.app_error", Map.of("Name", "post.type"), "",
          400);
    }
    JsonElement rawAttachments = response.get("attachments");
    JsonArray attachments;
    try {
      attachments = SlackCompat.decodeAttachments(rawAttachments, !skipSlackParsing);
    } catch (IOException e) {
      attachments = null;
    }
    if (attachments != null) {
      if (post.type.isEmpty()) post.type = "slack_attachment";
      post.props.add("attachments", attachments);
    }
    String responseType = Json.stringOr(response, "response_type");
    if (responseType.equals("in_channel")) {
      posts.create(post);
      return;
    }
    if ((responseType.isEmpty() || responseType.equals("ephemeral")) && (!text.isEmpty() || attachments != null)) {
      posts.sendEphemeral(userId, post);
    }
  }

  /** UserMentionMap and ChannelMentionMap ToURLValues: user_mentions / user_mentions_ids, channel_… likewise. */
  private void addMentions(Map<String, List<String>> form, String message) {
    Map<String, String> users = new LinkedHashMap<>();
    if (message.contains("@")) {
      Matcher m = AT_MENTION.matcher(message);
      while (m.find()) {
        String name = m.group().substring(1).toLowerCase(java.util.Locale.ROOT);
        store.userByUsername(name).ifPresent(u -> users.put(name, u.id));
      }
    }
    Map<String, String> channels = new LinkedHashMap<>();
    Matcher m = CHANNEL_MENTION.matcher(message);
    while (m.find()) {
      String name = m.group().substring(1);
      for (Store.Channel c : store.channels()) {
        if (c.name.equals(name) && c.isOpen()) channels.put(name, c.id);
      }
    }
    if (!users.isEmpty()) {
      form.put("user_mentions", List.copyOf(users.keySet()));
      form.put("user_mentions_ids", List.copyOf(users.values()));
    }
    if (!channels.isEmpty()) {
      form.put("channel_mentions", List.copyOf(channels.keySet()));
      form.put("channel_mentions_ids", List.copyOf(channels.values()));
    }
  }

  /** url.Values.Encode: keys sorted, QueryEscape (space as +). */
  static String encode(Map<String, List<String>> form) {
    StringBuilder out = new StringBuilder();
    for (Map.Entry<String, List<String>> entry : form.entrySet()) {
      for (String value : entry.getValue()) {
        if (out.length() > 0) out.append('&');
        out.append(URLEncoder.encode(entry.getKey(), StandardCharsets.UTF_8)).append('=')
            .append(URLEncoder.encode(value, StandardCharsets.UTF_8));
      }
    }
    return out.toString();
  }

  /** strings.IndexFunc(command, unicode.IsSpace). */
  private static int indexOfSpace(String text) {
    for (int i = 0; i < text.length(); i++) {
      if (Character.isWhitespace(text.charAt(i)) || Character.isSpaceChar(text.charAt(i))) return i;
    }
    return -1;
  }

  private static AppError failed(Store.Command cmd) {
    return AppError.of("command", "api.command.execute_command.failed.app_error", Map.of("Trigger", cmd.trigger), "",
        500);
  }
}
