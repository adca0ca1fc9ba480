package org.commandcenter.mattermost;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/** An immutable message to post, over a webhook or the REST API. */
public final class Post {
  /**
   * {@code file_ids} is stored as JSON of at most 300 runes (server/public/model/post.go
   * PostFileidsMaxRunes), which fits ten 26-character ids.
   */
  static final int MAX_FILE_IDS = 10;

  /** Props the client writes itself; setting them directly would silently conflict. */
  private static final Set<String> MANAGED_PROPS = Set.of(
      "attachments", "override_username", "override_icon_url", "override_icon_emoji", "from_webhook",
      SendProgress.MARKER_PROP, Digests.DIGEST_PROP);

  /** An @ starting a word, followed by a user name character (mention_parser_standard.go). */
  private static final Pattern MENTION = Pattern.compile("(?<![\\p{L}\\p{N}])@[\\p{L}\\p{N}]");

  private final String text;
  private final String channel;
  private final String username;
  private final String iconUrl;
  private final String iconEmoji;
  private final List<Attachment> attachments;
  private final Map<String, Object> props;
  private final Priority priority;
  private final String rootId;
  private final List<String> fileIds;
  /** The unchanging parts of the REST body of the first part and of the others, made on first use. */
  private volatile RestParts restFirst;
  private volatile RestParts restRest;

  private Post(Builder builder) {
    this.text = builder.text;
    this.channel = builder.channel;
    this.username = builder.username;
    this.iconUrl = builder.iconUrl;
    this.iconEmoji = builder.iconEmoji;
    this.attachments = List.copyOf(builder.attachments);
    this.props = Collections.unmodifiableMap(new LinkedHashMap<>(builder.props));
    this.priority = builder.priority;
    this.rootId = builder.rootId;
    this.fileIds = List.copyOf(builder.fileIds);
  }

  public static Builder builder() {
    return new Builder();
  }

  public Builder newBuilder() {
    return new Builder(this);
  }

  /** Markdown message text; may be null when the post carries attachments or files. */
  public String text() {
    return text;
  }

  /** A channel name ({@code builds}), or a 26-character channel id; null for the webhook's default. */
  public String channel() {
    return channel;
  }

  public String username() {
    return username;
  }

  public String iconUrl() {
    return iconUrl;
  }

  public String iconEmoji() {
    return iconEmoji;
  }

  public List<Attachment> attachments() {
    return attachments;
  }

  /** Extra props besides attachments, e.g. {@code card}. */
  public Map<String, Object> props() {
    return props;
  }

  public Priority priority() {
    return priority;
  }

  public String rootId() {
    return rootId;
  }

  public List<String> fileIds() {
    return fileIds;
  }

  /**
   * A part's REST body pieces that never change: its props as UTF-8 without the closing brace (the marker goes
   * there), and the members after them (files, priority), each computed once per post: a post never changes.
   */
  static final class RestParts {
    final byte[] props;
    final boolean propsEmpty;
    final byte[] extras;
    /** The post's whole text as a JSON string literal in UTF-8: what a post that is not split sends as message. */
    final byte[] message;

    RestParts(byte[] props, boolean propsEmpty, byte[] extras, byte[] message) {
      this.props = props;
      this.propsEmpty = propsEmpty;
      this.extras = extras;
      this.message = message;
    }
  }

  RestParts restParts(boolean first, java.util.function.Supplier<RestParts> make) {
    RestParts parts = first ? restFirst : restRest;
    if (parts == null) {
      parts = make.get();
      if (first) {
        restFirst = parts;
      } else {
        restRest = parts;
      }
    }
    return parts;
  }

  @Override
  public boolean equals(Object other) {
    if (!(other instanceof Post)) {
      return false;
    }
    Post that = (Post) other;
    return Objects.equals(text, that.text)
        && Objects.equals(channel, that.channel)
        && Objects.equals(username, that.username)
        && Objects.equals(iconUrl, that.iconUrl)
        && Objects.equals(iconEmoji, that.iconEmoji)
        && attachments.equals(that.attachments)
        && props.equals(that.props)
        && Objects.equals(priority, that.priority)
        && Objects.equals(rootId, that.rootId)
        && fileIds.equals(that.fileIds);
  }

  @Override
  public int hashCode() {
    return Objects.hash(text, channel, username, iconUrl, iconEmoji, attachments, props, priority,
        rootId, fileIds);
  }

  /** Deliberately leaves out the text: it can be long and is not ours to log. */
  @Override
  public String toString() {
    return "Post{channel=" + channel + ", textLength=" + (text == null ? 0 : text.length())
        + ", attachments=" + attachments.size() + (rootId != null ? ", rootId=" + rootId : "")
        + (priority != null ? ", " + priority : "") + "}";
  }

  public static final class Builder {
    private String text;
    private String channel;
    private String username;
    private String iconUrl;
    private String iconEmoji;
    private final List<Attachment> attachments = new ArrayList<>();
    private final Map<String, Object> props = new LinkedHashMap<>();
    private Priority priority;
    private String rootId;
    private final List<String> fileIds = new ArrayList<>();
    /** Managed props this builder was given by the client itself. */
    private final Set<String> managedKeys = new java.util.HashSet<>();

    Builder() {}

