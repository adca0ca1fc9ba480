package org.commandcenter.sonar.mattermost;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import okhttp3.OkHttpClient;
import org.commandcenter.mattermost.AsyncSender;
import org.commandcenter.mattermost.DeliveryStats;
import org.commandcenter.mattermost.MattermostClient;
import org.commandcenter.mattermost.Post;
import org.commandcenter.mattermost.PostResult;
import org.commandcenter.mattermost.tls.CaTrust;
import org.sonar.api.Startable;
import org.sonar.api.ce.ComputeEngineSide;
import org.sonar.api.utils.log.Logger;
import org.sonar.api.utils.log.Loggers;

/**
 * The Compute Engine's one delivery queue: lives as long as the Compute Engine, so alerts that Mattermost could not
 * take while an analysis was finishing are retried in the background (bounded, counted) after the task is done.
 * One client and queue per connection setting; an administrator's change of settings starts a new one and lets the
 * old one drain.
 */
@ComputeEngineSide
public class AlertDelivery implements Startable {

  private static final Logger LOG = Loggers.get(AlertDelivery.class);
  private static final int MAX_CONNECTIONS = 4;

  private final DeliveryTuning tuning;
  private final OkHttpClient httpClient;
  private final Map<GateSettings.ConnectionKey, AsyncSender> connections = new LinkedHashMap<>();
  private long retiredSubmitted;
  private long retiredDelivered;
  private long retiredFailed;
  private long retiredDropped;
  private long retiredRetried;

  public AlertDelivery() {
    this(DeliveryTuning.PRODUCTION);
  }

  private AlertDelivery(DeliveryTuning tuning) {
    this.tuning = tuning;
    this.httpClient = new OkHttpClient.Builder()
        .connectTimeout(tuning.connectTimeout())
        .readTimeout(tuning.readTimeout())
        .writeTimeout(tuning.readTimeout())
        .build();
  }

  static AlertDelivery withTuning(DeliveryTuning tuning) {
    return new AlertDelivery(tuning);
  }

  /** Shared by the Mattermost clients and the SonarQube Web API lookups: one pool, one dispatcher. */
  OkHttpClient httpClient() {
    return httpClient;
  }

  /**
   * Queues the post and waits for Mattermost's answer until {@code deadline} at the latest. Never throws.
   *
   * @param what names the alert in log messages (no secrets)
   */
  DeliveryOutcome deliver(GateSettings settings, Post post, Instant deadline, String what) {
    AsyncSender sender;
    try {
      sender = sender(settings);
    } catch (IllegalArgumentException e) {
      LOG.warn("Mattermost: alert for {} not sent, invalid connection settings: {}", what, e.getMessage());
      return DeliveryOutcome.FAILED;
    }
    CompletableFuture<PostResult> future = sender.submit(post);
    future.whenComplete((result, failure) -> {
      if (failure != null) {
        LOG.warn("Mattermost: alert for {} was not delivered: {}", what, failure.getMessage());
      }
    });
    long waitMillis = Math.max(0, Duration.between(Instant.now(), deadline).toMillis());
    try {
      future.get(waitMillis, TimeUnit.MILLISECONDS);
      return DeliveryOutcome.DELIVERED;
    } catch (TimeoutException e) {
      future.thenRun(() -> LOG.info("Mattermost: alert for {} delivered in the background", what));
      LOG.info("Mattermost: alert for {} not delivered yet, retrying in the background ({})", what, sender.stats());
      return DeliveryOutcome.QUEUED;
    } catch (ExecutionException e) {
      return DeliveryOutcome.FAILED;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return DeliveryOutcome.QUEUED;
    }
  }

  /** Counts over every queue this Compute Engine has had. */
  public synchronized DeliveryStats stats() {
    long submitted = retiredSubmitted;
    long delivered = retiredDelivered;
    long failed = retiredFailed;
    long dropped = retiredDropped;
    long retried = retiredRetried;
    for (AsyncSender sender : connections.values()) {
      DeliveryStats stats = sender.stats();
      submitted += stats.submitted();
      delivered += stats.delivered();
      failed += stats.failed();
      dropped += stats.dropped();
      retried += stats.retried();
    }
    return new DeliveryStats(submitted, delivered, failed, dropped, retried);
  }

  @Override
  public void start() {
    // Queues start on first use.
  }

  /** Gives queued alerts a short time to drain when the Compute Engine stops. */
  @Override
  public void stop() {
    List<AsyncSender> closing;
    synchronized (this) {
      closing = new ArrayList<>(connections.values());
      connections.clear();
    }
    for (AsyncSender sender : closing) {
      sender.close();
      retire(sender.stats());
    }
    httpClient.dispatcher().executorService().shutdown();
    httpClient.connectionPool().evictAll();
  }

  private synchronized AsyncSender sender(GateSettings settings) {
    GateSettings.ConnectionKey key = settings.connectionKey();
    AsyncSender existing = connections.get(key);
    if (existing != null) {
      return existing;
    }
    MattermostClient client = client(settings);
    AsyncSender sender = AsyncSender.builder(client)
        .capacity(tuning.capacity())
        .handOffTimeout(tuning.handOffTimeout())
        .redeliveries(tuning.redeliveries())
        .redeliveryDelay(tuning.redeliveryDelay())
        .closeTimeout(tuning.closeTimeout())
        .build();
    connections.put(key, sender);
    retireOldest();
    return sender;
  }

  private MattermostClient client(GateSettings settings) {
    MattermostClient.Builder builder = MattermostClient.builder()
        .okHttpClient(httpClient)
        .connectTimeout(tuning.connectTimeout())
        .readTimeout(tuning.readTimeout())
        .retryPolicy(tuning.retryPolicy());
    if (settings.botToken().isPresent()) {
      builder.siteUrl(settings.siteUrl().orElseThrow()).token(settings.botToken().get())
          .team(settings.team().orElseThrow());
    } else {
      builder.webhookUrl(settings.webhookUrl().orElseThrow());
    }
    if (settings.caCertificates().isPresent()) {
      try {
        builder.trust(CaTrust.fromPem(settings.caCertificates().get()));
      } catch (RuntimeException e) {
        throw new IllegalArgumentException(MattermostProperties.CA_CERTIFICATES + ": " + e.getMessage(), e);
      }
    }
    return builder.build();
  }

  /** Settings changed more often than connections are kept: the oldest drains in the background. */
  private void retireOldest() {
    Iterator<AsyncSender> iterator = connections.values().iterator();
    while (connections.size() > MAX_CONNECTIONS && iterator.hasNext()) {
      AsyncSender oldest = iterator.next();
      iterator.remove();
      Thread closer = new Thread(() -> {
        oldest.close();
        retire(oldest.stats());
      }, "mattermost-alert-drain");
      closer.setDaemon(true);
      closer.start();
    }
  }

  private synchronized void retire(DeliveryStats stats) {
    retiredSubmitted += stats.submitted();
    retiredDelivered += stats.delivered();
    retiredFailed += stats.failed();
    retiredDropped += stats.dropped();
    retiredRetried += stats.retried();
  }
}
