package org.commandcenter.notifier.core;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** What {@link NotificationEngine#notify} did: the event (if any), where it was delivered, and what failed. */
public final class NotifyOutcome {
  private final BuildEvent event;
  private final List<String> sent;
  private final Map<String, String> failures;
  private final boolean timedOut;

  NotifyOutcome(BuildEvent event, List<String> sent, Map<String, String> failures, boolean timedOut) {
    this.event = event;
    this.sent = List.copyOf(sent);
    this.failures = Collections.unmodifiableMap(new LinkedHashMap<>(failures));
    this.timedOut = timedOut;
  }

  static NotifyOutcome nothing() {
    return new NotifyOutcome(null, List.of(), Map.of(), false);
  }

  /** The event that was notified, or empty when the build state did not call for a notification. */
  public Optional<BuildEvent> event() {
    return Optional.ofNullable(event);
  }

  /** Channels that received the notification ({@code ""} = the webhook's default channel). */
  public List<String> sent() {
    return sent;
  }

  /** Channel → error message, for channels that could not be notified. */
  public Map<String, String> failures() {
    return failures;
  }

  /** True when delivery did not finish within the deadline (it goes on in the background). */
  public boolean timedOut() {
    return timedOut;
  }

  public boolean isSuccessful() {
    return failures.isEmpty() && !timedOut;
  }

  @Override
  public String toString() {
    return "NotifyOutcome{event=" + event + ", sent=" + sent + ", failures=" + failures.keySet()
        + ", timedOut=" + timedOut + "}";
  }
}
