package org.commandcenter.mattermost;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Where a {@link DeliveryEngine} keeps the deliveries it has not finished: in memory (lost when the process ends),
 * or in a directory, where a delivery is written (and forced to disk) before its first attempt and removed once
 * it is delivered, so that it survives a crash or restart and the next engine on the same directory resumes it.
 *
 * <p>The directory holds an append-only journal ({@code journal-*.log}, fsync'd on every write, old parts
 * compacted away) and {@code corrupt/}, where an entry that cannot be read is moved aside with a log line. Nothing
 * secret is ever written: a delivery names its connection by the host's key. One engine at a time per directory
 * (a lock file, released when the process ends, however it ends).
 */
public final class Outbox {
  private static final Outbox IN_MEMORY = new Outbox(null);

  private final Path directory;

  private Outbox(Path directory) {
    this.directory = directory;
  }

  /** Nothing survives the process: for hosts without a place to write, and for tests. */
  public static Outbox inMemory() {
    return IN_MEMORY;
  }

  /** A durable outbox in {@code directory}, created when missing. */
  public static Outbox directory(Path directory) {
    return new Outbox(requireNonNull(directory, "directory == null").toAbsolutePath().normalize());
  }

  /** The directory, or empty for an in-memory outbox. */
  public Optional<Path> directory() {
    return Optional.ofNullable(directory);
  }

  public boolean isDurable() {
    return directory != null;
  }

  /** Opens the journal, reading what an earlier engine left; null when in memory. */
  JournalStore open() throws IOException {
    return directory == null ? null : JournalStore.open(directory);
  }

  @Override
  public String toString() {
    return directory == null ? "Outbox{in memory}" : "Outbox{" + directory + "}";
  }
}
