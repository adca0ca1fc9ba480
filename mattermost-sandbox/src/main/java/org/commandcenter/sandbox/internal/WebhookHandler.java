package org.commandcenter.sandbox.internal;

import static java.util.Objects.requireNonNull;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.commandcenter.sandbox.SandboxSettings;

/**
 * {@code POST /hooks/{id}}: server/channels/web/webhook.go (incomingWebhook) and server/channels/app/webhook.go
 * (HandleIncomingWebhook, CreateWebhookPost, SplitWebhookPost).
 */
public final class WebhookHandler {
  private final Store store;
  private final PostsService posts;
  private final Supplier<SandboxSettings> settings;

  public WebhookHandler(Store store, PostsService posts, Supplier<SandboxSettings> settings) {
    this.store = requireNonNull(store, "store == null");
    this.posts = requireNonNull(posts, "posts == null");
    this.settings = requireNonNull(settings, "settings == null");
  }

  /** The decoded model.IncomingWebhookRequest. */
  static final class WebhookRequest {
    String text = "";
    String username = "";
    String iconUrl = "";
    String channel = "";
    String type = "";
    String iconEmoji = "";
    JsonObject props;
    /** null when absent or JSON null: Go's nil slice. */
    JsonArray attachments;
    /** null when absent. */
    JsonObject priority;
  }

  public HttpResponse handle(HttpRequest request, String hookId) throws AppError {
    SandboxSettings s = settings.get();
    String mediaType = request.mediaType();
    Map<String, Object> errCtx = new LinkedHashMap<>();
    errCtx.put("hook_id", hookId);
    errCtx.put("media_type", mediaType);
    String contentType = request.header("Content-Type");
    String mediaTypeError = contentType == null || contentType.isEmpty() ? null : mediaTypeError(contentType);
    if (mediaTypeError != null) {
      // web/webhook.go: mime.ParseMediaType failed (a bad parameter alone is tolerated).
      if (s.wrapWebhookErrors()) {
        throw AppError.of("incomingWebhook", "web.incoming_webhook.media_type.app_error", Map.of("hook_id", hookId), "", 400)
            .wrap(mediaTypeError);
      }
      throw AppError.of("incomingWebhook", "api.webhook.incoming.error", Map.of(),
          "webhook_id=" + hookId + ", error: " + mediaTypeError, 400);
    }
    WebhookRequest payload;
    try {
      payload = decode(request, mediaType);
    } catch (MultipartUnreadable unreadable) {
      // Current servers check r.ParseMultipartForm (web.incoming_webhook.parse_multipart.app_error); older ones
      // ignored its error and decoded the empty form, which then has no text.
      if (s.wrapWebhookErrors()) {
        throw AppError.of("incomingWebhook", "web.incoming_webhook.parse_multipart.app_error", errCtx, "", 400)
            .wrap(unreadable.getMessage());
      }
      payload = new WebhookRequest();
    } catch (AppError decodeError) {
      // web/webhook.go (late 2024 on): the decode error is wrapped into web.incoming_webhook.decode.app_error.
      if (s.wrapWebhookErrors()) {
        throw AppError.of("incomingWebhook", "web.incoming_webhook.decode.app_error", errCtx, "", decodeError.statusCode())
            .wrap(decodeError);
      }
      throw decodeError;
    }
    try {
      handleIncomingWebhook(hookId, payload, s);
    } catch (AppError appError) {
      // web/webhook.go: every app error becomes web.incoming_webhook.general.app_error with the same status.
      if (s.wrapWebhookErrors()) {
        throw AppError.of("incomingWebhook", "web.incoming_webhook.general.app_error", errCtx, "", appError.statusCode())
            .wrap(appError);
      }
      throw appError;
    }
    return HttpResponse.text(200, "text/plain", "ok");
  }

