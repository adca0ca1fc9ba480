package org.commandcenter.mattermost;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * A Mattermost connection's state: one probe at a time while it fails, and the pace its limiter allows. Guarded by
 * the engine's lock.
 */
final class EngineConnection {
  final String key;
  final List<EngineLane> lanes = new ArrayList<>();
  int failures;
  long retryAt;
  long nextSendAt;
  Instant unreachableSince;
  String lastError;

  EngineConnection(String key) {
    this.key = key;
  }
}
