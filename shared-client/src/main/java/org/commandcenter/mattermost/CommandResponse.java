package org.commandcenter.mattermost;

import static java.util.Objects.requireNonNull;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.commandcenter.mattermost.rules.HttpUrls;

/**
 * A slash command's answer: {@code CommandResponse} (server/public/model/command_response.go), written with status
 * 200 and a Content-Type whose media type is exactly {@code application/json}; with any other type the server shows
 * the body as plain text (CommandResponseFromHTTPBody). Also what goes to a command's {@code response_url}.
 * {@link ResponseType#EPHEMERAL} answers reach only the user who typed the command; {@link ResponseType#IN_CHANNEL}
 * ones are posted in the channel as that user, marked {@code from_webhook} (HandleCommandResponsePost,
 * server/channels/app/command.go).
 */
public final class CommandResponse {
  private static final Gson GSON = new GsonBuilder().disableHtmlEscaping().serializeNulls().create();

  public enum ResponseType {
    IN_CHANNEL("in_channel"),
    EPHEMERAL("ephemeral");

    private final String wireValue;

    ResponseType(String wireValue) {
      this.wireValue = wireValue;
    }

    public String wireValue() {
      return wireValue;
    }
  }

  private final ResponseType responseType;
  private final String text;
  private final String username;
  private final String iconUrl;
  private final String gotoLocation;
  private final boolean skipSlackParsing;
  private final List<Attachment> attachments;
  private final Map<String, Object> props;
  private final List<CommandResponse> extraResponses;

  private CommandResponse(Builder builder) {
    this.responseType = builder.responseType;
    this.text = builder.text;
    this.username = builder.username;
    this.iconUrl = builder.iconUrl;
    this.gotoLocation = builder.gotoLocation;
    this.skipSlackParsing = builder.skipSlackParsing;
    this.attachments = List.copyOf(builder.attachments);
    this.props = Collections.unmodifiableMap(new LinkedHashMap<>(builder.props));
    this.extraResponses = List.copyOf(builder.extraResponses);
  }

  public static Builder ephemeral(String text) {
    return new Builder().responseType(ResponseType.EPHEMERAL).text(text);
  }

  public static Builder inChannel(String text) {
    return new Builder().responseType(ResponseType.IN_CHANNEL).text(text);
  }

  public static Builder builder() {
    return new Builder();
  }

  public ResponseType responseType() {
    return responseType;
  }

  public String text() {
    return text;
  }

  public String username() {
    return username;
  }

  public String iconUrl() {
    return iconUrl;
  }

  public String gotoLocation() {
    return gotoLocation;
  }

  public boolean skipSlackParsing() {
    return skipSlackParsing;
  }

  public List<Attachment> attachments() {
    return attachments;
  }

  public Map<String, Object> props() {
    return props;
  }

  public List<CommandResponse> extraResponses() {
    return extraResponses;
  }

  /** Every member of the Go struct, none omitted (it has no omitempty). */
  public String toJson() {
    return toJsonTree().toString();
  }

  JsonObject toJsonTree() {
    JsonObject json = new JsonObject();
    json.addProperty("response_type", responseType.wireValue());
    json.addProperty("text", text);
    json.addProperty("username", username);
    json.addProperty("channel_id", "");
    json.addProperty("icon_url", iconUrl);
    json.addProperty("type", "");
    json.add("props", props.isEmpty() ? JsonNull.INSTANCE : GSON.toJsonTree(props));
    json.addProperty("goto_location", gotoLocation);
    json.addProperty("trigger_id", "");
    json.addProperty("skip_slack_parsing", skipSlackParsing);
    if (attachments.isEmpty()) {
      // nil, not []: an ephemeral answer with neither text nor attachments must stay silent (CreateCommandPost).
      json.add("attachments", JsonNull.INSTANCE);
    } else {
      JsonArray array = new JsonArray();
      attachments.forEach(attachment -> array.add(Payloads.attachment(attachment)));
      json.add("attachments", array);
    }
    if (extraResponses.isEmpty()) {
      json.add("extra_responses", JsonNull.INSTANCE);
    } else {
      JsonArray array = new JsonArray();
      extraResponses.forEach(extra -> array.add(extra.toJsonTree()));
      json.add("extra_responses", array);
    }
    return json;
  }

  @Override
  public String toString() {
    return "CommandResponse{" + responseType.wireValue() + ", textLength=" + text.length() + "}";
  }

  public static final class Builder {
    private ResponseType responseType = ResponseType.EPHEMERAL;
    private String text = "";
    private String username = "";
    private String iconUrl = "";
    private String gotoLocation = "";
    private boolean skipSlackParsing;
    private final List<Attachment> attachments = new ArrayList<>();
    private final Map<String, Object> props = new LinkedHashMap<>();
    private final List<CommandResponse> extraResponses = new ArrayList<>();

    Builder() {}

    public Builder responseType(ResponseType responseType) {
      this.responseType = requireNonNull(responseType, "responseType == null");
      return this;
    }

    public Builder text(String text) {
      this.text = requireNonNull(text, "text == null");
      return this;
    }

    /** Shown instead of the user's name when the server allows overrides (EnablePostUsernameOverride). */
    public Builder username(String username) {
      this.username = requireNonNull(username, "username == null");
      return this;
    }

    public Builder iconUrl(String iconUrl) {
      this.iconUrl = requireNonNull(iconUrl, "iconUrl == null");
      return this;
    }

    public Builder gotoLocation(String gotoLocation) {
      this.gotoLocation = requireNonNull(gotoLocation, "gotoLocation == null");
      return this;
    }

    /** True: the server leaves the text alone instead of turning {@code <!channel>} and {@code <url|text>} into Markdown. */
    public Builder skipSlackParsing(boolean skipSlackParsing) {
      this.skipSlackParsing = skipSlackParsing;
      return this;
    }

    public Builder addAttachment(Attachment attachment) {
      this.attachments.add(requireNonNull(attachment, "attachment == null"));
      return this;
    }

    public Builder prop(String key, Object value) {
      requireNonNull(key, "key == null");
      requireNonNull(value, "value == null");
      this.props.put(key, value);
      return this;
    }

    /** Further posts, each handled as a response of its own (HandleCommandResponse). */
    public Builder addExtraResponse(CommandResponse extra) {
      this.extraResponses.add(requireNonNull(extra, "extra == null"));
      return this;
    }

    /** @throws IllegalArgumentException where CommandResponse.IsValid would complain, naming the field */
    public CommandResponse build() {
      HttpUrls.requireValidOrEmpty("iconUrl", iconUrl);
      if (!gotoLocation.isEmpty() && !(gotoLocation.startsWith("/") || HttpUrls.isValid(gotoLocation))) {
        throw Checks.invalid("gotoLocation", "must be a path or an absolute http(s) URL");
      }
      if (Checks.codePointLength(text) > TextSplitter.MAX_POST_RUNES) {
        throw Checks.invalid("text", "must fit in one post (" + TextSplitter.MAX_POST_RUNES + " characters)");
      }
      List<Action> actions = new ArrayList<>();
      attachments.forEach(attachment -> actions.addAll(attachment.actions()));
      Checks.requireDistinctActionIds("attachments.actions", actions);
      return new CommandResponse(this);
    }
  }
}
