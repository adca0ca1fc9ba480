package org.commandcenter.notifier.core;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.commandcenter.mattermost.Attachment;
import org.commandcenter.mattermost.Field;
import org.commandcenter.mattermost.Priority;
import org.commandcenter.mattermost.rules.EmojiNames;
import org.commandcenter.mattermost.rules.HttpUrls;
import org.commandcenter.mattermost.rules.MattermostIds;

/**
 * What a {@code mattermostSend} step asks for. The parameters of the old Jenkins mattermost plugin keep their
 * meaning: {@code message} is the attachment's body, {@code text} the post text above it, {@code color} the
 * attachment colour, {@code channel} one or several channels ("a,b;c", "user@channel", "@user"), {@code icon} the
 * avatar URL; {@code endpoint} is handled by the adapter when it builds the client.
 */
public final class SendRequest {
  /** Mattermost accepts at most 10 files on one post (server/public/model/post.go: len(FileIds) > 10). */
  public static final int MAX_FILES = 10;
  /** All the files of one message together; one file may already be Mattermost's default limit. */
  public static final long MAX_TOTAL_FILE_BYTES = 100L * 1024 * 1024;
  /** A long text is split into consecutive posts (a thread over REST); one step makes at most this many. */
  public static final int MAX_TEXT_POSTS = 10;
  /**
   * The most characters (code points) a step's text or message may have: ten posts of the server's limit
   * (server/public/model/post.go PostMessageMaxRunesV2 = 16383). The attachment body ({@code message}) is not split,
   * and the server takes at most 800000 characters of props, attachments included.
   */
  public static final int MAX_TEXT_CHARACTERS = MAX_TEXT_POSTS * 16383;
  private final String message;
  private final String text;
  private final String color;
  private final List<Target> targets;
  private final String icon;
  private final String username;
  private final boolean failOnError;
  private final List<Attachment> attachments;
  private final Map<String, Object> props;
  private final Priority priority;
  private final String threadId;
  private final String updatePostId;
  private final boolean warRoom;
  private final WarRoomConfig warRoomConfig;
  private final List<FileUpload> files;
  private final Duration deadline;
  private final PostOwner owner;
  private final StepPolicy policy;

  private SendRequest(Builder builder, List<Target> targets, List<Attachment> attachments,
      Map<String, Object> props, Priority priority) {
    this.message = builder.message;
    this.text = builder.text;
    this.color = builder.color;
    this.targets = List.copyOf(targets);
    this.icon = builder.icon != null ? builder.icon : builder.defaultIcon;
    this.username = builder.username != null ? builder.username : builder.defaultUsername;
    this.failOnError = builder.failOnError;
    this.attachments = List.copyOf(attachments);
    this.props = java.util.Collections.unmodifiableMap(props);
    this.priority = priority;
    this.threadId = builder.threadId;
    this.updatePostId = builder.updatePostId;
    this.warRoom = builder.warRoom;
    this.warRoomConfig = builder.warRoomConfig;
    this.files = List.copyOf(builder.files);
    this.deadline = builder.deadline;
    this.owner = builder.owner;
    this.policy = builder.policy;
  }

  public static Builder builder() {
    return new Builder();
  }

  public String message() {
    return message;
  }

  public String text() {
    return text;
  }

  public String color() {
    return color;
  }

  /** Where to post; empty means the default channel (the webhook's, or the adapter's default). */
  public List<Target> targets() {
    return targets;
  }

  public String icon() {
    return icon;
  }

  public String username() {
    return username;
  }

  public boolean failOnError() {
    return failOnError;
  }

  /** The attachments given with {@code attachments} (the message attachment is not among them). */
  public List<Attachment> attachments() {
    return attachments;
  }

  public Map<String, Object> props() {
    return props;
  }

  public Priority priority() {
    return priority;
  }

  public String threadId() {
    return threadId;
  }

  public String updatePostId() {
    return updatePostId;
  }

  public boolean warRoom() {
    return warRoom;
  }

  public WarRoomConfig warRoomConfig() {
    return warRoomConfig;
  }

  public List<FileUpload> files() {
    return files;
  }

  public Duration deadline() {
    return deadline;
  }

  /** The job the posts belong to; null when the host has no such notion (then updates and replies are refused). */
  public PostOwner owner() {
    return owner;
  }

  public StepPolicy policy() {
    return policy;
  }

  /** The attachment made of {@code message} and {@code color}, as the old plugin sent it; null without message. */
  public Attachment messageAttachment() {
    if (message == null) {
      return null;
    }
    Attachment.Builder attachment = Attachment.builder()
        .fallback(message)
        .addField(Field.of("", message, false));
    if (color != null) {
      attachment.color(color);
    }
    return attachment.build();
  }

