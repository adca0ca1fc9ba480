package org.commandcenter.notifier.core;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What {@link NotificationEngine#notify} did.
 *
 * @param event    the event that was notified, or empty when the build state did not call for a notification
 * @param sent     channels that received the notification ({@code ""} = the webhook's default channel)
 * @param failures channel → error message, for channels that could not be notified
 * @param timedOut true when delivery did not finish within the deadline (it goes on in the background)
 */
public record NotifyOutcome(Optional<BuildEvent> event, List<String> sent, Map<String, String> failures,
    boolean timedOut) {

  public NotifyOutcome {
    sent = List.copyOf(sent);
    failures = Collections.unmodifiableMap(new LinkedHashMap<>(failures));
  }

  /** @param event may be null: no event */
  public static NotifyOutcome of(BuildEvent event, List<String> sent, Map<String, String> failures,
      boolean timedOut) {
    return new NotifyOutcome(Optional.ofNullable(event), sent, failures, timedOut);
  }

  public boolean isSuccessful() {
    return failures.isEmpty() && !timedOut;
  }

  @Override
  public String toString() {
    return "NotifyOutcome{event=" + event.orElse(null) + ", sent=" + sent + ", failures=" + failures.keySet()
        + ", timedOut=" + timedOut + "}";
  }
}