  /** web/webhook.go: form posts carry JSON in {@code payload}; every other content type is read as JSON. */
  private WebhookRequest decode(HttpRequest request, String mediaType) throws AppError, MultipartUnreadable {
    if (mediaType.equals("application/x-www-form-urlencoded")) {
      List<String> payload = HttpRequest.parseForm(request.bodyText()).get("payload");
      return decodeJson((payload == null ? "" : payload.get(0)).getBytes(StandardCharsets.UTF_8));
    }
    if (mediaType.equals("multipart/form-data")) {
      return decodeMultipart(request);
    }
    return decodeJson(request.body());
  }

  /** A multipart body that does not parse. */
  private static final class MultipartUnreadable extends Exception {
    private static final long serialVersionUID = 1L;

    MultipartUnreadable(String message) {
      super(message, null, false, false);
    }
  }

  /**
   * Go's mime.ParseMediaType on the part before the parameters: a token, optionally "/" and a token; null when it
   * parses. Parameter errors (mime.ErrInvalidMediaParameter) are tolerated by the server and not checked here.
   */
  static String mediaTypeError(String contentType) {
    int semicolon = contentType.indexOf(';');
    String base = (semicolon >= 0 ? contentType.substring(0, semicolon) : contentType).trim();
    // checkMediaTypeDisposition (Go's mime package).
    int typeEnd = tokenEnd(base, 0);
    if (typeEnd == 0) return "mime: no media type";
    if (typeEnd == base.length()) return null;
    if (base.charAt(typeEnd) != '/') return "mime: expected slash after first token";
    int subtypeEnd = tokenEnd(base, typeEnd + 1);
    if (subtypeEnd == typeEnd + 1) return "mime: expected token after slash";
    if (subtypeEnd != base.length()) return "mime: unexpected content after media subtype";
    return null;
  }

  private static int tokenEnd(String value, int from) {
    int i = from;
    while (i < value.length()) {
      char c = value.charAt(i);
      if (c <= ' ' || c >= 0x7f || "()<>@,;:\\\"/[]?=".indexOf(c) >= 0) break;
      i++;
    }
    return i;
  }

  private WebhookRequest decodeMultipart(HttpRequest request) throws AppError, MultipartUnreadable {
    WebhookRequest result = new WebhookRequest();
    try {
      for (Multipart.Part part : Multipart.parse(request.body(), request.header("Content-Type"))) {
        if (part.filename() != null) continue;
        String value = new String(part.data(), StandardCharsets.UTF_8);
        switch (part.name().toLowerCase(java.util.Locale.ROOT)) {
          case "text": result.text = value; break;
          case "username": result.username = value; break;
          case "iconurl": case "icon_url": result.iconUrl = value; break;
          case "channelname": case "channel": result.channel = value; break;
          case "type": result.type = value; break;
          case "iconemoji": case "icon_emoji": result.iconEmoji = value; break;
          default: break;
        }
      }
    } catch (IOException e) {
      throw new MultipartUnreadable(e.getMessage());
    }
    return result;
  }

  /**
   * model.IncomingWebhookRequestFromJSON (server/public/model/incoming_webhook.go): decode; on failure escape raw
   * newlines and tabs inside text/fallback/pretext/author_name/title/value strings and decode again.
   */
  static WebhookRequest decodeJson(byte[] body) throws AppError {
    try {
      return decodeStrict(body);
    } catch (IOException first) {
      try {
        return decodeStrict(escapeControlChars(new String(body, StandardCharsets.UTF_8)).getBytes(StandardCharsets.UTF_8));
      } catch (IOException second) {
        throw AppError.of("IncomingWebhookRequestFromJSON", "model.incoming_hook.parse_data.app_error", 400)
            .wrap(second.getMessage());
      }
    }
  }

  private static final String[] CONTROL_CHAR_KEYS = {"text", "fallback", "pretext", "author_name", "title", "value"};

