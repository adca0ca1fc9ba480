package org.commandcenter.mattermost;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The outbox journal: what is put survives a reopen until removed, in order; damage is moved aside. */
class JournalStoreTest {
  private static final int SMALL_SEGMENT = 64 * 1024;

  @TempDir
  Path dir;

  private static String id(int n) {
    return String.format("id%024d", n);
  }

  private static byte[] payload(int n) {
    return ("{\"delivery\":" + n + "}").getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void whatIsPutAndNotRemovedComesBackInOrder() throws Exception {
    try (JournalStore store = JournalStore.open(dir, SMALL_SEGMENT)) {
      for (int i = 1; i <= 5; i++) {
        store.put(id(i), payload(i));
      }
      store.remove(id(2));
      store.remove(id(4));
    }
    try (JournalStore store = JournalStore.open(dir, SMALL_SEGMENT)) {
      List<JournalStore.Recovered> recovered = store.takeRecovered();
      assertThat(recovered).extracting(JournalStore.Recovered::id).containsExactly(id(1), id(3), id(5));
      assertThat(new String(recovered.get(1).bytes(), StandardCharsets.UTF_8)).isEqualTo("{\"delivery\":3}");
      assertThat(store.read(recovered.get(2).location())).isEqualTo(payload(5));
    }
  }

  @Test
  void oneEngineAtATime() throws Exception {
    try (JournalStore store = JournalStore.open(dir, SMALL_SEGMENT)) {
      assertThatThrownBy(() -> JournalStore.open(dir, SMALL_SEGMENT)).isInstanceOf(IOException.class)
          .hasMessageContaining("in use by another delivery engine");
    }
    JournalStore.open(dir, SMALL_SEGMENT).close();
  }

  @Test
  void aDamagedRecordIsMovedAsideWithALogLineAndTheRestIsRead() throws Exception {
    try (JournalStore store = JournalStore.open(dir, SMALL_SEGMENT)) {
      for (int i = 1; i <= 3; i++) {
        store.put(id(i), payload(i));
      }
    }
    Path segment = segments().get(0);
    byte[] bytes = Files.readAllBytes(segment);
    int second = indexOf(bytes, id(2).getBytes(StandardCharsets.US_ASCII));
    try (RandomAccessFile file = new RandomAccessFile(segment.toFile(), "rw")) {
      file.seek(second + 30); // inside the second record's payload: its checksum no longer matches
      file.write('X');
    }
    List<String> warnings = new java.util.concurrent.CopyOnWriteArrayList<>();
    Handler handler = capture(warnings);
    try (JournalStore store = JournalStore.open(dir, SMALL_SEGMENT)) {
      assertThat(store.takeRecovered()).extracting(JournalStore.Recovered::id).containsExactly(id(1), id(3));
    } finally {
      Logger.getLogger(DeliveryEngine.class.getName()).removeHandler(handler);
    }
    assertThat(warnings).anySatisfy(line -> assertThat(line).contains("moved").contains("checksum"));
    try (Stream<Path> aside = Files.list(dir.resolve("corrupt"))) {
      assertThat(aside.count()).isEqualTo(1);
    }
  }

  @Test
  void aWriteCutShortAtTheEndIsSetAsideAndNewWritesGoToAFreshSegment() throws Exception {
    try (JournalStore store = JournalStore.open(dir, SMALL_SEGMENT)) {
      store.put(id(1), payload(1));
      store.put(id(2), payload(2));
    }
    Path segment = segments().get(0);
    byte[] bytes = Files.readAllBytes(segment);
    int second = indexOf(bytes, id(2).getBytes(StandardCharsets.US_ASCII));
    try (RandomAccessFile file = new RandomAccessFile(segment.toFile(), "rw")) {
      // A crash while the second record was written: its length is there, its payload never arrived.
      for (int i = second + 26; i < second + 26 + payload(2).length; i++) {
        file.seek(i);
        file.write(0);
      }
    }
    try (JournalStore store = JournalStore.open(dir, SMALL_SEGMENT)) {
      assertThat(store.takeRecovered()).extracting(JournalStore.Recovered::id).containsExactly(id(1));
      store.put(id(3), payload(3));
      assertThat(store.segmentCount()).isEqualTo(2);
    }
    try (JournalStore store = JournalStore.open(dir, SMALL_SEGMENT)) {
      assertThat(store.takeRecovered()).extracting(JournalStore.Recovered::id).containsExactly(id(1), id(3));
    }
  }

  @Test
  void finishedSegmentsAreDeletedAndAFewLiveEntriesAreCopiedForward() throws Exception {
    byte[] big = new byte[10_000];
    java.util.Arrays.fill(big, (byte) 'a');
    try (JournalStore store = JournalStore.open(dir, SMALL_SEGMENT)) {
      store.put(id(0), payload(0)); // stays live throughout
      for (int i = 1; i <= 40; i++) {
        store.put(id(i), big);
        store.remove(id(i));
        store.maintain();
      }
      assertThat(store.segmentCount()).isLessThanOrEqualTo(3);
      assertThat(store.size()).isEqualTo(1);
    }
    assertThat(segments().size()).isLessThanOrEqualTo(3);
    try (JournalStore store = JournalStore.open(dir, SMALL_SEGMENT)) {
      List<JournalStore.Recovered> recovered = store.takeRecovered();
      assertThat(recovered).extracting(JournalStore.Recovered::id).containsExactly(id(0));
      assertThat(recovered.get(0).bytes()).isEqualTo(payload(0));
    }
  }

  @Test
  void refusesWhatCouldNeverFit() throws Exception {
    try (JournalStore store = JournalStore.open(dir, SMALL_SEGMENT)) {
      assertThatThrownBy(() -> store.put(id(1), new byte[SMALL_SEGMENT])).isInstanceOf(IllegalArgumentException.class)
          .hasMessageStartingWith("delivery: ");
    }
  }

  private List<Path> segments() throws IOException {
    try (Stream<Path> files = Files.list(dir)) {
      return files.filter(file -> file.getFileName().toString().startsWith("journal-")).sorted().toList();
    }
  }

  private static int indexOf(byte[] haystack, byte[] needle) {
    outer:
    for (int i = 0; i + needle.length <= haystack.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (haystack[i + j] != needle[j]) {
          continue outer;
        }
      }
      return i;
    }
    throw new AssertionError("not found");
  }

  static Handler capture(List<String> lines) {
    Handler handler = new Handler() {
      @Override
      public void publish(LogRecord record) {
        lines.add(record.getLevel() + " " + record.getMessage());
      }

      @Override
      public void flush() {}

      @Override
      public void close() {}
    };
    Logger.getLogger(DeliveryEngine.class.getName()).addHandler(handler);
    return handler;
  }
}
