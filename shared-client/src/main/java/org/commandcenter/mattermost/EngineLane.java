package org.commandcenter.mattermost;

import java.util.ArrayDeque;
import java.util.TreeMap;

/** The deliveries of one channel of one connection, in order. Guarded by the engine's lock. */
final class EngineLane {
  final String connection;
  final String channel;
  final long order;
  final TreeMap<Long, EngineEntry> waiting = new TreeMap<>();
  /** When posts of foldable deliveries went out (one by one, or as a digest), for storm detection. */
  final ArrayDeque<Long> posted = new ArrayDeque<>();
  /** How many waiting entries await their condition check (most lanes: none, and nothing to look for). */
  int unchecked;
  EngineWork current;
  boolean reconcile;
  boolean busy;
  boolean queued;
  long readyAt;

  EngineLane(String connection, String channel, long order) {
    this.connection = connection;
    this.channel = channel;
    this.order = order;
  }

  boolean hasWork() {
    return current != null || !waiting.isEmpty();
  }

  int recentPosts(long since) {
    while (!posted.isEmpty() && posted.peekFirst() < since) {
      posted.removeFirst();
    }
    return posted.size();
  }
}
