package org.commandcenter.sandbox.internal;

import static java.util.Objects.requireNonNull;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;
import org.commandcenter.sandbox.SandboxSettings;

/**
 * Interactive message buttons: the click route {@code POST /api/v4/posts/{post_id}/actions/{action_id:[A-Za-z0-9]+}}
 * (server/channels/api4/integration_action.go doPostAction) and what the server then does
 * (server/channels/app/integration_action.go DoPostActionWithCookie, DoActionRequest): POST the bare
 * PostActionIntegrationRequest JSON to the action's URL, treat any status but 200 as "Action integration error.",
 * merge the answer's {@code update} into the post and send its {@code ephemeral_text} to the clicking user only.
 */
public final class IntegrationActions {
  private final Store store;
  private final PostsService posts;
  private final Supplier<SandboxSettings> settings;
  private final OutgoingHttp http;
  private final TriggerIds triggerIds;

  IntegrationActions(Store store, PostsService posts, Supplier<SandboxSettings> settings, OutgoingHttp http,
      TriggerIds triggerIds) {
    this.store = requireNonNull(store, "store == null");
    this.posts = requireNonNull(posts, "posts == null");
    this.settings = requireNonNull(settings, "settings == null");
    this.http = requireNonNull(http, "http == null");
    this.triggerIds = requireNonNull(triggerIds, "triggerIds == null");
  }

  public static IntegrationActions create(Store store, PostsService posts, Supplier<SandboxSettings> settings) {
    return new IntegrationActions(store, posts, settings, new OutgoingHttp(), new TriggerIds());
  }

  /** doPostAction: the body is DoPostActionRequest, whose decode errors are only logged by the server. */
  HttpResponse route(HttpRequest request, Store.User user, String postId, String actionId) throws AppError {
    String selectedOption = "";
    String cookie = "";
    try {
      JsonElement body = Json.parseFirstValue(request.body());
      if (body.isJsonObject()) {
        selectedOption = Json.string(body.getAsJsonObject(), "selected_option");
        cookie = Json.string(body.getAsJsonObject(), "cookie");
      }
    } catch (IOException | RuntimeException ignored) {
      // api4: c.Logger.Warn("Error decoding the action request") and go on.
    }
    return HttpResponse.json(200, click(user, postId, actionId, selectedOption, cookie));
  }

  /**
   * One click as {@code user}: the permission check of doPostAction, then DoPostActionWithCookie. Returns the
   * PostActionAPIResponse {@code {"status":"OK","trigger_id":…}}.
   */
  public JsonObject click(Store.User user, String postId, String actionId, String selectedOption, String cookie)
      throws AppError {
    if (!cookie.isEmpty()) {
      // Cookies are encrypted by the server for ephemeral posts' buttons; the sandbox never hands any out.
      throw AppError.of("DoPostAction", "api.post.do_action.action_integration.app_error", Map.of(),
          "cookie: cannot decrypt", 400);
    }
    Store.Post post = store.post(postId).orElse(null);
    // SessionHasPermissionToReadPost / SessionHasPermissionToChannelByPost(read_channel_content).
    if (post == null || !store.canRead(user.id, post.channelId)) {
      throw AppError.of("Permissions", "api.context.permissions.app_error", Map.of(),
          "userId=" + user.id + ", permission=read_channel_content", 403);
    }
    JsonObject action = action(post, actionId);
    JsonElement integration = action == null ? null : action.get("integration");
    if (integration == null || !integration.isJsonObject()) {
      throw AppError.of("DoPostActionWithCookie", "api.post.do_action.action_id.app_error", Map.of(),
          "action=" + (action == null ? "<nil>" : action), 404);
    }
    Store.Channel channel = store.channel(post.channelId).orElseThrow();
    String type = Json.stringOr(action, "type");
    Map<String, Object> request = new LinkedHashMap<>();
    request.put("user_id", user.id);
    request.put("user_name", user.username);
    request.put("channel_id", post.channelId);
    request.put("channel_name", channel.name);
    request.put("team_id", channel.teamId);
    request.put("team_domain", store.team(channel.teamId).map(t -> t.name).orElse(""));
    request.put("post_id", postId);
    String[] trigger = triggerIds.generate(user.id, store.nowMillis());
    request.put("trigger_id", trigger[1]);
    request.put("type", type);
    JsonElement context = integration.getAsJsonObject().get("context");
    JsonObject contextCopy = context != null && context.isJsonObject() ? context.getAsJsonObject().deepCopy() : null;
    String dataSource = "";
    if (type.equals("select") && !selectedOption.isEmpty()) {
      if (contextCopy == null) contextCopy = new JsonObject();
      dataSource = Json.stringOr(action, "data_source");
      contextCopy.addProperty("selected_option", selectedOption);
    }
    request.put("data_source", dataSource);
    if (contextCopy != null && contextCopy.size() > 0) request.put("context", contextCopy);

    String url = Json.stringOr(integration.getAsJsonObject(), "url");
    JsonObject response = call(url, Json.GSON.toJson(request).getBytes(StandardCharsets.UTF_8));
    apply(user, post, response);
    JsonObject answer = new JsonObject();
    answer.addProperty("status", "OK");
    answer.addProperty("trigger_id", trigger[0]);
    return answer;
  }

