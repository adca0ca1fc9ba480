package org.commandcenter.sonar.mattermost;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.sonar.api.config.Configuration;

/** The task's settings come from what a background thread read: the Compute Engine's thread reads none. */
class GateSettingsSourceTest {

  private final MapConfiguration settings = new MapConfiguration()
      .set(MattermostProperties.WEBHOOK_URL, "http://127.0.0.1:1/hooks/abc")
      .set(MattermostProperties.NOTIFY, "failed");
  private final CountingConfiguration counted = new CountingConfiguration(settings);
  private GateSettingsSource source;

  @AfterEach
  void stop() {
    if (source != null) {
      source.stop();
    }
  }

  @Test
  void servesWhatTheBackgroundReadWithoutReadingOnTheCallersThread() throws Exception {
    source = new GateSettingsSource(counted, Duration.ofHours(1));
    source.start();
    awaitReads(1);
    int afterFirstRead = counted.reads.get();
    String backgroundThread = counted.lastThread;

    for (int i = 0; i < 100; i++) {
      assertThat(source.current().notifyMode()).isEqualTo(NotifyMode.FAILED);
    }

    assertThat(counted.reads).hasValue(afterFirstRead);
    assertThat(backgroundThread).isEqualTo("mattermost-settings");
  }

  @Test
  void aChangeReachesTheTaskWithTheNextRefresh() throws Exception {
    source = new GateSettingsSource(counted, Duration.ofMillis(50));
    source.start();
    awaitReads(1);

    settings.set(MattermostProperties.NOTIFY, "always");

    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (source.current().notifyMode() != NotifyMode.ALWAYS && System.nanoTime() < deadline) {
      Thread.sleep(10);
    }
    assertThat(source.current().notifyMode()).isEqualTo(NotifyMode.ALWAYS);
  }

  @Test
  void tellsWhenTheConnectionChangesAndOnlyThen() throws Exception {
    source = new GateSettingsSource(counted, Duration.ofMillis(30));
    AtomicInteger changes = new AtomicInteger();
    source.onConnectionChange(changes::incrementAndGet);
    source.start();
    awaitReads(1);

    settings.set(MattermostProperties.NOTIFY, "always"); // not the connection
    Thread.sleep(200);
    assertThat(changes).hasValue(0);

    settings.set(MattermostProperties.WEBHOOK_URL, "http://127.0.0.1:2/hooks/def");
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (changes.get() == 0 && System.nanoTime() < deadline) {
      Thread.sleep(10);
    }
    Thread.sleep(200);
    assertThat(changes).hasValue(1);
  }

  @Test
  void beforeTheFirstBackgroundReadItReadsOnTheCallersThreadOnce() {
    source = new GateSettingsSource(counted, Duration.ofHours(1)); // not started: no background read yet

    source.current();
    int reads = counted.reads.get();
    source.current();

    assertThat(reads).isPositive();
    assertThat(counted.reads).hasValue(reads);
  }

  @Test
  void invalidSettingsFailEveryCallNamingTheSetting() {
    settings.set(MattermostProperties.NOTIFY, "sometimes");
    source = new GateSettingsSource(counted, Duration.ofHours(1));

    assertThatThrownBy(source::current).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(MattermostProperties.NOTIFY);
    assertThatThrownBy(source::current).hasMessageContaining(MattermostProperties.NOTIFY);
  }

  @Test
  void readEveryTimeReadsAtEachCall() {
    source = GateSettingsSource.readEveryTime(counted);
    source.start();

    source.current();
    int reads = counted.reads.get();
    settings.set(MattermostProperties.NOTIFY, "always");

    assertThat(source.current().notifyMode()).isEqualTo(NotifyMode.ALWAYS);
    assertThat(counted.reads.get()).isEqualTo(2 * reads);
  }

  private void awaitReads(int atLeast) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (counted.reads.get() < atLeast && System.nanoTime() < deadline) {
      Thread.sleep(5);
    }
    Thread.sleep(50); // the rest of that read's settings
    assertThat(counted.reads.get()).isGreaterThanOrEqualTo(atLeast);
  }

  /** Counts the reads and notes the thread that read: in the Compute Engine each is a database query. */
  private static final class CountingConfiguration implements Configuration {
    final AtomicInteger reads = new AtomicInteger();
    volatile String lastThread;
    private final Configuration settings;

    CountingConfiguration(Configuration settings) {
      this.settings = settings;
    }

    @Override
    public Optional<String> get(String key) {
      count();
      return settings.get(key);
    }

    @Override
    public boolean hasKey(String key) {
      count();
      return settings.hasKey(key);
    }

    @Override
    public String[] getStringArray(String key) {
      count();
      return settings.getStringArray(key);
    }

    private void count() {
      reads.incrementAndGet();
      lastThread = Thread.currentThread().getName();
    }
  }
}
