package org.commandcenter.jenkins.mattermost;

import hudson.Extension;
import hudson.model.AdministrativeMonitor;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import jenkins.model.Jenkins;
import org.commandcenter.mattermost.DeliveryHealth;
import org.kohsuke.stapler.HttpResponse;
import org.kohsuke.stapler.HttpResponses;
import org.kohsuke.stapler.verb.POST;

/**
 * Tells administrators that notifications do not get through: while Mattermost is unreachable, or notifications
 * have waited in the outbox for more than {@link #WAITING_TOO_LONG}. Says since when, how many wait and the last
 * error (the delivery engine's errors hold no secret: tokens and webhook keys are masked by the client), with a
 * <b>Retry now</b> button for administrators (message.jelly).
 */
@Extension
public final class DeliveryHealthMonitor extends AdministrativeMonitor {
  static final Duration WAITING_TOO_LONG = Duration.ofMinutes(1);
  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm", Locale.ROOT);
  private static final DateTimeFormatter DATE_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm", Locale.ROOT);

  @Override
  public String getDisplayName() {
    return Messages.get("monitor.delivery.displayName");
  }

  /** Cheap enough for every page an administrator opens: one snapshot of the engine's counters. */
  @Override
  public boolean isActivated() {
    return isActivated(PluginContext.current().delivery().health(), PluginContext.current().clock().instant());
  }

  static boolean isActivated(DeliveryHealth health, Instant now) {
    if (health == null) {
      return false;
    }
    return !health.isReachable() || health.oldestWaitingSince()
        .map(since -> since.plus(WAITING_TOO_LONG).isBefore(now)).orElse(false);
  }

  /** The monitor's sentence, e.g. "Mattermost unreachable since 14:02 — 37 notifications waiting; last error: …". */
  public String getSummary() {
    PluginContext context = PluginContext.current();
    DeliveryHealth health = context.delivery().health();
    return health == null ? "" : summary(health, context.clock(), ZoneId.systemDefault());
  }

  static String summary(DeliveryHealth health, Clock clock, ZoneId zone) {
    StringBuilder text = new StringBuilder();
    if (health.unreachableSince().isPresent()) {
      text.append(Messages.get("monitor.delivery.unreachable", when(health.unreachableSince().get(), clock, zone)));
    } else {
      text.append(Messages.get("monitor.delivery.slow",
          when(health.oldestWaitingSince().orElse(clock.instant()), clock, zone)));
    }
    text.append(" — ").append(Messages.get("monitor.delivery.waiting", health.waiting()));
    health.lastError().ifPresent(error -> text.append("; ").append(Messages.get("monitor.delivery.lastError",
        error)));
    return text.toString();
  }

  /** The counts shown on the global configuration page (read-only). */
  static String counts(DeliveryHealth health) {
    if (health == null) {
      return Messages.get("delivery.notStarted");
    }
    return Messages.get("delivery.counts", health.waiting(), health.delivered(), health.digested(), health.failed(),
        health.dropped(), health.coalesced());
  }

  /** Today's time as {@code 14:02}; another day's with its date. */
  private static String when(Instant instant, Clock clock, ZoneId zone) {
    LocalDate today = LocalDate.ofInstant(clock.instant(), zone);
    return instant.atZone(zone).toLocalDate().equals(today) ? TIME.format(instant.atZone(zone))
        : DATE_TIME.format(instant.atZone(zone));
  }

  /** Ends every wait: what waits is tried now, with the configuration as it is now. Administrators only. */
  @POST
  public HttpResponse doRetryNow() {
    Jenkins.get().checkPermission(Jenkins.ADMINISTER);
    PluginContext.current().delivery().retryNow();
    return HttpResponses.forwardToPreviousPage();
  }
}