  /**
   * escapeControlCharsFromPayload: in {@code "key": "value"} pairs of the keys above, raw newlines and tabs inside the
   * value become {@code \n} and {@code \t}. A scanner, not the server's regular expression, so big payloads cannot
   * overflow the stack.
   */
  static String escapeControlChars(String json) {
    StringBuilder out = new StringBuilder(json.length() + 16);
    int i = 0;
    int n = json.length();
    while (i < n) {
      char c = json.charAt(i);
      if (c != '"') {
        out.append(c);
        i++;
        continue;
      }
      int keyEnd = json.indexOf('"', i + 1);
      if (keyEnd < 0) {
        out.append(json, i, n);
        break;
      }
      String key = json.substring(i + 1, keyEnd);
      int j = keyEnd + 1;
      while (j < n && Character.isWhitespace(json.charAt(j))) j++;
      boolean pair = j < n && json.charAt(j) == ':';
      if (pair) {
        j++;
        while (j < n && Character.isWhitespace(json.charAt(j))) j++;
        pair = j < n && json.charAt(j) == '"';
      }
      if (!pair || !java.util.Arrays.asList(CONTROL_CHAR_KEYS).contains(key)) {
        out.append(json, i, keyEnd + 1);
        i = keyEnd + 1;
        continue;
      }
      out.append(json, i, j + 1);
      int k = j + 1;
      while (k < n) {
        char v = json.charAt(k);
        if (v == '\\' && k + 1 < n && json.charAt(k + 1) == '"') {
          out.append("\\\"");
          k += 2;
        } else if (v == '"') {
          break;
        } else {
          out.append(v == '\n' ? "\\n" : v == '\t' ? "\\t" : String.valueOf(v));
          k++;
        }
      }
      if (k < n) out.append('"');
      i = k + 1;
    }
    return out.toString();
  }

  private static WebhookRequest decodeStrict(byte[] body) throws IOException {
    JsonElement root = Json.parseFirstValue(body);
    WebhookRequest result = new WebhookRequest();
    if (root.isJsonNull()) return result;
    if (!root.isJsonObject()) {
      throw new IOException("json: cannot unmarshal " + Json.goKind(root) + " into Go value of type model.IncomingWebhookRequest");
    }
    JsonObject o = root.getAsJsonObject();
    result.text = Json.string(o, "text");
    result.username = Json.string(o, "username");
    result.iconUrl = Json.string(o, "icon_url");
    result.channel = Json.string(o, "channel");
    result.type = Json.string(o, "type");
    result.iconEmoji = Json.string(o, "icon_emoji");
    JsonElement props = Json.field(o, "props");
    if (props != null && !props.isJsonNull()) {
      if (!props.isJsonObject()) throw new IOException("json: cannot unmarshal " + Json.goKind(props) + " into props");
      result.props = props.getAsJsonObject().deepCopy();
    }
    result.attachments = SlackCompat.decodeAttachments(Json.field(o, "attachments"));
    JsonElement priority = Json.field(o, "priority");
    if (priority != null && !priority.isJsonNull()) {
      if (!priority.isJsonObject()) throw new IOException("json: cannot unmarshal " + Json.goKind(priority) + " into priority");
      result.priority = decodePriority(priority.getAsJsonObject());
    }
    return result;
  }

  /** model.PostPriority: {"priority": *string, "requested_ack": *bool, "persistent_notifications": *bool}. */
  private static JsonObject decodePriority(JsonObject in) throws IOException {
    JsonObject out = new JsonObject();
    JsonElement level = Json.field(in, "priority");
    if (level != null && !level.isJsonNull()) {
      if (!(level.isJsonPrimitive() && level.getAsJsonPrimitive().isString())) {
        throw new IOException("json: cannot unmarshal " + Json.goKind(level) + " into priority.priority");
      }
      out.add("priority", level);
    }
    for (String flag : new String[] {"requested_ack", "persistent_notifications"}) {
      JsonElement value = Json.field(in, flag);
      if (value == null || value.isJsonNull()) continue;
      if (!(value.isJsonPrimitive() && value.getAsJsonPrimitive().isBoolean())) {
        throw new IOException("json: cannot unmarshal " + Json.goKind(value) + " into priority." + flag);
      }
      out.add(flag, value);
    }
    return out;
  }