  /** Post.GetAction: the first action with this id in any attachment. */
  private static JsonObject action(Store.Post post, String actionId) {
    for (JsonElement attachment : post.attachments()) {
      if (!attachment.isJsonObject()) continue;
      JsonElement actions = attachment.getAsJsonObject().get("actions");
      if (actions == null || !actions.isJsonArray()) continue;
      for (JsonElement action : actions.getAsJsonArray()) {
        if (action.isJsonObject() && actionId.equals(Json.stringOr(action.getAsJsonObject(), "id"))) {
          return action.getAsJsonObject();
        }
      }
    }
    return null;
  }

  /** DoActionRequest: POST JSON, 200 only, under OutgoingIntegrationRequestsTimeout, to untrusted addresses only. */
  private JsonObject call(String url, byte[] body) throws AppError {
    SandboxSettings s = settings.get();
    if (url.startsWith("/plugins/") || url.startsWith("plugins/")) {
      // DoLocalRequest to a plugin's ServeHTTP: the sandbox's only plugin (Calls) has no action handlers.
      throw integrationError("status=404");
    }
    URI uri;
    try {
      uri = URI.create(url);
    } catch (IllegalArgumentException e) {
      throw integrationError("").wrap("parse \"" + url + "\": " + e.getMessage());
    }
    OutgoingHttp.Answer answer;
    try {
      answer = http.send("POST", uri, Map.of("Content-Type", "application/json", "Accept", "application/json"), body,
          Duration.ofSeconds(s.outgoingIntegrationRequestsTimeoutSeconds()), s.allowedUntrustedInternalConnections());
    } catch (IOException e) {
      throw integrationError("err=" + e.getMessage());
    }
    if (answer.status() != 200) {
      throw integrationError("status=" + answer.status());
    }
    if (answer.body().length == 0) return new JsonObject();
    try {
      JsonElement parsed = Json.parseFirstValue(answer.body());
      if (parsed.isJsonNull()) return new JsonObject();
      if (!parsed.isJsonObject()) {
        throw new IOException("json: cannot unmarshal " + Json.goKind(parsed)
            + " into Go value of type model.PostActionIntegrationResponse");
      }
      JsonObject response = parsed.getAsJsonObject();
      Json.string(response, "ephemeral_text");
      JsonElement update = Json.field(response, "update");
      if (update != null && !update.isJsonNull() && !update.isJsonObject()) {
        throw new IOException("json: cannot unmarshal " + Json.goKind(update) + " into Go struct field "
            + "PostActionIntegrationResponse.update of type model.Post");
      }
      return response;
    } catch (IOException e) {
      throw integrationError("").wrap(e.getMessage());
    }
  }

  private void apply(Store.User user, Store.Post post, JsonObject response) throws AppError {
    JsonElement update = Json.field(response, "update");
    if (update != null && update.isJsonObject()) {
      posts.updateByIntegration(post.id, update.getAsJsonObject());
    }
    String ephemeralText = Json.stringOr(response, "ephemeral_text");
    if (!ephemeralText.isEmpty()) {
      JsonElement skip = Json.field(response, "skip_slack_parsing");
      boolean skipSlackParsing = skip != null && skip.isJsonPrimitive() && skip.getAsJsonPrimitive().isBoolean()
          && skip.getAsBoolean();
      Store.Post ephemeral = new Store.Post();
      ephemeral.message = skipSlackParsing ? ephemeralText : SlackCompat.linksToMarkdown(ephemeralText);
      ephemeral.channelId = post.channelId;
      ephemeral.rootId = post.rootId.isEmpty() ? post.id : post.rootId;
      ephemeral.userId = user.id;
      for (String key : PostsService.RETAIN_PROP_KEYS) {
        if (post.props.has(key)) ephemeral.props.add(key, post.props.get(key).deepCopy());
      }
      posts.sendEphemeral(user.id, ephemeral);
    }
  }

  private static AppError integrationError(String detail) {
    return AppError.of("DoActionRequest", "api.post.do_action.action_integration.app_error", Map.of(), detail, 400);
  }
}