    Builder(Post post) {
      this.text = post.text;
      this.channel = post.channel;
      this.username = post.username;
      this.iconUrl = post.iconUrl;
      this.iconEmoji = post.iconEmoji;
      this.attachments.addAll(post.attachments);
      this.props.putAll(post.props);
      for (String key : post.props.keySet()) {
        if (MANAGED_PROPS.contains(key)) {
          managedKeys.add(key);
        }
      }
      this.priority = post.priority;
      this.rootId = post.rootId;
      this.fileIds.addAll(post.fileIds);
    }

    public Builder text(String text) {
      this.text = text;
      return this;
    }

    public Builder channel(String channel) {
      this.channel = channel;
      return this;
    }

    public Builder username(String username) {
      this.username = username;
      return this;
    }

    public Builder iconUrl(String iconUrl) {
      this.iconUrl = iconUrl;
      return this;
    }

    public Builder iconEmoji(String iconEmoji) {
      this.iconEmoji = iconEmoji;
      return this;
    }

    public Builder attachments(List<Attachment> attachments) {
      requireNonNull(attachments, "attachments == null");
      this.attachments.clear();
      for (Attachment attachment : attachments) {
        addAttachment(attachment);
      }
      return this;
    }

    public Builder addAttachment(Attachment attachment) {
      this.attachments.add(requireNonNull(attachment, "attachment == null"));
      return this;
    }

    public Builder props(Map<String, Object> props) {
      requireNonNull(props, "props == null");
      this.props.clear();
      props.forEach(this::prop);
      return this;
    }

    /** A prop the client manages itself (a digest's list of deliveries), which {@link #prop} refuses. */
    Builder managedProp(String key, Object value) {
      this.props.put(requireNonNull(key, "key == null"), requireNonNull(value, "value == null"));
      managedKeys.add(key);
      return this;
    }

    /** Sets one extra prop; a null value removes it. */
    public Builder prop(String key, Object value) {
      requireNonNull(key, "key == null");
      if (value == null) {
        this.props.remove(key);
      } else {
        this.props.put(key, value);
      }
      return this;
    }

    public Builder priority(Priority priority) {
      this.priority = priority;
      return this;
    }

    public Builder rootId(String rootId) {
      this.rootId = rootId;
      return this;
    }

    public Builder fileIds(List<String> fileIds) {
      requireNonNull(fileIds, "fileIds == null");
      this.fileIds.clear();
      fileIds.forEach(this::addFileId);
      return this;
    }

    public Builder addFileId(String fileId) {
      this.fileIds.add(requireNonNull(fileId, "fileId == null"));
      return this;
    }

    /** @throws IllegalArgumentException naming the offending field, e.g. {@code iconUrl: ...}. */
    public Post build() {
      boolean hasText = text != null && !text.isBlank();
      if (!hasText && attachments.isEmpty() && fileIds.isEmpty()) {
        throw Checks.invalid("text", "must not be blank when the post has no attachments or files");
      }
      if (channel != null && (channel.isBlank() || containsWhitespace(channel))) {
        throw Checks.invalid("channel", "must be a channel name or id without spaces");
      }
      if (username != null && username.isBlank()) {
        throw Checks.invalid("username", "must not be blank when set");
      }
      Checks.requireHttpUrl("iconUrl", iconUrl);
      if (iconEmoji != null && (iconEmoji.isBlank() || containsWhitespace(iconEmoji))) {
        throw Checks.invalid("iconEmoji", "must be an emoji name such as :rotating_light:");
      }
      if (rootId != null) {
        Checks.requireId("rootId", rootId);
      }
      // Priority is only accepted on root posts (server/channels/app/post_permission_utils.go).
      if (priority != null && rootId != null) {
        throw Checks.invalid("priority", "only allowed on root posts, not on thread replies");
      }
      // Persistent notifications outside a DM need someone to notify (server/channels/app/post.go CreatePost).
      if (priority != null && priority.persistentNotifications()
          && (channel == null || !channel.startsWith("@")) && !mentionsSomeone()) {
        throw Checks.invalid("priority.persistentNotifications",
            "needs an @mention of at least one user in the text or attachments");
      }
      for (int i = 0; i < fileIds.size(); i++) {
        Checks.requireId("fileIds[" + i + "]", fileIds.get(i));
      }
      if (fileIds.size() > MAX_FILE_IDS) {
        throw Checks.invalid("fileIds", "at most " + MAX_FILE_IDS + " files per post");
      }
      List<Action> actions = new ArrayList<>();
      attachments.forEach(attachment -> actions.addAll(attachment.actions()));
      Checks.requireDistinctActionIds("attachments.actions", actions);
      for (String key : props.keySet()) {
        if (key.isEmpty()) {
          throw Checks.invalid("props", "keys must not be empty");
        }
        if (MANAGED_PROPS.contains(key) && !managedKeys.contains(key)) {
          throw Checks.invalid("props." + key, "is set by the client; use the matching builder method");
        }
      }
      return new Post(this);
    }

    private boolean mentionsSomeone() {
      if (hasMention(text)) {
        return true;
      }
      for (Attachment attachment : attachments) {
        if (hasMention(attachment.pretext()) || hasMention(attachment.text())) {
          return true;
        }
        for (Field field : attachment.fields()) {
          if (hasMention(field.value())) {
            return true;
          }
        }
      }
      return false;
    }

    private static boolean hasMention(String value) {
      return value != null && MENTION.matcher(value).find();
    }

    private static boolean containsWhitespace(String value) {
      return value.chars().anyMatch(Character::isWhitespace);
    }
  }
}
