package org.commandcenter.sonar.mattermost;

/** What became of an alert by the time the Compute Engine thread stopped waiting. */
public enum DeliveryOutcome {
  /** Mattermost accepted it. */
  DELIVERED,
  /** Not yet accepted; the background queue keeps trying. */
  QUEUED,
  /** Refused for good (e.g. bad token or unknown channel) or not queued (queue full, bad settings). */
  FAILED
}
