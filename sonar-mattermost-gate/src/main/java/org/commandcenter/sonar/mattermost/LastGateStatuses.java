package org.commandcenter.sonar.mattermost;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import org.sonar.api.Startable;
import org.sonar.api.ce.ComputeEngineSide;
import org.sonar.api.ce.posttask.Analysis;
import org.sonar.api.ce.posttask.Branch;
import org.sonar.api.ce.posttask.CeTask;
import org.sonar.api.ce.posttask.PostProjectAnalysisTask.ProjectAnalysis;
import org.sonar.api.ce.posttask.QualityGate;
import org.sonar.api.config.Configuration;
import org.sonar.api.utils.log.Logger;
import org.sonar.api.utils.log.Loggers;

/**
 * The gate status of the last analysis this Compute Engine saw, per project and branch or pull request, kept under
 * {@code sonar.path.data}/{@value #DIRECTORY}: what {@code notify = changes} compares with, without asking the Web
 * API (two requests to the web server, hundreds of milliseconds when it is cold). The Web API is asked only when
 * nothing is remembered, the first analysis of a branch after installation, and then on a delivery thread
 * ({@link PreviousStatus#ASK_LATER}).
 *
 * <p>Keyed by the project's UUID, not its key, so a renamed project keeps its history and a project that takes a
 * freed key does not inherit another's. One small file per branch, written atomically (temp file, fsync, rename):
 * a crash leaves the previous status or the new one, never a torn file. Written by a background thread, not the
 * Compute Engine's (2–10 ms measured per write); until it is on disk the status is recalled from memory, and one lost
 * to a crash only costs a Web API lookup.
 */
@ComputeEngineSide
public class LastGateStatuses implements Startable {

  static final String DIRECTORY = "mattermost-gate/last-gate-status";
  private static final Logger LOG = Loggers.get(LastGateStatuses.class);

  private final Path directory;
  /** File name to content remembered but not yet on disk. */
  private final Map<String, String> unwritten = new ConcurrentHashMap<>();
  private ExecutorService writer;

  public LastGateStatuses(Configuration config) {
    this(directoryOf(config));
  }

  /** @param directory where to keep them, or null to remember nothing (every lookup goes to the Web API) */
  LastGateStatuses(Path directory) {
    this.directory = directory;
  }

  static LastGateStatuses none() {
    return new LastGateStatuses((Path) null);
  }

  /**
   * Remembers the gate status of a successful analysis (a failed task makes no analysis, so the one before stays the
   * previous). Never throws: a status that cannot be kept only costs a Web API lookup next time.
   */
  void remember(ProjectAnalysis analysis) {
    remember(analysis, false);
  }

  /** Goes through {@link #remember} up to the write, keeping nothing: the warm-up's (see {@link AlertWarmUp}). */
  void rehearse(ProjectAnalysis analysis) {
    remember(analysis, true);
  }

  private void remember(ProjectAnalysis analysis, boolean rehearsal) {
    if (directory == null || analysis.getCeTask().getStatus() != CeTask.Status.SUCCESS
        || analysis.getAnalysis().isEmpty()) {
      return;
    }
    QualityGate gate = analysis.getQualityGate();
    PreviousStatus status = gate == null ? PreviousStatus.NONE
        : "ERROR".equals(gate.getStatus().name()) ? PreviousStatus.ERROR : PreviousStatus.OK;
    Analysis current = analysis.getAnalysis().get();
    String content = status.name() + "\n" + current.getAnalysisUuid() + "\n" + current.getDate().getTime() + "\n";
    String name = fileName(analysis);
    String projectKey = analysis.getProject().getKey();
    if (rehearsal) {
      return;
    }
    unwritten.put(name, content);
    try {
      writer().execute(() -> write(name, projectKey));
    } catch (RejectedExecutionException e) {
      write(name, projectKey); // stopping: written now
    }
  }

