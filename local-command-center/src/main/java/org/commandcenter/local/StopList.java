package org.commandcenter.local;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Everything the command center started, stopped in reverse order exactly once: on a normal exit, on Ctrl-C (the
 * JVM's shutdown hook) or when a start-up step fails. Each entry stops its own process by PID.
 */
public final class StopList implements AutoCloseable {
  private final Deque<Entry> entries = new ArrayDeque<>();
  private final Console console;
  private boolean closed;

  public StopList(Console console) {
    this.console = console;
  }

  /** Registers {@code resource} (already started) and returns it. */
  public synchronized <T extends AutoCloseable> T add(String name, T resource) {
    if (closed) {
      closeQuietly(name, resource);
      throw new IllegalStateException("shutting down: " + name + " was stopped again");
    }
    entries.push(new Entry(name, resource));
    return resource;
  }

  /** Stops everything started so far, newest first; later calls do nothing. */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    while (!entries.isEmpty()) {
      Entry entry = entries.pop();
      console.step("Stopping " + entry.name);
      closeQuietly(entry.name, entry.resource);
    }
  }

  private void closeQuietly(String name, AutoCloseable resource) {
    try {
      resource.close();
    } catch (Exception e) {
      console.warn("could not stop " + name + ": " + e.getMessage());
    }
  }

  private static final class Entry {
    final String name;
    final AutoCloseable resource;

    Entry(String name, AutoCloseable resource) {
      this.name = name;
      this.resource = resource;
    }
  }
}
