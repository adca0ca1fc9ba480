package org.commandcenter.realservers;

import static java.util.Objects.requireNonNull;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A child process we started, with its log file. {@link #stop(Duration)} ends it and every process it started, by PID:
 * SIGTERM, then SIGKILL after the grace period. A JVM shutdown hook does the same should the JVM exit first (Ctrl-C,
 * a killed test run), so nothing we started outlives us.
 */
public final class ManagedProcess implements AutoCloseable {
  private static final Duration DEFAULT_GRACE = Duration.ofSeconds(5);

  private final String name;
  private final Process process;
  private final Path log;
  private final Thread killOnExit;

  private ManagedProcess(String name, Process process, Path log) {
    this.name = name;
    this.process = process;
    this.log = log;
    this.killOnExit = new Thread(() -> kill(process.toHandle()), name + "-" + process.pid() + "-reaper");
    Runtime.getRuntime().addShutdownHook(killOnExit);
  }

  /** Starts {@code command} with standard output and error going to {@code log}. */
  public static ManagedProcess start(String name, List<String> command, Path log) throws IOException {
    return builder(name, command).log(log).start();
  }

  public static Builder builder(String name, List<String> command) {
    return new Builder(name, command);
  }

  /**
   * Runs a short helper command to its end, output discarded; returns its exit status. Killed (by PID) after
   * {@code timeout}.
   */
  public static int run(List<String> command, Duration timeout) throws IOException {
    Process process = new ProcessBuilder(command).redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
    try {
      if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        kill(process.toHandle());
        throw new IOException(String.join(" ", command) + " did not finish within " + timeout.toSeconds() + " s");
      }
      return process.exitValue();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      kill(process.toHandle());
      throw new IOException(String.join(" ", command) + " interrupted", e);
    }
  }

  /**
   * Runs a short helper command to its end and returns what it printed (standard output and error). Killed (by PID)
   * after {@code timeout}; a non-zero exit status is an {@link IOException} carrying the output.
   */
  public static String output(List<String> command, Duration timeout) throws IOException {
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    try {
      // Helpers print little: read it all, then wait (a full pipe would otherwise block the helper).
      CompletableFuture<byte[]> printed = CompletableFuture.supplyAsync(() -> {
        try {
          return process.getInputStream().readAllBytes();
        } catch (IOException e) {
          return new byte[0];
        }
      });
      if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        kill(process.toHandle());
        throw new IOException(String.join(" ", command) + " did not finish within " + timeout.toSeconds() + " s");
      }
      String output = new String(printed.get(5, TimeUnit.SECONDS), StandardCharsets.UTF_8);
      if (process.exitValue() != 0) {
        throw new IOException(String.join(" ", command) + " exited with " + process.exitValue() + ": " + output.trim());
      }
      return output;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      kill(process.toHandle());
      throw new IOException(String.join(" ", command) + " interrupted", e);
    } catch (ExecutionException | TimeoutException e) {
      kill(process.toHandle());
      throw new IOException(String.join(" ", command) + ": its output could not be read", e);
    }
  }

  public String name() {
    return name;
  }

  public long pid() {
    return process.pid();
  }

  public boolean isAlive() {
    return process.isAlive();
  }

  /** The exit status; only once the process ended. */
  public int exitValue() {
    return process.exitValue();
  }

  /** Waits up to {@code timeout} for the process to end on its own; true if it did. */
  public boolean waitFor(Duration timeout) throws InterruptedException {
    return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
  }

  public Path log() {
    return log;
  }

  /** The last {@code lines} lines of the log. */
  public String logTail(int lines) {
    return tail(log, lines);
  }

  /** SIGTERM to the process, SIGKILL after {@code grace}; then SIGKILL to whatever it started that is still alive. */
  public void stop(Duration grace) {
    Set<ProcessHandle> children = new LinkedHashSet<>(process.descendants().toList());
    process.destroy();
    try {
      if (!process.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS)) {
        children.addAll(process.descendants().toList());
        process.destroyForcibly();
        process.waitFor(5, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
    for (ProcessHandle child : children) {
      if (child.isAlive()) {
        child.destroyForcibly();
      }
    }
    try {
      Runtime.getRuntime().removeShutdownHook(killOnExit);
    } catch (IllegalStateException shuttingDown) {
      // The hook runs anyway.
    }
  }

  /** Stops the process with a grace period of 5 seconds. */
  @Override
  public void close() {
    stop(DEFAULT_GRACE);
  }

  @Override
  public String toString() {
    return name + " (PID " + pid() + ")";
  }

  /** The last {@code lines} lines of a text file, or a note saying why there are none. */
  public static String tail(Path file, int lines) {
    try {
      List<String> all = Files.readAllLines(file, StandardCharsets.UTF_8);
      return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
    } catch (IOException | RuntimeException e) {
      return "(no " + file.getFileName() + ": " + e.getMessage() + ")";
    }
  }

  private static void kill(ProcessHandle handle) {
    handle.descendants().forEach(ProcessHandle::destroyForcibly);
    handle.destroyForcibly();
  }

  /** How to start a process: log, separate standard output, environment, working directory. */
  public static final class Builder {
    private final String name;
    private final List<String> command;
    private Path log;
    private Path output;
    private Path directory;
    private boolean noInput;
    private final Map<String, String> environment = new LinkedHashMap<>();
    private final List<String> removedEnvironment = new ArrayList<>();

    private Builder(String name, List<String> command) {
      this.name = requireNonNull(name, "name == null");
      this.command = List.copyOf(requireNonNull(command, "command == null"));
      if (this.command.isEmpty()) {
        throw new IllegalArgumentException("command: empty");
      }
    }

    /** Standard error, and standard output unless {@link #output(Path)} is set. Required. */
    public Builder log(Path log) {
      this.log = requireNonNull(log, "log == null");
      return this;
    }

    /** Standard output on its own (e.g. Chromium's {@code --dump-dom}). */
    public Builder output(Path output) {
      this.output = requireNonNull(output, "output == null");
      return this;
    }

    public Builder directory(Path directory) {
      this.directory = requireNonNull(directory, "directory == null");
      return this;
    }

    /** Standard input at end of file from the start (e.g. {@code openssl s_client} then ends after its handshake). */
    public Builder noInput() {
      this.noInput = true;
      return this;
    }

    public Builder environment(String key, String value) {
      environment.put(requireNonNull(key, "key == null"), requireNonNull(value, "value == null"));
      return this;
    }

    public Builder environment(Map<String, String> values) {
      values.forEach(this::environment);
      return this;
    }

    /** Removes a variable inherited from this JVM's environment (e.g. {@code JAVA_TOOL_OPTIONS}). */
    public Builder withoutEnvironment(String key) {
      removedEnvironment.add(requireNonNull(key, "key == null"));
      return this;
    }

    public ManagedProcess start() throws IOException {
      requireNonNull(log, "log == null");
      ProcessBuilder builder = new ProcessBuilder(command);
      if (output == null) {
        builder.redirectErrorStream(true).redirectOutput(log.toFile());
      } else {
        builder.redirectError(log.toFile()).redirectOutput(output.toFile());
      }
      if (noInput) {
        builder.redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
      }
      removedEnvironment.forEach(builder.environment()::remove);
      builder.environment().putAll(environment);
      if (directory != null) {
        builder.directory(directory.toFile());
      }
      return new ManagedProcess(name, builder.start(), log);
    }
  }
}
