package org.commandcenter.mattermost;

import static java.util.Objects.requireNonNull;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import okhttp3.FormBody;
import okhttp3.HttpUrl;
import okio.Buffer;

/**
 * What Mattermost sends a custom slash command's URL: the form fields of tryExecuteCustomCommand
 * (server/channels/app/command.go), POSTed as {@code application/x-www-form-urlencoded} with
 * {@code Authorization: Token <token>} (DoCommandRequest). The token is the command's secret: compare it in constant
 * time, and never log it ({@link #toString()} leaves it out).
 */
public final class SlashCommand {
  /** The fields the server sets once each; a second value of any of them is refused as ambiguous. */
  private static final List<String> SINGLE_FIELDS = List.of("token", "team_id", "team_domain", "channel_id",
      "channel_name", "user_id", "user_name", "command", "text", "trigger_id", "root_id", "response_url");

  private final Map<String, String> fields;

  private SlashCommand(Map<String, String> fields) {
    this.fields = fields;
  }

  /**
   * Reads a form-encoded body.
   *
   * @throws IllegalArgumentException naming the field, e.g. {@code user_id: must be a 26-character Mattermost id}
   */
  public static SlashCommand parseForm(String body) {
    requireNonNull(body, "body == null");
    HttpUrl form = new HttpUrl.Builder().scheme("http").host("form.invalid").encodedQuery(body.strip()).build();
    Map<String, String> fields = new LinkedHashMap<>();
    for (String name : SINGLE_FIELDS) {
      List<String> values = form.queryParameterValues(name);
      if (values.size() > 1) {
        throw Checks.invalid(name, "given more than once");
      }
      String value = values.isEmpty() ? null : values.get(0);
      fields.put(name, value == null ? "" : value);
    }
    Checks.requireId("user_id", fields.get("user_id"));
    Checks.requireId("channel_id", fields.get("channel_id"));
    if (!fields.get("command").startsWith("/")) {
      throw Checks.invalid("command", "must be the trigger with its slash, e.g. /jenkins");
    }
    return new SlashCommand(fields);
  }

  public static Builder builder() {
    return new Builder();
  }

  /** The command's token as the form carries it ("" when absent). */
  public String token() {
    return fields.get("token");
  }

  public String teamId() {
    return fields.get("team_id");
  }

  public String teamDomain() {
    return fields.get("team_domain");
  }

  public String channelId() {
    return fields.get("channel_id");
  }

  public String channelName() {
    return fields.get("channel_name");
  }

  public String userId() {
    return fields.get("user_id");
  }

  public String userName() {
    return fields.get("user_name");
  }

  /** {@code /jenkins}: the trigger, lower-cased by the server. */
  public String command() {
    return fields.get("command");
  }

  /** Everything after the trigger and the first whitespace. */
  public String text() {
    return fields.get("text");
  }

  public String triggerId() {
    return fields.get("trigger_id");
  }

  /** The thread the command was typed in, or "". */
  public String rootId() {
    return fields.get("root_id");
  }

  /** {@code <SiteURL>/hooks/commands/<id>}: five more answers within 30 minutes. A secret of sorts, too. */
  public String responseUrl() {
    return fields.get("response_url");
  }

  /** The form body as Mattermost writes it (keys sorted, as Go's url.Values.Encode sorts them). */
  public String toForm() {
    FormBody.Builder form = new FormBody.Builder();
    new TreeMap<>(fields).forEach(form::add);
    Buffer buffer = new Buffer();
    try {
      form.build().writeTo(buffer);
    } catch (java.io.IOException e) {
      throw new IllegalStateException(e);
    }
    return buffer.readUtf8();
  }

  @Override
  public String toString() {
    return "SlashCommand{" + fields.get("command") + " by " + fields.get("user_name") + " in "
        + fields.get("channel_name") + "}";
  }

  /** Builds the request a server would send, for tests and stand-ins. */
  public static final class Builder {
    private final Map<String, String> fields = new LinkedHashMap<>();

    Builder() {
      SINGLE_FIELDS.forEach(name -> fields.put(name, ""));
    }

    public Builder token(String token) {
      return set("token", token);
    }

    public Builder teamId(String teamId) {
      return set("team_id", teamId);
    }

    public Builder teamDomain(String teamDomain) {
      return set("team_domain", teamDomain);
    }

    public Builder channelId(String channelId) {
      return set("channel_id", channelId);
    }

    public Builder channelName(String channelName) {
      return set("channel_name", channelName);
    }

    public Builder userId(String userId) {
      return set("user_id", userId);
    }

    public Builder userName(String userName) {
      return set("user_name", userName);
    }

    public Builder command(String command) {
      return set("command", command);
    }

    public Builder text(String text) {
      return set("text", text);
    }

    public Builder triggerId(String triggerId) {
      return set("trigger_id", triggerId);
    }

    public Builder rootId(String rootId) {
      return set("root_id", rootId);
    }

    public Builder responseUrl(String responseUrl) {
      return set("response_url", responseUrl);
    }

    private Builder set(String name, String value) {
      fields.put(name, requireNonNull(value, name + " == null"));
      return this;
    }

    public SlashCommand build() {
      return parseForm(new SlashCommand(fields).toForm());
    }
  }
}
