package org.commandcenter.mattermost;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.CRC32;

/**
 * The durable outbox: an append-only journal of fixed-size segment files, zero-filled when created so that each
 * append is forced to disk with a data-only sync (no file size to update): a fraction of a millisecond, where a
 * file per delivery (write, sync, rename, sync the directory) costs several. Concurrent appends share one sync.
 *
 * <p>A record is {@code [length][crc32][type][id][payload]}: {@code PUT} stores a delivery, {@code REMOVE} ends
 * it. Reading the segments in order gives the deliveries still to send. A record that fails its checksum (a torn
 * last write, a bad disk block) is moved aside to {@code corrupt/} with a log line and the rest is read on. New
 * records always go to a new segment; the oldest segment is deleted once nothing in it is live, and copied
 * forward when it holds a few live deliveries among many finished ones. Segments go strictly oldest first, so a
 * {@code REMOVE} is never lost while the {@code PUT} it ends is still on disk.
 */
final class JournalStore implements Closeable {
  private static final Logger LOG = Logger.getLogger(DeliveryEngine.class.getName());

  static final int DEFAULT_SEGMENT_SIZE = 16 * 1024 * 1024;
  /** Deliveries larger than this are refused; Mattermost takes about 1 MB of props and 64 KB of text a post. */
  static final int MAX_PAYLOAD = 4 * 1024 * 1024;
  private static final byte[] MAGIC = "CCOUTBOX1\n\0\0\0\0\0\0".getBytes(StandardCharsets.US_ASCII);
  private static final int HEADER = MAGIC.length;
  /** length (int) + crc (int) + type (byte) + id (26 ASCII). */
  private static final int RECORD_OVERHEAD = 4 + 4 + 1 + 26;
  private static final byte PUT = 1;
  private static final byte REMOVE = 2;
  /** Segments on disk (the one being written included) before the oldest is copied forward. */
  private static final int MAX_SEGMENTS = 3;
  private static final Pattern SEGMENT_NAME = Pattern.compile("journal-(\\d{10})\\.log");

  /** Where a live delivery's bytes are; compaction moves it. Guarded by the store's lock. */
  static final class Location {
    private Segment segment;
    private long offset;
    private final int length;

    private Location(Segment segment, long offset, int length) {
      this.segment = segment;
      this.offset = offset;
      this.length = length;
    }
  }

  /** A delivery found on opening, in journal order. */
  record Recovered(String id, Location location, byte[] bytes) {}

  private static final class Segment {
    final long number;
    final Path path;
    final FileChannel channel;
    long end = HEADER;
    volatile long synced = HEADER;
    int live;

    Segment(long number, Path path, FileChannel channel) {
      this.number = number;
      this.path = path;
      this.channel = channel;
    }
  }

  private final Path directory;
  private final Path corrupt;
  private final int segmentSize;
  private final int maxPayload;
  private final FileChannel lockChannel;
  private final FileLock fileLock;
  private final Object lock = new Object();
  private final Object syncLock = new Object();
  private final TreeMap<Long, Segment> segments = new TreeMap<>();
  private final Map<String, Location> live = new HashMap<>();
  private Segment active;
  private Segment spare;
  /** When the first remove not yet forced to disk was written; 0 when none waits. */
  private long unsyncedSince;
  private long nextNumber = 1;
  private List<Recovered> recovered = List.of();
  private boolean closed;

  private JournalStore(Path directory, int segmentSize, FileChannel lockChannel, FileLock fileLock) {
    this.directory = directory;
    this.corrupt = directory.resolve("corrupt");
    this.segmentSize = segmentSize;
    this.maxPayload = Math.min(MAX_PAYLOAD, segmentSize - HEADER - RECORD_OVERHEAD);
    this.lockChannel = lockChannel;
    this.fileLock = fileLock;
  }

  static JournalStore open(Path directory) throws IOException {
    return open(directory, DEFAULT_SEGMENT_SIZE);
  }

