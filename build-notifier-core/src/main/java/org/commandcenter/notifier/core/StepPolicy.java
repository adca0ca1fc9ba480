package org.commandcenter.notifier.core;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * What an administrator lets {@code mattermostSend} do, since whoever writes a Jenkinsfile is not trusted with the
 * whole channel. The defaults are the safe ones: {@code @channel}, {@code @all} and {@code @here} notify nobody,
 * the sender's name and avatar and persistent notifications stay the administrator's, images load only from listed
 * hosts (none: an image URL is a beacon that every viewer's client fetches), and a step updates or replies only to
 * posts its own job created.
 */
public final class StepPolicy {
  /** A host name, or {@code *.} and a domain for its subdomains; lower case, no port. */
  private static final Pattern HOST_PATTERN =
      Pattern.compile("(\\*\\.)?[a-z0-9]([a-z0-9_-]*[a-z0-9])?(\\.[a-z0-9]([a-z0-9_-]*[a-z0-9])?)*");
  private static final StepPolicy DEFAULTS = builder().build();

  private final boolean channelMentionsAllowed;
  private final boolean senderOverridesAllowed;
  private final boolean persistentNotificationsAllowed;
  private final boolean foreignPostsAllowed;
  private final List<String> imageHosts;

  private StepPolicy(Builder builder) {
    this.channelMentionsAllowed = builder.channelMentionsAllowed;
    this.senderOverridesAllowed = builder.senderOverridesAllowed;
    this.persistentNotificationsAllowed = builder.persistentNotificationsAllowed;
    this.foreignPostsAllowed = builder.foreignPostsAllowed;
    this.imageHosts = List.copyOf(builder.imageHosts);
  }

  /** The safe defaults. */
  public static StepPolicy defaults() {
    return DEFAULTS;
  }

  public static Builder builder() {
    return new Builder();
  }

  public Builder newBuilder() {
    return new Builder(this);
  }

  /** Whether {@code @channel}, {@code @all} and {@code @here} in step text and attachments notify. */
  public boolean channelMentionsAllowed() {
    return channelMentionsAllowed;
  }

  /** Whether a step may post under another name or avatar ({@code username}, {@code icon}, {@code user@channel}). */
  public boolean senderOverridesAllowed() {
    return senderOverridesAllowed;
  }

  /** Whether a step may make an urgent message repeat its notifications. */
  public boolean persistentNotificationsAllowed() {
    return persistentNotificationsAllowed;
  }

  /** Whether a step may update or reply to posts its own job did not create. */
  public boolean foreignPostsAllowed() {
    return foreignPostsAllowed;
  }

  /** Hosts a step's images and icons may come from: exact names, or {@code *.domain} for its subdomains. */
  public List<String> imageHosts() {
    return imageHosts;
  }

  /**
   * Whether an image at {@code url} may be shown: an absolute http(s) URL whose host, read as a browser reads it, is
   * listed. Anything else (relative, other schemes, percent-encoded or odd hosts) is refused.
   */
  public boolean allowsImage(String url) {
    String host = browserHost(url);
    if (host == null) {
      return false;
    }
    for (String allowed : imageHosts) {
      if (allowed.startsWith("*.") ? host.endsWith(allowed.substring(1)) : host.equals(allowed)) {
        return true;
      }
    }
    return false;
  }

  /**
   * The host a browser loads {@code url} from, or null when that is not plain: browsers end the authority at
   * {@code / \ ? #} and take the host after the last {@code @}.
   */
  private static String browserHost(String url) {
    if (url == null) {
      return null;
    }
    String trimmed = url.strip();
    String lower = trimmed.toLowerCase(Locale.ROOT);
    int start;
    if (lower.startsWith("https://")) {
      start = "https://".length();
    } else if (lower.startsWith("http://")) {
      start = "http://".length();
    } else {
      return null;
    }
    int end = start;
    while (end < trimmed.length() && "/\\?#".indexOf(trimmed.charAt(end)) < 0) {
      end++;
    }
    String authority = lower.substring(start, end);
    String host = authority.substring(authority.lastIndexOf('@') + 1);
    int colon = host.lastIndexOf(':');
    if (colon >= 0) {
      String port = host.substring(colon + 1);
      if (!port.chars().allMatch(Character::isDigit)) {
        return null;
      }
      host = host.substring(0, colon);
    }
    if (host.endsWith(".")) {
      host = host.substring(0, host.length() - 1);
    }
    return HOST_PATTERN.matcher(host).matches() && !host.startsWith("*") ? host : null;
  }

  @Override
  public boolean equals(Object other) {
    if (!(other instanceof StepPolicy)) {
      return false;
    }
    StepPolicy that = (StepPolicy) other;
    return channelMentionsAllowed == that.channelMentionsAllowed
        && senderOverridesAllowed == that.senderOverridesAllowed
        && persistentNotificationsAllowed == that.persistentNotificationsAllowed
        && foreignPostsAllowed == that.foreignPostsAllowed
        && imageHosts.equals(that.imageHosts);
  }

  @Override
  public int hashCode() {
    return Objects.hash(channelMentionsAllowed, senderOverridesAllowed, persistentNotificationsAllowed,
        foreignPostsAllowed, imageHosts);
  }

  @Override
  public String toString() {
    return "StepPolicy{channelMentionsAllowed=" + channelMentionsAllowed + ", senderOverridesAllowed="
        + senderOverridesAllowed + ", persistentNotificationsAllowed=" + persistentNotificationsAllowed
        + ", foreignPostsAllowed=" + foreignPostsAllowed + ", imageHosts=" + imageHosts + "}";
  }

  public static final class Builder {
    private boolean channelMentionsAllowed;
    private boolean senderOverridesAllowed;
    private boolean persistentNotificationsAllowed;
    private boolean foreignPostsAllowed;
    private final List<String> imageHosts = new ArrayList<>();

    Builder() {}

    Builder(StepPolicy policy) {
      this.channelMentionsAllowed = policy.channelMentionsAllowed;
      this.senderOverridesAllowed = policy.senderOverridesAllowed;
      this.persistentNotificationsAllowed = policy.persistentNotificationsAllowed;
      this.foreignPostsAllowed = policy.foreignPostsAllowed;
      this.imageHosts.addAll(policy.imageHosts);
    }

    public Builder channelMentionsAllowed(boolean allowed) {
      this.channelMentionsAllowed = allowed;
      return this;
    }

    public Builder senderOverridesAllowed(boolean allowed) {
      this.senderOverridesAllowed = allowed;
      return this;
    }

    public Builder persistentNotificationsAllowed(boolean allowed) {
      this.persistentNotificationsAllowed = allowed;
      return this;
    }

    public Builder foreignPostsAllowed(boolean allowed) {
      this.foreignPostsAllowed = allowed;
      return this;
    }

    /**
     * @throws IllegalArgumentException {@code imageHosts[i]: ...} for anything but a host name or {@code *.domain}
     */
    public Builder imageHosts(List<String> hosts) {
      requireNonNull(hosts, "hosts == null");
      List<String> checked = new ArrayList<>();
      for (int i = 0; i < hosts.size(); i++) {
        String host = hosts.get(i) == null ? "" : hosts.get(i).strip().toLowerCase(Locale.ROOT);
        if (!HOST_PATTERN.matcher(host).matches()) {
          throw Checks.invalid("imageHosts[" + i + "]",
              "'" + hosts.get(i) + "' is not a host name (e.g. images.example.com or *.example.com; no scheme or port)");
        }
        if (!checked.contains(host)) {
          checked.add(host);
        }
      }
      this.imageHosts.clear();
      this.imageHosts.addAll(checked);
      return this;
    }

    public StepPolicy build() {
      return new StepPolicy(this);
    }
  }
}
