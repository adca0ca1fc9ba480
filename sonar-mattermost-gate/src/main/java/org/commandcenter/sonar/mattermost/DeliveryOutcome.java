package org.commandcenter.sonar.mattermost;

/**
 * What became of an alert by the time the Compute Engine thread returned: it never waits for Mattermost, so the
 * alert is in the outbox or was not accepted at all; its delivery is logged when it happens.
 */
public enum DeliveryOutcome {
  /** Written to the outbox; the delivery engine sends it (and logs the result). */
  QUEUED,
  /** Not queued: the connection settings are invalid, or the delivery engine is not running. */
  FAILED
}