  static JournalStore open(Path directory, int segmentSize) throws IOException {
    Files.createDirectories(directory);
    FileChannel lockChannel = FileChannel.open(directory.resolve("outbox.lock"), StandardOpenOption.CREATE,
        StandardOpenOption.WRITE);
    FileLock fileLock;
    try {
      fileLock = lockChannel.tryLock();
    } catch (OverlappingFileLockException e) {
      fileLock = null;
    }
    if (fileLock == null) {
      lockChannel.close();
      throw new IOException("outbox " + directory + " is in use by another delivery engine");
    }
    JournalStore store = new JournalStore(directory, segmentSize, lockChannel, fileLock);
    try {
      store.recover();
    } catch (IOException | RuntimeException e) {
      store.close();
      throw e;
    }
    return store;
  }

  Path directory() {
    return directory;
  }

  int maxPayload() {
    return maxPayload;
  }

  /** What an earlier engine left, in journal order; handed out once. */
  List<Recovered> takeRecovered() {
    List<Recovered> result = recovered;
    recovered = List.of();
    return result;
  }

  /** Appends a delivery and forces it to disk. */
  Location put(String id, byte[] payload) throws IOException {
    if (payload.length > maxPayload) {
      throw new IllegalArgumentException("delivery: larger than the outbox takes (" + maxPayload + " bytes)");
    }
    ByteBuffer record = record(PUT, id, payload);
    Segment segment;
    long end;
    Location location;
    synchronized (lock) {
      ensureOpen();
      segment = roomFor(record.remaining());
      long at = segment.end;
      writeFully(segment.channel, record, at);
      segment.end = at + record.capacity();
      end = segment.end;
      segment.live++;
      location = new Location(segment, at + RECORD_OVERHEAD, payload.length);
      live.put(id, location);
    }
    try {
      sync(segment, end);
    } catch (IOException e) {
      synchronized (lock) {
        if (live.remove(id) == location) {
          location.segment.live--;
        }
      }
      throw e;
    }
    return location;
  }

  byte[] read(Location location) throws IOException {
    synchronized (lock) {
      ensureOpen();
      ByteBuffer buffer = ByteBuffer.allocate(location.length);
      readFully(location.segment.channel, buffer, location.offset);
      return buffer.array();
    }
  }

  /**
   * Ends a delivery: a {@code REMOVE} record, forced to disk with the next put or within
   * {@value #REMOVE_SYNC_MILLIS} ms ({@link #maintain()}), not at once: a remove lost in a crash only means the
   * delivery is found again on the next start (and read back from the channel before anything is sent), while a
   * sync per remove would make every build thread's put wait behind the delivery thread's syncs.
   */
  void remove(String id) throws IOException {
    ByteBuffer record = record(REMOVE, id, new byte[0]);
    synchronized (lock) {
      ensureOpen();
      Location location = live.remove(id);
      if (location == null) {
        return;
      }
      location.segment.live--;
      Segment segment = roomFor(record.remaining());
      long at = segment.end;
      writeFully(segment.channel, record, at);
      segment.end = at + record.capacity();
      if (unsyncedSince == 0) {
        unsyncedSince = System.nanoTime();
      }
    }
  }

  /** How long a remove may wait for its sync. */
  static final long REMOVE_SYNC_MILLIS = 200;

  /** Keeps the bytes of an entry that cannot be read under {@code corrupt/} and ends the entry. */
  void moveAside(String id, byte[] bytes, String reason) {
    Path target = corrupt.resolve(id + ".json");
    try {
      Files.createDirectories(corrupt);
      Files.write(target, bytes);
      remove(id);
      LOG.warning("Mattermost outbox: moved an unreadable delivery aside to " + target + ": " + reason);
    } catch (IOException e) {
      LOG.log(Level.WARNING, "Mattermost outbox: cannot move an unreadable delivery aside to " + target + " ("
          + reason + ")", e);
    }
  }