  @Override
  public String toString() {
    return "SendRequest{targets=" + targets + ", threadId=" + threadId + ", updatePostId=" + updatePostId
        + ", files=" + files.size() + "}";
  }

  /**
   * One destination: a channel (name, id or "@user"; null for the default channel) and an optional username
   * override.
   */
  public record Target(String channel, String username) {
    /**
     * The old plugin's channel syntax, read once for the step and its form check: targets separated by {@code ,} or
     * {@code ;}, each {@code channel} (name, {@code #name} or id), {@code @user} (a direct message),
     * {@code user@channel} or {@code user@@user2} (with a username override). Only the shape is checked here.
     *
     * @throws IllegalArgumentException {@code channel: '…' is not a channel name, id or @user}
     */
    public static List<Target> parse(String channels) {
      List<Target> targets = new ArrayList<>();
      if (channels != null) {
        for (String part : channels.split("[,;]+")) {
          if (!part.isBlank()) {
            targets.add(parseOne(part));
          }
        }
      }
      return targets;
    }

    private static Target parseOne(String entry) {
      String value = entry.strip();
      String user = null;
      int at = value.indexOf('@');
      if (at > 0 && at < value.length() - 1) {
        user = value.substring(0, at).strip();
        value = value.substring(at + 1).strip();
      }
      if (value.startsWith("#")) {
        value = value.substring(1);
      }
      if (value.isEmpty() || value.equals("@") || value.chars().anyMatch(Character::isWhitespace)) {
        throw Checks.invalid("channel", "'" + entry.strip() + "' is not a channel name, id or @user");
      }
      if (user != null && (user.isEmpty() || user.chars().anyMatch(Character::isWhitespace))) {
        throw Checks.invalid("channel", "'" + entry.strip() + "' has an invalid username before '@'");
      }
      return new Target(value, user);
    }

    @Override
    public String toString() {
      return username == null ? channel : username + "@" + channel;
    }
  }

  public static final class Builder {
    private String message;
    private String text;
    private String color;
    private final List<String> channels = new ArrayList<>();
    private String icon;
    private String username;
    private boolean failOnError;
    private List<? extends Map<?, ?>> attachmentMaps = List.of();
    private String attachmentsJson;
    private final Map<String, Object> props = new LinkedHashMap<>();
    private String priority;
    private boolean requestedAck;
    private boolean persistentNotifications;
    private String threadId;
    private String updatePostId;
    private boolean warRoom;
    private WarRoomConfig warRoomConfig;
    private final List<FileUpload> files = new ArrayList<>();
    private Duration deadline = NotifyConfig.DEFAULT_DEADLINE;
    private String defaultUsername;
    private String defaultIcon;
    private PostOwner owner;
    private StepPolicy policy = StepPolicy.defaults();

    Builder() {}

    /** The attachment's body (Markdown), as in the old plugin. */
    public Builder message(String message) {
      this.message = Checks.emptyToNull(message);
      return this;
    }

    /** The post's text above the attachment, as in the old plugin. */
    public Builder text(String text) {
      this.text = Checks.emptyToNull(text);
      return this;
    }

    /** {@code good}, {@code warning}, {@code danger} or {@code #RRGGBB}. */
    public Builder color(String color) {
      this.color = Checks.emptyToNull(color);
      return this;
    }

    /** The old plugin's syntax, see {@link Target#parse}; read when the request is built. */
    public Builder channel(String channel) {
      if (channel != null && !channel.isBlank()) {
        channels.add(channel);
      }
      return this;
    }

    public Builder channels(List<String> channels) {
      requireNonNull(channels, "channels == null");
      this.channels.clear();
      channels.forEach(this::channel);
      return this;
    }

    /**
     * The administrator's sender name and avatar (image URL or emoji), used when the step gives none; unlike
     * {@link #username} and {@link #icon} they are not subject to the {@link StepPolicy}.
     */
    public Builder defaultSender(String username, String icon) {
      this.defaultUsername = Checks.emptyToNull(username);
      this.defaultIcon = Checks.emptyToNull(icon);
      return this;
    }

    /** The job the posts belong to: stamped on each post, and checked before an update or a reply. */
    public Builder owner(PostOwner owner) {
      this.owner = owner;
      return this;
    }

    /** What the administrator lets steps do; default {@link StepPolicy#defaults()}. */
    public Builder policy(StepPolicy policy) {
      this.policy = requireNonNull(policy, "policy == null");
      return this;
    }

