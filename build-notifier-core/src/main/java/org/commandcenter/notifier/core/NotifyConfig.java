package org.commandcenter.notifier.core;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.commandcenter.mattermost.rules.ChannelNames;

/** What to notify about and how; the adapter maps the notifier's fields and the global configuration here. */
public final class NotifyConfig {
  public static final int DEFAULT_MAX_FAILED_TESTS = 10;
  public static final int DEFAULT_LOG_TAIL_LINES = 50;
  public static final int DEFAULT_MAX_CHANGES = 20;
  public static final Duration DEFAULT_DEADLINE = Duration.ofSeconds(30);
  /** Limits that keep one notification within a sane number of posts and characters. */
  public static final int MAX_LOG_TAIL_LINES = 1000;
  public static final int MAX_LISTED_ITEMS = 200;

  private final Set<BuildEvent> events;
  private final boolean everyFailure;
  private final List<String> channels;
  private final String customMessage;
  private final int maxFailedTests;
  private final int logTailLines;
  private final int maxChanges;
  private final boolean mentionCulprits;
  private final boolean culpritsByEmail;
  private final WarRoomConfig warRoom;
  private final boolean urgentOnMainLineFailure;
  private final List<String> mainBranches;
  private final String username;
  private final String iconUrl;
  private final String iconEmoji;
  private final Duration deadline;
  private final boolean waitForDelivery;
  private final boolean failOnError;
  private final AlertButtons alertButtons;
  private final PostOwner owner;

  private NotifyConfig(Builder builder) {
    this.events = Collections.unmodifiableSet(EnumSet.copyOf(builder.events));
    this.everyFailure = builder.everyFailure;
    this.channels = List.copyOf(builder.channels);
    this.customMessage = builder.customMessage;
    this.maxFailedTests = builder.maxFailedTests;
    this.logTailLines = builder.logTailLines;
    this.maxChanges = builder.maxChanges;
    this.mentionCulprits = builder.mentionCulprits;
    this.culpritsByEmail = builder.culpritsByEmail;
    this.warRoom = builder.warRoom;
    this.urgentOnMainLineFailure = builder.urgentOnMainLineFailure;
    this.mainBranches = List.copyOf(builder.mainBranches);
    this.username = builder.username;
    this.iconUrl = builder.iconUrl;
    this.iconEmoji = builder.iconEmoji;
    this.deadline = builder.deadline;
    this.waitForDelivery = builder.waitForDelivery;
    this.failOnError = builder.failOnError;
    this.alertButtons = builder.alertButtons;
    this.owner = builder.owner;
  }

  public static Builder builder() {
    return new Builder();
  }

  public Builder newBuilder() {
    return new Builder(this);
  }

  public Set<BuildEvent> events() {
    return events;
  }

  public boolean notifies(BuildEvent event) {
    return events.contains(event);
  }

  public boolean everyFailure() {
    return everyFailure;
  }

  /** Channel names (without a leading '#') or ids; empty means the webhook's default channel. */
  public List<String> channels() {
    return channels;
  }

  public String customMessage() {
    return customMessage;
  }

  public int maxFailedTests() {
    return maxFailedTests;
  }

  public int logTailLines() {
    return logTailLines;
  }

  public int maxChanges() {
    return maxChanges;
  }

  public boolean mentionCulprits() {
    return mentionCulprits;
  }

  /**
   * Whether committers whose username the host does not vouch for are looked up in Mattermost by their commit e-mail.
   * Off by default: a commit's e-mail is whatever its author typed, so a developer could make the bot ping chosen
   * people and learn which addresses have accounts.
   */
  public boolean culpritsByEmail() {
    return culpritsByEmail;
  }

  /** Null when no War Room is configured. */
  public WarRoomConfig warRoom() {
    return warRoom;
  }

  public boolean urgentOnMainLineFailure() {
    return urgentOnMainLineFailure;
  }