  /** app/webhook.go HandleIncomingWebhook, check for check in the server's order. */
  private void handleIncomingWebhook(String hookId, WebhookRequest req, SandboxSettings s) throws AppError {
    Map<String, Object> hookCtx = Map.of("hook_id", hookId);
    if (!s.enableIncomingWebhooks()) {
      throw AppError.of("HandleIncomingWebhook", "web.incoming_webhook.disabled.app_error", 501);
    }
    // Checked before the hook is looked up: an unknown hook with an empty payload is "No text specified".
    if (req.text.isEmpty() && req.attachments == null) {
      throw AppError.of("HandleIncomingWebhook", "web.incoming_webhook.text.app_error", hookCtx, "", 400);
    }
    // An unknown (or deleted) hook id is 400, not 404.
    Store.Hook hook = store.hook(hookId).orElseThrow(() ->
        AppError.of("HandleIncomingWebhook", "web.incoming_webhook.invalid.app_error", hookCtx, "", 400)
            .wrap("resource \"IncomingWebhook\" not found"));

    JsonObject props = req.props == null ? new JsonObject() : req.props;
    props.addProperty("webhook_display_name", hook.displayName);
    String text = SlackCompat.processText(req.text);
    String type = req.type;
    if (req.attachments != null && req.attachments.size() > 0) {
      props.add("attachments", req.attachments);
      type = "slack_attachment";
    } else {
      // CreateWebhookPost keeps props["attachments"] only as decoded top-level attachments
      // ([]*model.SlackAttachment); attachments sent inside "props" are dropped silently.
      props.remove("attachments");
    }

    Store.Channel channel;
    String channelName = req.channel;
    if (!channelName.isEmpty()) {
      if (channelName.charAt(0) == '@') {
        Store.User target = store.userByUsername(channelName.substring(1)).orElseThrow(() ->
            AppError.of("HandleIncomingWebhook", "web.incoming_webhook.user.app_error", hookCtx, "", 400));
        channel = store.directChannel(hook.userId, target.id);
      } else {
        String name = channelName.charAt(0) == '#' ? channelName.substring(1) : channelName;
        channel = store.channelByName(hook.teamId, name).orElseThrow(() ->
            AppError.of("HandleIncomingWebhook", "web.incoming_webhook.channel.app_error", 404)
                .wrap("resource \"Channel\" not found"));
      }
    } else {
      channel = store.channel(hook.channelId).orElseThrow(() ->
          AppError.of("HandleIncomingWebhook", "app.channel.get.existing.app_error", 404));
    }
    if (hook.channelLocked && !hook.channelId.equals(channel.id)) {
      throw AppError.of("HandleIncomingWebhook", "web.incoming_webhook.channel_locked.app_error",
          Map.of("hook_id", hookId, "channel_id", hook.channelId), "", 403);
    }
    if (store.user(hook.userId).isEmpty()) {
      throw AppError.of("HandleIncomingWebhook", "web.incoming_webhook.user.app_error", hookCtx, "", 403);
    }
    if (!channel.isOpen() && !store.canPost(hook.userId, channel.id)) {
      throw AppError.of("HandleIncomingWebhook", "web.incoming_webhook.permissions.app_error", hookCtx, "", 403);
    }
    String overrideUsername = req.username.isEmpty() ? hook.username : req.username;
    String overrideIconUrl = req.iconUrl.isEmpty() ? hook.iconUrl : req.iconUrl;
    createWebhookPost(hook.userId, channel, text, overrideUsername, overrideIconUrl, req.iconEmoji, props, type,
        req.priority, s);
  }