  /** Frees and compacts old segments and prepares the next one; called by the engine off the submit path. */
  void maintain() {
    try {
      Segment toSync = null;
      long end = 0;
      synchronized (lock) {
        if (closed) {
          return;
        }
        freeOldSegments();
        if (spare == null && active != null && active.end > segmentSize / 2) {
          spare = newSegment();
        }
        if (unsyncedSince != 0 && System.nanoTime() - unsyncedSince > REMOVE_SYNC_MILLIS * 1_000_000L
            && active != null) {
          toSync = active;
          end = active.end;
        }
      }
      if (toSync != null) {
        sync(toSync, end);
      }
    } catch (IOException e) {
      LOG.log(Level.WARNING, "Mattermost outbox: cannot tidy " + directory, e);
    }
  }

  /** Live deliveries on disk. */
  int size() {
    synchronized (lock) {
      return live.size();
    }
  }

  /** Segment files on disk, for tests. */
  int segmentCount() {
    synchronized (lock) {
      return segments.size();
    }
  }

  @Override
  public void close() throws IOException {
    synchronized (lock) {
      if (closed) {
        return;
      }
      closed = true;
      if (active != null && unsyncedSince != 0) {
        try {
          active.channel.force(false);
        } catch (IOException e) {
          LOG.log(Level.FINE, "cannot sync " + active.path + " on close", e);
        }
      }
      for (Segment segment : segments.values()) {
        closeQuietly(segment.channel);
      }
      if (spare != null) {
        closeQuietly(spare.channel);
        Files.deleteIfExists(spare.path);
      }
      segments.clear();
    }
    try {
      fileLock.release();
    } finally {
      lockChannel.close();
    }
  }

  // ---- writing -------------------------------------------------------------------------------------------------

  private static ByteBuffer record(byte type, String id, byte[] payload) {
    byte[] idBytes = id.getBytes(StandardCharsets.US_ASCII);
    if (idBytes.length != 26) {
      throw new IllegalArgumentException("id: must be 26 characters");
    }
    ByteBuffer record = ByteBuffer.allocate(RECORD_OVERHEAD + payload.length);
    record.putInt(1 + 26 + payload.length);
    record.putInt(0);
    record.put(type).put(idBytes).put(payload);
    CRC32 crc = new CRC32();
    crc.update(record.array(), 8, record.capacity() - 8);
    record.putInt(4, (int) crc.getValue());
    record.flip();
    return record;
  }

  /** The segment to append {@code length} bytes to, starting a new one when the current one is full. */
  private Segment roomFor(int length) throws IOException {
    if (active == null || active.end + length > segmentSize) {
      if (active != null) {
        active.channel.force(false);
        active.synced = active.end;
      }
      active = spare != null ? spare : newSegment();
      spare = null;
      segments.put(active.number, active);
      freeOldSegments();
    }
    return active;
  }

  /** A zero-filled segment file with its header, synced with its directory entry. */
  private Segment newSegment() throws IOException {
    long number = nextNumber++;
    Path path = directory.resolve(String.format("journal-%010d.log", number));
    FileChannel channel = FileChannel.open(path, StandardOpenOption.CREATE_NEW, StandardOpenOption.READ,
        StandardOpenOption.WRITE);
    try {
      ByteBuffer zeros = ByteBuffer.allocate(Math.min(segmentSize, 1024 * 1024));
      for (long at = 0; at < segmentSize; at += zeros.capacity()) {
        zeros.clear().limit((int) Math.min(zeros.capacity(), segmentSize - at));
        writeFully(channel, zeros, at);
      }
      writeFully(channel, ByteBuffer.wrap(MAGIC), 0);
      channel.force(true);
      syncDirectory();
    } catch (IOException e) {
      closeQuietly(channel);
      Files.deleteIfExists(path);
      throw e;
    }
    return new Segment(number, path, channel);
  }

  /** Forces {@code segment} up to {@code end}; whoever forces covers every append made before it. */
  private void sync(Segment segment, long end) throws IOException {
    if (segment.synced >= end) {
      return;
    }
    synchronized (syncLock) {
      if (segment.synced >= end) {
        return;
      }
      long target;
      synchronized (lock) {
        target = segment.end;
      }
      segment.channel.force(false);
      segment.synced = target;
      synchronized (lock) {
        if (segment == active && segment.end == target) {
          unsyncedSince = 0; // every remove written so far went with it
        }
      }
    }
  }

