package org.commandcenter.sonar.mattermost;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.sonar.api.Startable;
import org.sonar.api.ce.ComputeEngineSide;
import org.sonar.api.config.Configuration;
import org.sonar.api.utils.log.Logger;
import org.sonar.api.utils.log.Loggers;

/**
 * Where the task and the delivery get the plugin's settings: read on a background thread when the Compute Engine
 * starts and then every {@link #REFRESH}, so the Compute Engine's thread never reads them itself. There every setting read is a
 * database query (SonarQube's settings cache lives for one task): the twenty the plugin reads took 10–26 ms of each
 * alert's task time on real servers. A change an administrator makes reaches alerts within {@link #REFRESH}.
 */
@ComputeEngineSide
public class GateSettingsSource implements Startable {

  static final Duration REFRESH = Duration.ofSeconds(10);
  private static final Logger LOG = Loggers.get(GateSettingsSource.class);

  private final Configuration config;
  /** Null: read at every call. */
  private final Duration refresh;
  private volatile Read latest;
  private final List<Runnable> connectionChanges = new CopyOnWriteArrayList<>();
  private ScheduledExecutorService refresher;

  public GateSettingsSource(Configuration config) {
    this(config, REFRESH);
  }

  GateSettingsSource(Configuration config, Duration refresh) {
    this.config = Objects.requireNonNull(config, "config == null");
    this.refresh = refresh;
  }

  /** Reads the settings at every call, on the caller's thread: for settings that must apply at once (tests). */
  static GateSettingsSource readEveryTime(Configuration config) {
    return new GateSettingsSource(config, null);
  }

  /**
   * The settings last read; before the first background read, read now on the caller's thread.
   *
   * @throws IllegalArgumentException naming the setting, when the settings are invalid (as {@link GateSettings#from})
   */
  GateSettings current() {
    Read read = latest;
    if (read == null || refresh == null) {
      read = read();
      if (refresh != null) {
        latest = read;
      }
    }
    if (read.error() != null) {
      throw new IllegalArgumentException(read.error().getMessage(), read.error());
    }
    return read.settings();
  }

  /**
   * Runs {@code listener} on the background thread when a read finds the Mattermost connection changed (another
   * site, token or webhook, or one where there was none): e.g. to build the new client before an alert needs it.
   */
  void onConnectionChange(Runnable listener) {
    connectionChanges.add(Objects.requireNonNull(listener, "listener == null"));
  }

  /** What the settings are read from, for what else it holds (the web server's port and context). */
  Configuration configuration() {
    return config;
  }

  @Override
  public void start() {
    if (refresh == null) {
      return;
    }
    refresher = Executors.newSingleThreadScheduledExecutor(task -> {
      Thread thread = new Thread(task, "mattermost-settings");
      thread.setDaemon(true);
      return thread;
    });
    refresher.scheduleWithFixedDelay(this::refresh, 0, refresh.toMillis(), TimeUnit.MILLISECONDS);
  }

  @Override
  public void stop() {
    if (refresher != null) {
      refresher.shutdownNow();
    }
  }

  private void refresh() {
    try {
      Read before = latest;
      Read read = read();
      latest = read;
      if (before != null && !Objects.equals(before.connection(), read.connection())) {
        connectionChanges.forEach(Runnable::run);
      }
    } catch (RuntimeException e) {
      // The database may be briefly away: the task keeps the settings read last, and the next refresh tries again.
      LOG.debug("Mattermost: cannot read the settings", e);
    }
  }

  private Read read() {
    try {
      return new Read(GateSettings.from(config), null);
    } catch (IllegalArgumentException e) {
      return new Read(null, e);
    }
  }

  private record Read(GateSettings settings, IllegalArgumentException error) {
    GateSettings.ConnectionKey connection() {
      return settings == null || !settings.isActive() ? null : settings.connectionKey();
    }
  }
}