    /** The step's own avatar: an image URL, or an emoji name such as {@code :jenkins:}. */
    public Builder icon(String icon) {
      this.icon = Checks.emptyToNull(icon);
      return this;
    }

    /** The step's own sender name. */
    public Builder username(String username) {
      this.username = Checks.emptyToNull(username);
      return this;
    }

    public Builder failOnError(boolean failOnError) {
      this.failOnError = failOnError;
      return this;
    }

    /** Attachments as Pipeline maps with Slack-style keys. */
    public Builder attachments(List<? extends Map<?, ?>> attachments) {
      this.attachmentMaps = attachments == null ? List.of() : new ArrayList<>(attachments);
      return this;
    }

    /** Attachments as a JSON array string. */
    public Builder attachmentsJson(String json) {
      this.attachmentsJson = Checks.emptyToNull(json);
      return this;
    }

    public Builder props(Map<String, ?> props) {
      this.props.clear();
      if (props != null) {
        this.props.putAll(props);
      }
      return this;
    }

    /** {@code standard}, {@code important} or {@code urgent} (any case). */
    public Builder priority(String priority) {
      this.priority = Checks.emptyToNull(priority);
      return this;
    }

    public Builder requestedAck(boolean requestedAck) {
      this.requestedAck = requestedAck;
      return this;
    }

    public Builder persistentNotifications(boolean persistentNotifications) {
      this.persistentNotifications = persistentNotifications;
      return this;
    }

    /** Reply in this thread (a root post id, e.g. an earlier response's threadId). */
    public Builder threadId(String threadId) {
      this.threadId = Checks.emptyToNull(threadId);
      return this;
    }

    /** Update this post in place instead of creating one. */
    public Builder updatePostId(String updatePostId) {
      this.updatePostId = Checks.emptyToNull(updatePostId);
      return this;
    }

    /** Append the War Room link (needs {@link #warRoomConfig}). */
    public Builder warRoom(boolean warRoom) {
      this.warRoom = warRoom;
      return this;
    }

    public Builder warRoomConfig(WarRoomConfig warRoomConfig) {
      this.warRoomConfig = warRoomConfig;
      return this;
    }

    public Builder file(String name, byte[] content) {
      files.add(FileUpload.of(name, content));
      return this;
    }

    public Builder files(List<FileUpload> files) {
      requireNonNull(files, "files == null");
      this.files.clear();
      for (FileUpload file : files) {
        this.files.add(requireNonNull(file, "file == null"));
      }
      return this;
    }

    public Builder deadline(Duration deadline) {
      this.deadline = requireNonNull(deadline, "deadline == null");
      return this;
    }

    /** @throws IllegalArgumentException naming the step parameter, e.g. {@code priority: ...} */
    public SendRequest build() {
      List<Target> targets = new ArrayList<>();
      for (String entry : channels) {
        targets.addAll(Target.parse(entry));
      }
      List<Attachment> attachments = new ArrayList<>(AttachmentMaps.fromMaps(attachmentMaps));
      if (attachmentsJson != null) {
        if (!attachmentMaps.isEmpty()) {
          throw Checks.invalid("attachments", "give attachments as maps or as JSON, not both");
        }
        attachments.addAll(AttachmentMaps.fromJson(attachmentsJson));
      }
      requireAtMost("text", text);
      requireAtMost("message", message);
      if (message == null && text == null && attachments.isEmpty() && files.isEmpty() && !warRoom) {
        throw Checks.invalid("message", "must not be blank (or give text, attachments or files)");
      }
      if (color != null) {
        try {
          Attachment.builder().color(color).build();
        } catch (IllegalArgumentException e) {
          throw Checks.invalid("color", "must be good, warning, danger or a hex colour like #FF0000");
        }
      }
      if (threadId != null && updatePostId != null) {
        throw Checks.invalid("updatePostId", "cannot be combined with threadId (an update keeps the post's thread)");
      }
      requireIdOrNull("threadId", threadId);
      requireIdOrNull("updatePostId", updatePostId);
      if (updatePostId != null && !files.isEmpty()) {
        throw Checks.invalid("files", "cannot be added when updating a post (updatePostId)");
      }
      if (files.size() > MAX_FILES) {
        throw Checks.invalid("files", files.size() + " files; a post holds at most " + MAX_FILES);
      }
      long totalBytes = files.stream().mapToLong(FileUpload::size).sum();
      if (totalBytes > MAX_TOTAL_FILE_BYTES) {
        throw Checks.invalid("files", (totalBytes / (1024 * 1024)) + " MB in all; at most "
            + (MAX_TOTAL_FILE_BYTES / (1024 * 1024)) + " MB per message");
      }
      if (updatePostId != null && targets.size() > 1) {
        throw Checks.invalid("channel", "an update (updatePostId) changes one post; give at most one channel");
      }
      if (warRoom && warRoomConfig == null) {
        throw Checks.invalid("warRoom", "no War Room channel is configured in the global Mattermost settings");
      }
      Map<String, Object> plainProps = new LinkedHashMap<>();
      for (Map.Entry<String, Object> entry : props.entrySet()) {
        String key = entry.getKey();
        if (key == null || key.isBlank()) {
          throw Checks.invalid("props", "keys must not be blank");
        }
        if (key.equals(PostOwner.PROP)) {
          throw Checks.invalid("props." + key, "is reserved: it records which job created a post");
        }
        plainProps.put(key, plain("props." + key, entry.getValue()));
      }

      for (String name : new String[] {username, defaultUsername}) {
        if (name != null && name.chars().anyMatch(Character::isWhitespace)) {
          throw Checks.invalid("username", "must not contain spaces");
        }
      }
      for (String image : new String[] {icon, defaultIcon}) {
        if (image != null && !EmojiNames.isReference(image) && !HttpUrls.isValid(image)) {
          throw Checks.invalid("icon", "must be an http(s) image URL or an emoji like :jenkins:");
        }
      }
      StepPolicyCheck.check(policy, username, icon, targets, message, text, attachments);
      if (deadline.isNegative() || deadline.isZero()) {
        throw Checks.invalid("deadline", "must be positive");
      }
      return new SendRequest(this, targets, attachments, plainProps, priority());
    }

