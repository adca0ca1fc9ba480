package org.commandcenter.mattermost;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What a {@link DeliveryEngine} delivers as one unit: the posts and updates of one notification to one channel,
 * in order. It names its Mattermost connection by a key the host resolves to a client when sending
 * ({@link ClientResolver}), so no secret is ever part of it. Immutable; a new delivery gets a new {@link #id()}.
 *
 * <pre>{@code
 * Delivery failed = Delivery.builder()
 *     .connection("global")
 *     .channel("builds")
 *     .post(rootPost)                      // step 0
 *     .reply(0, logTailPost)               // step 1, in the thread of step 0's post
 *     .summary(Delivery.Summary.of(Delivery.Severity.ERROR, "app #42 failed", buildUrl))
 *     .coalesceKey("app#42")
 *     .build();
 * }</pre>
 */
public final class Delivery {
  /** Keeps a key a name, not a document: it is written to the outbox with every delivery. */
  static final int MAX_KEY_LENGTH = 200;

  private final String id;
  private final String connection;
  private final String channel;
  private final List<Step> steps;
  private final String coalesceKey;
  private final Summary summary;
  private final String condition;
  private final Map<String, String> attributes;

  private Delivery(Builder builder) {
    this.id = builder.id != null ? builder.id : Ids.newId();
    this.connection = builder.connection;
    this.channel = builder.channel;
    this.steps = List.copyOf(builder.steps);
    this.coalesceKey = builder.coalesceKey;
    this.summary = builder.summary;
    this.condition = builder.condition;
    this.attributes = Collections.unmodifiableMap(new LinkedHashMap<>(builder.attributes));
  }

  public static Builder builder() {
    return new Builder();
  }

  /** A builder with this delivery's content; what it builds is a new delivery, with a new id. */
  public Builder newBuilder() {
    return new Builder(this);
  }

  /** Random, 26 characters; marks every post this delivery creates (so a repeat can be recognised). */
  public String id() {
    return id;
  }

  /** The host's name for the Mattermost connection and credential to send with; never a secret. */
  public String connection() {
    return connection;
  }

  /** The channel every post goes to (a name, {@code @user} or an id), or null for a webhook's own channel. */
  public String channel() {
    return channel;
  }

  public List<Step> steps() {
    return steps;
  }

  /**
   * Deliveries with the same key replace each other while waiting: a newer one takes the place of an older one
   * that has not created anything yet (e.g. the "completed" state of a build replacing its "started"). Null when
   * the delivery never replaces another.
   */
  public String coalesceKey() {
    return coalesceKey;
  }

  /**
   * Its line in a digest, or null: only a delivery with a summary whose first step creates a root post may be
   * folded into a digest when too many wait for one channel.
   */
  public Summary summary() {
    return summary;
  }

  /**
   * A condition of the host's, or null (the default): the engine asks the host's {@link DeliveryCondition} on a
   * delivery thread, just before the delivery would first be sent, and withdraws it unsent when the condition no
   * longer holds. For what only the host can find out, slowly (a web API), so that whoever submits need not wait.
   */
  public String condition() {
    return condition;
  }

  /** The host's own data, handed back with every outcome (e.g. which build to record a thread on); no secrets. */
  public Map<String, String> attributes() {
    return attributes;
  }

  /** True when a storm may fold this delivery into a digest post. */
  boolean isDigestible() {
    Step first = steps.get(0);
    return summary != null && first.kind() == Step.Kind.CREATE && first.replyTo() < 0
        && first.post().rootId() == null;
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof Delivery && ((Delivery) other).id.equals(id)
        && ((Delivery) other).connection.equals(connection)
        && Objects.equals(((Delivery) other).channel, channel)
        && ((Delivery) other).steps.equals(steps)
        && Objects.equals(((Delivery) other).coalesceKey, coalesceKey)
        && Objects.equals(((Delivery) other).summary, summary)
        && Objects.equals(((Delivery) other).condition, condition)
        && ((Delivery) other).attributes.equals(attributes);
  }

  @Override
  public int hashCode() {
    return id.hashCode();
  }

  /** Leaves out the posts (their text is not ours to log) and the attributes. */
  @Override
  public String toString() {
    return "Delivery{id=" + id + ", connection=" + connection + ", channel=" + channel + ", steps=" + steps.size()
        + (summary != null ? ", summary=" + summary : "") + (condition != null ? ", condition=" + condition : "")
        + "}";
  }

  /** One request of a delivery: create a post (a root, or a reply), or update an existing post in place. */
  public static final class Step {
    public enum Kind { CREATE, UPDATE }

    private final Kind kind;
    private final Post post;
    private final int replyTo;
    private final String postId;

    private Step(Kind kind, Post post, int replyTo, String postId) {
      this.kind = kind;
      this.post = post;
      this.replyTo = replyTo;
      this.postId = postId;
    }

    public Kind kind() {
      return kind;
    }

    public Post post() {
      return post;
    }

    /** For a reply in the thread of an earlier step's post: that step's index; else -1. */
    public int replyTo() {
      return replyTo;
    }

    /** For an update: the post to update; else null. */
    public String postId() {
      return postId;
    }

    @Override
    public boolean equals(Object other) {
      return other instanceof Step && ((Step) other).kind == kind && ((Step) other).post.equals(post)
          && ((Step) other).replyTo == replyTo && Objects.equals(((Step) other).postId, postId);
    }

    @Override
    public int hashCode() {
      return Objects.hash(kind, post, replyTo, postId);
    }

    @Override
    public String toString() {
      return "Step{" + kind + (replyTo >= 0 ? ", replyTo=" + replyTo : "")
          + (postId != null ? ", postId=" + postId : "") + "}";
    }
  }

  /** How bad a summarised notification is: a digest lists the worst first. */
  public enum Severity {
    ERROR(":red_circle:"),
    WARNING(":large_orange_diamond:"),
    NOTICE(":large_blue_circle:"),
    SUCCESS(":white_check_mark:");

    private final String emoji;

    Severity(String emoji) {
      this.emoji = emoji;
    }

    /** The emoji that starts its line in a digest. */
    public String emoji() {
      return emoji;
    }
  }

  /** A notification's line in a digest: plain text (shown literally) and an optional http(s) link. */
  public static final class Summary {
    /** A line, not a paragraph. */
    static final int MAX_TEXT_LENGTH = 300;

    private final Severity severity;
    private final String text;
    private final String link;

    private Summary(Severity severity, String text, String link) {
      this.severity = severity;
      this.text = text;
      this.link = link;
    }

    /**
     * @param text plain text, e.g. {@code app » main #42 failed}; one line of at most 300 characters
     * @param link http(s) URL the line links to, or null
     */
    public static Summary of(Severity severity, String text, String link) {
      requireNonNull(severity, "severity == null");
      requireNonNull(text, "text == null");
      if (text.isBlank()) {
        throw Checks.invalid("summary.text", "must not be blank");
      }
      if (text.length() > MAX_TEXT_LENGTH) {
        throw Checks.invalid("summary.text", "at most " + MAX_TEXT_LENGTH + " characters");
      }
      if (link != null) {
        Checks.requireHttpUrl("summary.link", link);
        if (link.isEmpty()) {
          throw Checks.invalid("summary.link", "must not be empty when set");
        }
      }
      return new Summary(severity, text, link);
    }

    public Severity severity() {
      return severity;
    }

    public String text() {
      return text;
    }

    /** Null when the line links nowhere. */
    public String link() {
      return link;
    }

    @Override
    public boolean equals(Object other) {
      return other instanceof Summary && ((Summary) other).severity == severity
          && ((Summary) other).text.equals(text) && Objects.equals(((Summary) other).link, link);
    }

    @Override
    public int hashCode() {
      return Objects.hash(severity, text, link);
    }

    @Override
    public String toString() {
      return severity + " " + text;
    }
  }

  public static final class Builder {
    private String id;
    private String connection;
    private String channel;
    private final List<Step> steps = new ArrayList<>();
    private String coalesceKey;
    private Summary summary;
    private String condition;
    private final Map<String, String> attributes = new LinkedHashMap<>();

    Builder() {}

    Builder(Delivery delivery) {
      this.connection = delivery.connection;
      this.channel = delivery.channel;
      this.steps.addAll(delivery.steps);
      this.coalesceKey = delivery.coalesceKey;
      this.summary = delivery.summary;
      this.condition = delivery.condition;
      this.attributes.putAll(delivery.attributes);
    }

    /** Restores a stored delivery's identity (the outbox). */
    Builder id(String id) {
      this.id = Checks.requireId("id", requireNonNull(id, "id == null"));
      return this;
    }

    /** Required: the host's key for the connection, e.g. {@code global} or a credential id; never a secret. */
    public Builder connection(String connection) {
      this.connection = requireNonNull(connection, "connection == null");
      return this;
    }

    /** The channel of every post; null (the default) for a webhook's own channel. */
    public Builder channel(String channel) {
      this.channel = channel;
      return this;
    }

    /**
     * Adds a step that creates {@code post}: a root post, or a reply when the post has a root id. Its channel
     * must be the delivery's, or unset.
     */
    public Builder post(Post post) {
      requireNonNull(post, "post == null");
      steps.add(new Step(Step.Kind.CREATE, post, -1, null));
      return this;
    }

    /** Adds a step that creates {@code post} in the thread of the post created by step {@code step}. */
    public Builder reply(int step, Post post) {
      requireNonNull(post, "post == null");
      if (step < 0 || step >= steps.size() || steps.get(step).kind != Step.Kind.CREATE) {
        throw Checks.invalid("steps[" + steps.size() + "].replyTo", "must be an earlier step that creates a post");
      }
      if (post.rootId() != null) {
        throw Checks.invalid("steps[" + steps.size() + "].post.rootId", "must be unset for a reply to a step");
      }
      steps.add(new Step(Step.Kind.CREATE, post, step, null));
      return this;
    }

    /** Adds a step that replaces an existing post's text, attachments and props ({@link MattermostClient#update}). */
    public Builder update(String postId, Post post) {
      requireNonNull(postId, "postId == null");
      requireNonNull(post, "post == null");
      Checks.requireId("steps[" + steps.size() + "].postId", postId);
      steps.add(new Step(Step.Kind.UPDATE, post, -1, postId));
      return this;
    }

    public Builder coalesceKey(String coalesceKey) {
      this.coalesceKey = coalesceKey;
      return this;
    }

    public Builder summary(Summary summary) {
      this.summary = summary;
      return this;
    }

    /** See {@link Delivery#condition()}; null (the default) for none. */
    public Builder condition(String condition) {
      this.condition = condition;
      return this;
    }

    /** Host data handed back with the outcome; a null value removes the attribute. */
    public Builder attribute(String name, String value) {
      requireNonNull(name, "name == null");
      if (value == null) {
        attributes.remove(name);
      } else {
        attributes.put(name, value);
      }
      return this;
    }

    /** @throws IllegalArgumentException naming the offending field */
    public Delivery build() {
      checkKey("connection", connection, true);
      checkKey("coalesceKey", coalesceKey, false);
      checkKey("condition", condition, false);
      if (steps.isEmpty()) {
        throw Checks.invalid("steps", "at least one post or update");
      }
      for (int i = 0; i < steps.size(); i++) {
        String postChannel = steps.get(i).post.channel();
        if (steps.get(i).kind == Step.Kind.CREATE && postChannel != null && !postChannel.equals(channel)) {
          throw Checks.invalid("steps[" + i + "].post.channel", "must be the delivery's channel or unset");
        }
      }
      if (channel != null && (channel.isBlank() || channel.chars().anyMatch(Character::isWhitespace))) {
        throw Checks.invalid("channel", "must be a channel name or id without spaces");
      }
      for (Map.Entry<String, String> attribute : attributes.entrySet()) {
        if (attribute.getKey().isEmpty()) {
          throw Checks.invalid("attributes", "names must not be empty");
        }
      }
      return new Delivery(this);
    }

    private static void checkKey(String field, String value, boolean required) {
      if (value == null) {
        if (required) {
          throw Checks.invalid(field, "required");
        }
        return;
      }
      if (value.isBlank() || value.length() > MAX_KEY_LENGTH || value.chars().anyMatch(Character::isISOControl)) {
        throw Checks.invalid(field, "must be 1 to " + MAX_KEY_LENGTH + " printable characters");
      }
    }
  }
}
