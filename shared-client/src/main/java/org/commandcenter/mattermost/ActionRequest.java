package org.commandcenter.mattermost;

import static java.util.Objects.requireNonNull;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonElement;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import com.google.gson.annotations.SerializedName;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.commandcenter.mattermost.rules.MattermostIds;

/**
 * What Mattermost POSTs to an action's integration URL when someone clicks it: a bare JSON
 * {@code PostActionIntegrationRequest} (server/public/model/integration_action.go), sent by DoPostActionWithCookie
 * (server/channels/app/integration_action.go) with {@code Content-Type: application/json} and no credentials at all.
 * Who clicked ({@link #userId()}) is what the server says; the {@link #context()} is what the post stored.
 */
public final class ActionRequest {
  private static final Gson GSON = new GsonBuilder().disableHtmlEscaping().create();

  private final Wire wire;
  private final Map<String, Object> context;

  private ActionRequest(Wire wire) {
    this.wire = wire;
    this.context = wire.context == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(wire.context));
  }

  /**
   * Reads a request body.
   *
   * @throws IllegalArgumentException naming what is wrong, e.g. {@code user_id: must be a 26-character Mattermost id}
   */
  public static ActionRequest parse(String json) {
    requireNonNull(json, "json == null");
    JsonElement root;
    try {
      root = JsonParser.parseString(json);
    } catch (JsonParseException e) {
      throw Checks.invalid("body", "not JSON: " + e.getMessage());
    }
    if (!root.isJsonObject()) {
      throw Checks.invalid("body", "must be a JSON object (Mattermost's PostActionIntegrationRequest)");
    }
    Wire wire;
    try {
      wire = GSON.fromJson(root, Wire.class);
    } catch (JsonParseException e) {
      throw Checks.invalid("body", "not a Mattermost action request: " + e.getMessage());
    }
    MattermostIds.require("user_id", wire.userId);
    MattermostIds.require("post_id", wire.postId);
    MattermostIds.require("channel_id", wire.channelId);
    return new ActionRequest(wire.orEmpty());
  }

  public static Builder builder() {
    return new Builder();
  }

  public String userId() {
    return wire.userId;
  }

  /** The clicking user's username, as the server filled it in. */
  public String userName() {
    return wire.userName;
  }

  public String channelId() {
    return wire.channelId;
  }

  public String channelName() {
    return wire.channelName;
  }

  /** "" in direct and group messages. */
  public String teamId() {
    return wire.teamId;
  }

  /** The team's name (URL name), "" in direct and group messages. */
  public String teamDomain() {
    return wire.teamDomain;
  }

  /** The post whose button was clicked (the root post or a reply). */
  public String postId() {
    return wire.postId;
  }

  public String triggerId() {
    return wire.triggerId;
  }

  /** {@code button} or {@code select}. */
  public String type() {
    return wire.type;
  }

  public String dataSource() {
    return wire.dataSource;
  }

  /** The action's stored context; JSON numbers come back as doubles. */
  public Map<String, Object> context() {
    return context;
  }

  /** The body as Mattermost writes it, members in its order; for stand-ins and tests. */
  public String toJson() {
    return GSON.toJson(wire);
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof ActionRequest && ((ActionRequest) other).toJson().equals(toJson());
  }

  @Override
  public int hashCode() {
    return Objects.hash(wire.userId, wire.postId);
  }

  /** Leaves out the context, which may be a credential. */
  @Override
  public String toString() {
    return "ActionRequest{user=" + wire.userName + ", post=" + wire.postId + ", channel=" + wire.channelName + "}";
  }

  /** PostActionIntegrationRequest's members, in the server's order. */
  private static final class Wire {
    @SerializedName("user_id")
    String userId;
    @SerializedName("user_name")
    String userName;
    @SerializedName("channel_id")
    String channelId;
    @SerializedName("channel_name")
    String channelName;
    @SerializedName("team_id")
    String teamId;
    @SerializedName("team_domain")
    String teamDomain;
    @SerializedName("post_id")
    String postId;
    @SerializedName("trigger_id")
    String triggerId;
    @SerializedName("type")
    String type;
    @SerializedName("data_source")
    String dataSource;
    @SerializedName("context")
    Map<String, Object> context;

    Wire orEmpty() {
      Wire copy = new Wire();
      copy.userId = nz(userId);
      copy.userName = nz(userName);
      copy.channelId = nz(channelId);
      copy.channelName = nz(channelName);
      copy.teamId = nz(teamId);
      copy.teamDomain = nz(teamDomain);
      copy.postId = nz(postId);
      copy.triggerId = nz(triggerId);
      copy.type = nz(type);
      copy.dataSource = nz(dataSource);
      copy.context = context == null || context.isEmpty() ? null : context;
      return copy;
    }

    private static String nz(String value) {
      return value == null ? "" : value;
    }
  }

  /** Builds the request a server would send, e.g. in a test or a stand-in. */
  public static final class Builder {
    private final Wire wire = new Wire();

    Builder() {}

    public Builder userId(String userId) {
      wire.userId = userId;
      return this;
    }

    public Builder userName(String userName) {
      wire.userName = userName;
      return this;
    }

    public Builder channelId(String channelId) {
      wire.channelId = channelId;
      return this;
    }

    public Builder channelName(String channelName) {
      wire.channelName = channelName;
      return this;
    }

    public Builder teamId(String teamId) {
      wire.teamId = teamId;
      return this;
    }

    public Builder teamDomain(String teamDomain) {
      wire.teamDomain = teamDomain;
      return this;
    }

    public Builder postId(String postId) {
      wire.postId = postId;
      return this;
    }

    public Builder triggerId(String triggerId) {
      wire.triggerId = triggerId;
      return this;
    }

    public Builder type(String type) {
      wire.type = type;
      return this;
    }

    public Builder context(Map<String, ?> context) {
      requireNonNull(context, "context == null");
      wire.context = new LinkedHashMap<>(context);
      return this;
    }

    /** @throws IllegalArgumentException as {@link #parse} would for the same body */
    public ActionRequest build() {
      return parse(GSON.toJson(wire.orEmpty()));
    }
  }
}