  /** app/webhook.go CreateWebhookPost. */
  private void createWebhookPost(String userId, Store.Channel channel, String text, String overrideUsername,
      String overrideIconUrl, String overrideIconEmoji, JsonObject props, String postType, JsonObject priority,
      SandboxSettings s) throws AppError {
    text = SlackCompat.linksToMarkdown(text);
    Store.Post post = new Store.Post();
    post.userId = userId;
    post.channelId = channel.id;
    post.message = text;
    post.type = postType;
    post.props.addProperty("from_webhook", "true");
    if (priority != null) {
      if (!priority.has("priority")) {
        throw AppError.of("CreateWebhookPost", "api.context.invalid_param.app_error",
            Map.of("Name", "webhook.priority.priority"), "Setting the priority of a post is required to use priority.", 400);
      }
      post.priority = priority;
    }
    if (postType.startsWith("system_")) {
      throw AppError.of("CreateWebhookPost", "api.context.invalid_param.app_error", Map.of("Name", "post.type"), "", 400);
    }
    // Overrides are silently dropped unless the admin enabled them (ServiceSettings.EnablePostUsernameOverride/IconOverride).
    if (s.enablePostUsernameOverride()) {
      post.props.addProperty("override_username", overrideUsername.isEmpty() ? "webhook" : overrideUsername);
    }
    if (s.enablePostIconOverride()) {
      if (!overrideIconUrl.isEmpty()) post.props.addProperty("override_icon_url", overrideIconUrl);
      if (!overrideIconEmoji.isEmpty()) post.props.addProperty("override_icon_emoji", overrideIconEmoji);
    }
    for (Map.Entry<String, JsonElement> e : props.entrySet()) {
      String key = e.getKey();
      if (key.equals("override_icon_url") || key.equals("override_username") || key.equals("from_webhook")) continue;
      post.props.add(key, e.getValue());
    }
    for (Store.Post split : split(post, s.maxPostSize())) {
      try {
        posts.create(split);
      } catch (AppError e) {
        throw AppError.of("CreateWebhookPost", "api.post.create_webhook_post.creating.app_error", Map.of(),
            "err=" + e.message(), 500);
      }
    }
  }

  /** app/webhook.go SplitWebhookPost: text over maxPostSize runes spills into more posts; attachments go last. */
  static List<Store.Post> split(Store.Post post, int maxPostSize) throws AppError {
    Store.Post base = post.copy();
    base.message = "";
    JsonElement attachments = base.props.remove("attachments");
    String baseProps = Json.GSON.toJson(base.props);
    if (baseProps.codePointCount(0, baseProps.length()) > PostsService.POST_PROPS_MAX_USER_RUNES) {
      throw AppError.of("SplitWebhookPost", "web.incoming_webhook.split_props_length.app_error",
          Map.of("Max", PostsService.POST_PROPS_MAX_USER_RUNES), "", 400);
    }
    List<Store.Post> splits = new ArrayList<>();
    String remaining = post.message;
    while (remaining.codePointCount(0, remaining.length()) > maxPostSize) {
      int cut = remaining.offsetByCodePoints(0, maxPostSize);
      Store.Post part = base.copy();
      part.message = remaining.substring(0, cut);
      remaining = remaining.substring(cut);
      splits.add(part);
    }
    Store.Post last = base.copy();
    last.message = remaining;
    if (attachments != null) {
      last.props.add("attachments", attachments);
      String lastProps = Json.GSON.toJson(last.props);
      if (lastProps.codePointCount(0, lastProps.length()) > PostsService.POST_PROPS_MAX_USER_RUNES) {
        throw AppError.of("SplitWebhookPost", "web.incoming_webhook.split_props_length.app_error",
            Map.of("Max", PostsService.POST_PROPS_MAX_USER_RUNES), "", 400);
      }
    }
    splits.add(last);
    return splits;
  }
}