  /**
   * Deletes the oldest segments while nothing in them is live, and copies the live deliveries of the oldest
   * forward when there are too many segments. Never a segment with an older one left behind it.
   */
  private void freeOldSegments() throws IOException {
    while (segments.size() > 1) {
      Segment oldest = segments.firstEntry().getValue();
      if (oldest == active) {
        return;
      }
      if (oldest.live > 0) {
        if (segments.size() < MAX_SEGMENTS || active == null) {
          return; // copied forward once there is a segment to copy to
        }
        copyForward(oldest);
      }
      segments.remove(oldest.number);
      closeQuietly(oldest.channel);
      Files.deleteIfExists(oldest.path);
      syncDirectory();
    }
  }

  private void copyForward(Segment oldest) throws IOException {
    for (Map.Entry<String, Location> entry : live.entrySet()) {
      Location location = entry.getValue();
      if (location.segment != oldest) {
        continue;
      }
      ByteBuffer payload = ByteBuffer.allocate(location.length);
      readFully(oldest.channel, payload, location.offset);
      ByteBuffer record = record(PUT, entry.getKey(), payload.array());
      if (active.end + record.remaining() > segmentSize) {
        active.channel.force(false);
        active.synced = active.end;
        active = spare != null ? spare : newSegment();
        spare = null;
        segments.put(active.number, active);
      }
      long at = active.end;
      writeFully(active.channel, record, at);
      active.end = at + record.capacity();
      active.live++;
      oldest.live--;
      location.segment = active;
      location.offset = at + RECORD_OVERHEAD;
    }
    active.channel.force(false);
    active.synced = active.end;
  }

  // ---- reading what an earlier engine left ---------------------------------------------------------------------

  private void recover() throws IOException {
    List<Path> files = new ArrayList<>();
    try (DirectoryStream<Path> stream = Files.newDirectoryStream(directory, "journal-*.log")) {
      stream.forEach(files::add);
    }
    TreeMap<Long, Path> byNumber = new TreeMap<>();
    for (Path file : files) {
      Matcher matcher = SEGMENT_NAME.matcher(file.getFileName().toString());
      if (matcher.matches()) {
        byNumber.put(Long.parseLong(matcher.group(1)), file);
      }
    }
    Map<String, Location> found = new LinkedHashMap<>();
    for (Map.Entry<Long, Path> file : byNumber.entrySet()) {
      FileChannel channel = FileChannel.open(file.getValue(), StandardOpenOption.READ, StandardOpenOption.WRITE);
      Segment segment = new Segment(file.getKey(), file.getValue(), channel);
      segment.end = channel.size();
      segment.synced = segment.end;
      segments.put(segment.number, segment);
      nextNumber = Math.max(nextNumber, segment.number + 1);
      readSegment(segment, found);
    }
    List<Recovered> result = new ArrayList<>();
    for (Map.Entry<String, Location> entry : found.entrySet()) {
      Location location = entry.getValue();
      location.segment.live++;
      live.put(entry.getKey(), location);
      ByteBuffer bytes = ByteBuffer.allocate(location.length);
      readFully(location.segment.channel, bytes, location.offset);
      result.add(new Recovered(entry.getKey(), location, bytes.array()));
    }
    recovered = result;
    freeOldSegments();
    // Appends never follow what a crash may have left half-written: a fresh segment, prepared now so that the
    // first put does not pay for zero-filling it.
    spare = newSegment();
  }