  /** Writes what waits for {@code name}, unless a newer write took it. */
  private void write(String name, String projectKey) {
    String content = unwritten.get(name);
    if (content == null) {
      return;
    }
    Path file = directory.resolve(name);
    Path temp = directory.resolve(name + ".tmp");
    try {
      Files.createDirectories(directory);
      try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
          StandardOpenOption.TRUNCATE_EXISTING)) {
        channel.write(ByteBuffer.wrap(content.getBytes(StandardCharsets.UTF_8)));
        channel.force(true);
      }
      try {
        Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING);
      }
    } catch (IOException | RuntimeException e) {
      LOG.warn("Mattermost: cannot remember the quality gate status of {} in {} ({}); the next analysis asks the Web"
          + " API", projectKey, directory, e.toString());
    } finally {
      unwritten.remove(name, content);
    }
  }

  private synchronized ExecutorService writer() {
    if (writer == null) {
      writer = Executors.newSingleThreadExecutor(task -> {
        Thread thread = new Thread(task, "mattermost-gate-status");
        thread.setDaemon(true);
        return thread;
      });
    }
    return writer;
  }

  /** Starts the writer's thread now rather than on the first analysis' time. */
  @Override
  public void start() {
    if (directory != null) {
      writer().execute(() -> {
        // Nothing to write yet: only the thread's start.
      });
    }
  }

  /** Writes what is still in memory before the Compute Engine stops. */
  @Override
  public void stop() {
    awaitWritten();
  }

  /** Waits (up to 10 s) until every status remembered so far is on disk; later ones go on being written. */
  void awaitWritten() {
    ExecutorService running;
    synchronized (this) {
      running = writer;
      writer = null;
    }
    if (running == null) {
      return;
    }
    running.shutdown();
    try {
      running.awaitTermination(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** The status remembered for the analysis before this one on its branch, if any (a small file read). */
  Optional<PreviousStatus> recall(ProjectAnalysis analysis) {
    if (directory == null) {
      return Optional.empty();
    }
    try {
      String name = fileName(analysis);
      String pending = unwritten.get(name);
      List<String> lines = pending != null ? pending.lines().toList()
          : Files.readAllLines(directory.resolve(name), StandardCharsets.UTF_8);
      PreviousStatus status = PreviousStatus.valueOf(lines.get(0));
      Instant rememberedDate = Instant.ofEpochMilli(Long.parseLong(lines.get(2)));
      Optional<Instant> currentDate = analysis.getAnalysis().map(a -> a.getDate().toInstant());
      // The current analysis itself (a task run again) or one from the future is not "the one before".
      if (lines.get(1).equals(analysis.getAnalysis().map(Analysis::getAnalysisUuid).orElse(null))
          || currentDate.isPresent() && rememberedDate.isAfter(currentDate.get())) {
        return Optional.empty();
      }
      return Optional.of(status);
    } catch (NoSuchFileException e) {
      return Optional.empty();
    } catch (IOException | RuntimeException e) {
      LOG.warn("Mattermost: unreadable remembered quality gate status for {} ({}); asking the Web API",
          analysis.getProject().getKey(), e.toString());
      return Optional.empty();
    }
  }

  /** A hash of project UUID, branch type and name: fixed length, no character of theirs in a file name. */
  private static String fileName(ProjectAnalysis analysis) {
    Optional<Branch> branch = analysis.getBranch();
    String key = analysis.getProject().getUuid() + "\n"
        + branch.map(b -> b.isMain() ? "main" : b.getType().name() + "\n" + b.getName().orElse("")).orElse("main");
    try {
      byte[] hash = MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(hash, 0, 16);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JDK", e);
    }
  }

  private static Path directoryOf(Configuration config) {
    Optional<String> data = config.get(AlertDelivery.PATH_DATA).filter(value -> !value.isBlank());
    if (data.isPresent()) {
      return Paths.get(data.get()).resolve(DIRECTORY);
    }
    return config.get(AlertDelivery.PATH_HOME).filter(value -> !value.isBlank())
        .map(home -> Paths.get(home).resolve("data").resolve(DIRECTORY))
        .orElse(null);
  }
}