    private Priority priority() {
      if (priority == null) {
        if (requestedAck || persistentNotifications) {
          throw Checks.invalid("priority", "requestedAck and persistentNotifications need a priority");
        }
        return null;
      }
      Priority.Level level;
      switch (priority.strip().toLowerCase(Locale.ROOT)) {
        case "standard":
        case "":
          if (requestedAck || persistentNotifications) {
            throw Checks.invalid("priority", "requestedAck and persistentNotifications need important or urgent");
          }
          return null;
        case "important":
          level = Priority.Level.IMPORTANT;
          break;
        case "urgent":
          level = Priority.Level.URGENT;
          break;
        default:
          throw Checks.invalid("priority", "must be standard, important or urgent");
      }
      if (persistentNotifications && !policy.persistentNotificationsAllowed()) {
        throw Checks.invalid("persistentNotifications", StepPolicyCheck.TURNED_OFF);
      }
      if (persistentNotifications && level != Priority.Level.URGENT) {
        throw Checks.invalid("persistentNotifications", "only urgent messages can repeat notifications");
      }
      if (threadId != null) {
        throw Checks.invalid("priority", "only root posts can have a priority, not replies (threadId)");
      }
      return Priority.builder(level)
          .requestedAck(requestedAck)
          .persistentNotifications(persistentNotifications)
          .build();
    }

    /**
     * JSON-ready deep copies of maps and lists of plain values (String, Number, Boolean). Anything else is an error
     * naming the prop: the adapter turns its host's values (Groovy strings in a Pipeline) into plain ones first.
     */
    private static Object plain(String field, Object value) {
      if (value == null || value instanceof String || value instanceof Number || value instanceof Boolean) {
        return value;
      }
      if (value instanceof Map) {
        Map<String, Object> copy = new LinkedHashMap<>();
        for (Map.Entry<?, ?> entry : ((Map<?, ?>) value).entrySet()) {
          String key = String.valueOf(entry.getKey());
          copy.put(key, plain(field + "." + key, entry.getValue()));
        }
        return copy;
      }
      if (value instanceof List) {
        List<Object> copy = new ArrayList<>();
        List<?> list = (List<?>) value;
        for (int i = 0; i < list.size(); i++) {
          copy.add(plain(field + "[" + i + "]", list.get(i)));
        }
        return copy;
      }
      throw Checks.invalid(field, "must be text, a number, true/false, a list or a map");
    }

    private static void requireAtMost(String field, String value) {
      if (value != null && value.length() > MAX_TEXT_CHARACTERS
          && value.codePointCount(0, value.length()) > MAX_TEXT_CHARACTERS) {
        throw Checks.invalid(field, value.codePointCount(0, value.length()) + " characters; a step sends at most "
            + MAX_TEXT_CHARACTERS + " (" + MAX_TEXT_POSTS + " posts); attach a long report as a file instead");
      }
    }

    private static void requireIdOrNull(String field, String value) {
      if (value != null && !MattermostIds.isValid(value)) {
        throw Checks.invalid(field, "must be a 26-character Mattermost post id");
      }
    }
  }
}
