package org.commandcenter.mattermost;

import static java.util.Objects.requireNonNull;

import com.google.gson.JsonNull;
import com.google.gson.JsonObject;

/**
 * An integration's answer to a click, written with status 200 and {@code Content-Type: application/json}: a
 * {@code PostActionIntegrationResponse} (server/public/model/integration_action.go). Any other status shows the
 * clicking user "Action integration error." and nothing else (DoActionRequest, server/channels/app/integration_action.go),
 * so refusals are answers too: {@link #ephemeralText()} reaches only the user who clicked, in the post's thread, and is
 * the only way an integration without system-admin rights can speak to one person (POST /api/v4/posts/ephemeral
 * needs the create_post_ephemeral permission).
 */
public final class ActionResponse {
  private final PostUpdate update;
  private final String ephemeralText;
  private final boolean skipSlackParsing;

  private ActionResponse(Builder builder) {
    this.update = builder.update;
    this.ephemeralText = builder.ephemeralText;
    this.skipSlackParsing = builder.skipSlackParsing;
  }

  public static Builder builder() {
    return new Builder();
  }

  /** Changes nothing and says nothing (an empty 200 does the same). */
  public static ActionResponse none() {
    return builder().build();
  }

  /** Null when the post stays as it is. */
  public PostUpdate update() {
    return update;
  }

  /** "" when nobody is told anything. */
  public String ephemeralText() {
    return ephemeralText;
  }

  public boolean skipSlackParsing() {
    return skipSlackParsing;
  }

  /** The body, every member present as Go's encoder writes the struct. */
  public String toJson() {
    JsonObject json = new JsonObject();
    json.add("update", update == null ? JsonNull.INSTANCE : update.toJsonTree());
    json.addProperty("ephemeral_text", ephemeralText);
    json.addProperty("skip_slack_parsing", skipSlackParsing);
    return json.toString();
  }

  @Override
  public String toString() {
    return "ActionResponse{update=" + (update != null) + ", ephemeralTextLength=" + ephemeralText.length() + "}";
  }

  public static final class Builder {
    private PostUpdate update;
    private String ephemeralText = "";
    private boolean skipSlackParsing;

    Builder() {}

    public Builder update(PostUpdate update) {
      this.update = update;
      return this;
    }

    /** Markdown for the clicking user only. */
    public Builder ephemeralText(String ephemeralText) {
      this.ephemeralText = requireNonNull(ephemeralText, "ephemeralText == null");
      return this;
    }

    /** True: the server leaves {@code <url|text>} alone instead of turning it into a link (ParseSlackLinksToMarkdown). */
    public Builder skipSlackParsing(boolean skipSlackParsing) {
      this.skipSlackParsing = skipSlackParsing;
      return this;
    }

    public ActionResponse build() {
      if (Checks.codePointLength(ephemeralText) > TextSplitter.MAX_POST_RUNES) {
        throw Checks.invalid("ephemeralText", "must fit in one post (" + TextSplitter.MAX_POST_RUNES + " characters)");
      }
      return new ActionResponse(this);
    }
  }
}
