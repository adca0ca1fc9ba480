package org.commandcenter.notifier.core.delivery;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.commandcenter.mattermost.DeliveryEngine;
import org.commandcenter.mattermost.MattermostClient;
import org.commandcenter.notifier.core.ThreadStoreLocator;

/**
 * The delivery engine of a host that did not plug in its own: one per process, in memory (nothing survives the
 * process), with the engine's fixed threads. Its connections are the clients the notifier was given, named by their
 * {@link MattermostClient#fingerprint() fingerprint}, so that the notifications of one site and credential share
 * their channels' order, coalescing and digests whichever client object carried them.
 */
public final class DefaultDelivery {
  /** Distinct credentials remembered at most; the oldest unused one is forgotten first. */
  private static final int MAX_CONNECTIONS = 256;

  private static final Map<String, MattermostClient> CLIENTS = new LinkedHashMap<>(16, 0.75f, true) {
    @Override
    protected boolean removeEldestEntry(Map.Entry<String, MattermostClient> eldest) {
      return size() > MAX_CONNECTIONS;
    }
  };
  private static DeliveryEngine engine;

  private DefaultDelivery() {}

  /** The shared engine, started on first use. */
  public static synchronized DeliveryEngine engine() {
    if (engine == null) {
      DeliveryEngine created = DeliveryEngine.builder(DefaultDelivery::client)
          .addListener(ThreadEffects.listener(ThreadStoreLocator.none()))
          .build();
      try {
        created.start();
      } catch (IOException e) {
        throw new UncheckedIOException("an in-memory outbox cannot fail to open", e);
      }
      engine = created;
    }
    return engine;
  }

  /** The connection key of {@code client} on the shared engine; the latest client given for it is used. */
  public static String connection(MattermostClient client) {
    String key = "client:" + client.fingerprint();
    synchronized (CLIENTS) {
      CLIENTS.put(key, client);
    }
    return key;
  }

  private static MattermostClient client(String connection) {
    synchronized (CLIENTS) {
      return CLIENTS.get(connection);
    }
  }
}