  public List<String> mainBranches() {
    return mainBranches;
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

  public Duration deadline() {
    return deadline;
  }

  /**
   * Whether the caller waits, up to the {@link #deadline()}, for the first attempt of each delivery; false: the
   * notification is queued and the caller goes on at once (a build's start must never hold its executor).
   */
  public boolean waitForDelivery() {
    return waitForDelivery;
  }

  public boolean failOnError() {
    return failOnError;
  }

  /** The ChatOps buttons alerts carry, or null when ChatOps is not configured. */
  public AlertButtons alertButtons() {
    return alertButtons;
  }

  /** The job the posts belong to, stamped on each so that steps can reply to them; null for no stamp. */
  public PostOwner owner() {
    return owner;
  }

  @Override
  public boolean equals(Object other) {
    if (!(other instanceof NotifyConfig)) {
      return false;
    }
    NotifyConfig that = (NotifyConfig) other;
    return everyFailure == that.everyFailure
        && maxFailedTests == that.maxFailedTests
        && logTailLines == that.logTailLines
        && maxChanges == that.maxChanges
        && mentionCulprits == that.mentionCulprits
        && culpritsByEmail == that.culpritsByEmail
        && urgentOnMainLineFailure == that.urgentOnMainLineFailure
        && failOnError == that.failOnError
        && waitForDelivery == that.waitForDelivery
        && events.equals(that.events)
        && channels.equals(that.channels)
        && Objects.equals(customMessage, that.customMessage)
        && Objects.equals(warRoom, that.warRoom)
        && mainBranches.equals(that.mainBranches)
        && Objects.equals(username, that.username)
        && Objects.equals(iconUrl, that.iconUrl)
        && Objects.equals(iconEmoji, that.iconEmoji)
        && deadline.equals(that.deadline)
        && Objects.equals(alertButtons, that.alertButtons)
        && Objects.equals(owner, that.owner);
  }

  @Override
  public int hashCode() {
    return Objects.hash(events, everyFailure, channels, customMessage, warRoom, deadline, failOnError);
  }

  @Override
  public String toString() {
    return "NotifyConfig{events=" + events + ", everyFailure=" + everyFailure + ", channels=" + channels + "}";
  }

  public static final class Builder {
    private final EnumSet<BuildEvent> events = EnumSet.of(BuildEvent.FAILURE, BuildEvent.BACK_TO_NORMAL);
    private boolean everyFailure;
    private List<String> channels = List.of();
    private String customMessage;
    private int maxFailedTests = DEFAULT_MAX_FAILED_TESTS;
    private int logTailLines = DEFAULT_LOG_TAIL_LINES;
    private int maxChanges = DEFAULT_MAX_CHANGES;
    private boolean mentionCulprits = true;
    private boolean culpritsByEmail;
    private WarRoomConfig warRoom;
    private boolean urgentOnMainLineFailure = true;
    private List<String> mainBranches = List.of("main", "master");
    private String username;
    private String iconUrl;
    private String iconEmoji;
    private Duration deadline = DEFAULT_DEADLINE;
    private boolean waitForDelivery = true;
    private boolean failOnError;
    private AlertButtons alertButtons;
    private PostOwner owner;

    Builder() {}

    Builder(NotifyConfig config) {
      this.events.clear();
      this.events.addAll(config.events);
      this.everyFailure = config.everyFailure;
      this.channels = config.channels;
      this.customMessage = config.customMessage;
      this.maxFailedTests = config.maxFailedTests;
      this.logTailLines = config.logTailLines;
      this.maxChanges = config.maxChanges;
      this.mentionCulprits = config.mentionCulprits;
      this.culpritsByEmail = config.culpritsByEmail;
      this.warRoom = config.warRoom;
      this.urgentOnMainLineFailure = config.urgentOnMainLineFailure;
      this.mainBranches = config.mainBranches;
      this.username = config.username;
      this.iconUrl = config.iconUrl;
      this.iconEmoji = config.iconEmoji;
      this.deadline = config.deadline;
      this.waitForDelivery = config.waitForDelivery;
      this.failOnError = config.failOnError;
      this.alertButtons = config.alertButtons;
      this.owner = config.owner;
    }

    /** Replaces the set of events that notify. */
    public Builder events(Set<BuildEvent> events) {
      requireNonNull(events, "events == null");
      this.events.clear();
      this.events.addAll(events);
      return this;
    }

    /** Turns one event on or off (handy for a notifier's boolean fields). */
    public Builder event(BuildEvent event, boolean enabled) {
      requireNonNull(event, "event == null");
      if (enabled) {
        events.add(event);
      } else {
        events.remove(event);
      }
      return this;
    }

    /** False: FAILURE notifies only the first failure; true: every failing build notifies. */
    public Builder everyFailure(boolean everyFailure) {
      this.everyFailure = everyFailure;
      return this;
    }

    public Builder channels(List<String> channels) {
      requireNonNull(channels, "channels == null");
      this.channels = new ArrayList<>(channels);
      return this;
    }

    public Builder channel(String channel) {
      requireNonNull(channel, "channel == null");
      return channels(List.of(channel));
    }

    /** Already expanded, see {@link MessageTemplate#expand}; shown as the post's text. */
    public Builder customMessage(String customMessage) {
      this.customMessage = Checks.emptyToNull(customMessage);
      return this;
    }

    public Builder maxFailedTests(int maxFailedTests) {
      this.maxFailedTests = maxFailedTests;
      return this;
    }

    public Builder logTailLines(int logTailLines) {
      this.logTailLines = logTailLines;
      return this;
    }

    public Builder maxChanges(int maxChanges) {
      this.maxChanges = maxChanges;
      return this;
    }

    /** See {@link NotifyConfig#culpritsByEmail()}; default off. */
    public Builder culpritsByEmail(boolean culpritsByEmail) {
      this.culpritsByEmail = culpritsByEmail;
      return this;
    }

    public Builder mentionCulprits(boolean mentionCulprits) {
      this.mentionCulprits = mentionCulprits;
      return this;
    }

    public Builder warRoom(WarRoomConfig warRoom) {
      this.warRoom = warRoom;
      return this;
    }

    public Builder urgentOnMainLineFailure(boolean urgentOnMainLineFailure) {
      this.urgentOnMainLineFailure = urgentOnMainLineFailure;
      return this;
    }

    public Builder mainBranches(List<String> mainBranches) {
      requireNonNull(mainBranches, "mainBranches == null");
      this.mainBranches = new ArrayList<>(mainBranches);
      return this;
    }

    public Builder username(String username) {
      this.username = Checks.emptyToNull(username);
      return this;
    }

    public Builder iconUrl(String iconUrl) {
      this.iconUrl = Checks.emptyToNull(iconUrl);
      return this;
    }

    public Builder iconEmoji(String iconEmoji) {
      this.iconEmoji = Checks.emptyToNull(iconEmoji);
      return this;
    }

    public Builder deadline(Duration deadline) {
      requireNonNull(deadline, "deadline == null");
      this.deadline = deadline;
      return this;
    }

    /**
     * False: queue the notification and return without waiting for Mattermost (default true: wait up to the
     * deadline for the first attempt). Without waiting, {@link #failOnError} only catches what fails before the
     * notification is queued (a configuration error).
     */
    public Builder waitForDelivery(boolean waitForDelivery) {
      this.waitForDelivery = waitForDelivery;
      return this;
    }

    public Builder failOnError(boolean failOnError) {
      this.failOnError = failOnError;
      return this;
    }

    /**
     * ChatOps buttons on alerts (Rebuild, I'm on it, Show log; Abort while running), over REST and webhooks alike;
     * null (the default) for none.
     */
    public Builder alertButtons(AlertButtons alertButtons) {
      this.alertButtons = alertButtons;
      return this;
    }

    public Builder owner(PostOwner owner) {
      this.owner = owner;
      return this;
    }

    /** @throws IllegalArgumentException naming the field, e.g. {@code channels[1]: must not be blank}. */
    public NotifyConfig build() {
      List<String> normalized = new ArrayList<>();
      for (int i = 0; i < channels.size(); i++) {
        String channel = ChannelNames.normalize("channels[" + i + "]", channels.get(i));
        if (!normalized.contains(channel)) {
          normalized.add(channel);
        }
      }
      channels = normalized;
      if (maxFailedTests < 0 || maxFailedTests > MAX_LISTED_ITEMS) {
        throw Checks.invalid("maxFailedTests", "must be between 0 and " + MAX_LISTED_ITEMS);
      }
      if (logTailLines < 0 || logTailLines > MAX_LOG_TAIL_LINES) {
        throw Checks.invalid("logTailLines", "must be between 0 and " + MAX_LOG_TAIL_LINES);
      }
      if (maxChanges < 0 || maxChanges > MAX_LISTED_ITEMS) {
        throw Checks.invalid("maxChanges", "must be between 0 and " + MAX_LISTED_ITEMS);
      }
      List<String> branches = new ArrayList<>();
      for (int i = 0; i < mainBranches.size(); i++) {
        branches.add(Checks.requireNotBlank("mainBranches[" + i + "]", mainBranches.get(i)).strip());
      }
      mainBranches = branches;
      Checks.requireHttpUrlOrNull("iconUrl", iconUrl);
      if (iconEmoji != null && iconEmoji.chars().anyMatch(Character::isWhitespace)) {
        throw Checks.invalid("iconEmoji", "must be an emoji name such as :jenkins:");
      }
      if (iconUrl != null && iconEmoji != null) {
        throw Checks.invalid("iconEmoji", "set either iconUrl or iconEmoji, not both");
      }
      if (username != null && username.chars().anyMatch(Character::isWhitespace)) {
        throw Checks.invalid("username", "must not contain spaces");
      }
      if (deadline.isNegative() || deadline.isZero()) {
        throw Checks.invalid("deadline", "must be positive");
      }
      return new NotifyConfig(this);
    }
  }
}