  private void readSegment(Segment segment, Map<String, Location> found) throws IOException {
    long size = segment.channel.size();
    ByteBuffer magic = ByteBuffer.allocate(HEADER);
    if (size < HEADER || !readUpTo(segment.channel, magic, 0) || !Arrays.equals(magic.array(), MAGIC)) {
      moveRestAside(segment, 0, size, "not an outbox journal");
      return;
    }
    long at = HEADER;
    ByteBuffer head = ByteBuffer.allocate(8);
    while (at + 8 <= size) {
      head.clear();
      readFully(segment.channel, head, at);
      int length = head.getInt(0);
      int crc = head.getInt(4);
      if (length == 0 && crc == 0) {
        return; // the zero-filled rest: nothing was written here
      }
      if (length < 27 || at + 8 + length > size || length > maxPayload + 27 + 64) {
        moveRestAside(segment, at, size, "an unreadable record length");
        return;
      }
      ByteBuffer body = ByteBuffer.allocate(length);
      readFully(segment.channel, body, at + 8);
      CRC32 check = new CRC32();
      check.update(body.array(), 0, length);
      byte type = body.get(0);
      if ((int) check.getValue() != crc || (type != PUT && type != REMOVE)) {
        moveAside(segment, at, 8 + length, "a record that fails its checksum (a write cut short, or a bad block)");
      } else {
        String id = new String(body.array(), 1, 26, StandardCharsets.US_ASCII);
        if (type == PUT) {
          found.remove(id); // a copy moved forward by compaction comes later: keep that one
          found.put(id, new Location(segment, at + RECORD_OVERHEAD, length - 27));
        } else {
          found.remove(id);
        }
      }
      at += 8 + length;
    }
  }

  private void moveRestAside(Segment segment, long from, long size, String reason) throws IOException {
    // Trailing zeros are the unused rest of the segment, not data.
    long end = size;
    ByteBuffer one = ByteBuffer.allocate(4096);
    while (end > from) {
      long start = Math.max(from, end - one.capacity());
      one.clear().limit((int) (end - start));
      readFully(segment.channel, one, start);
      int last = one.limit() - 1;
      while (last >= 0 && one.get(last) == 0) {
        last--;
      }
      if (last >= 0) {
        end = start + last + 1;
        break;
      }
      end = start;
    }
    if (end > from) {
      moveAside(segment, from, end - from, reason);
    }
  }

  private void moveAside(Segment segment, long at, long length, String reason) throws IOException {
    Files.createDirectories(corrupt);
    Path target = corrupt.resolve(segment.path.getFileName() + "-at-" + at + ".bin");
    ByteBuffer bytes = ByteBuffer.allocate((int) Math.min(length, Integer.MAX_VALUE - 8));
    readFully(segment.channel, bytes, at);
    Files.write(target, bytes.array());
    LOG.warning("Mattermost outbox: moved " + length + " bytes aside to " + target + ": " + reason
        + "; the other deliveries are read on");
  }

  // ---- helpers -------------------------------------------------------------------------------------------------

  private void ensureOpen() throws IOException {
    if (closed) {
      throw new IOException("outbox " + directory + " is closed");
    }
  }

  private void syncDirectory() throws IOException {
    try (FileChannel dir = FileChannel.open(directory, StandardOpenOption.READ)) {
      dir.force(true);
    } catch (IOException e) {
      // Some file systems cannot sync a directory; the data files are synced regardless.
      LOG.log(Level.FINE, "cannot sync directory " + directory, e);
    }
  }

  private static void writeFully(FileChannel channel, ByteBuffer buffer, long at) throws IOException {
    long position = at;
    while (buffer.hasRemaining()) {
      position += channel.write(buffer, position);
    }
  }

  private static void readFully(FileChannel channel, ByteBuffer buffer, long at) throws IOException {
    if (!readUpTo(channel, buffer, at)) {
      throw new IOException("outbox journal ends early");
    }
  }

  private static boolean readUpTo(FileChannel channel, ByteBuffer buffer, long at) throws IOException {
    long position = at;
    while (buffer.hasRemaining()) {
      int read = channel.read(buffer, position);
      if (read < 0) {
        return false;
      }
      position += read;
    }
    return true;
  }

  private static void closeQuietly(FileChannel channel) {
    try {
      channel.close();
    } catch (IOException ignored) {
      // Closing anyway.
    }
  }
}
