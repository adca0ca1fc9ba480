package org.commandcenter.realservers;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * A real headless Chromium (Debian package {@code chromium}; {@code -Dchromium.path=} elsewhere): one process per page,
 * each with a fresh profile, stopped by PID with its children whatever happens. Background networking, updates and
 * sync are off, so only the (loopback) page given is fetched.
 */
public final class Chromium {
  public static final Path EXECUTABLE = Path.of(System.getProperty("chromium.path", "/usr/bin/chromium"));
  private static final Duration TIMEOUT = Duration.ofSeconds(90);

  private final Path workDir;
  private int runs;

  /** Profiles, logs and outputs go under {@code workDir}. */
  public Chromium(Path workDir) {
    this.workDir = requireNonNull(workDir, "workDir == null");
  }

  public static boolean isInstalled() {
    return Files.isExecutable(EXECUTABLE);
  }

  /** Writes a PNG of {@code url} rendered in a window of the given size. */
  public void screenshot(String url, Path png, int width, int height) throws IOException, InterruptedException {
    Files.createDirectories(png.toAbsolutePath().getParent());
    run("--window-size=" + width + "," + height, "--hide-scrollbars", "--screenshot=" + png.toAbsolutePath(), url);
  }

  /** The DOM after the page loaded, as Chromium serialises it. */
  public String dom(String url) throws IOException, InterruptedException {
    return run("--dump-dom", url);
  }

  /**
   * A page that keeps Chromium running (e.g. one that reports back to the test over HTTP) until the returned process
   * is stopped.
   */
  public Page page(String url) {
    return new Page(url);
  }

  private synchronized int nextRun() {
    return ++runs;
  }

  private List<String> baseCommand(Path profile) {
    return new ArrayList<>(List.of(EXECUTABLE.toString(), "--headless", "--no-sandbox",
        "--disable-gpu", "--no-first-run", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--disable-dev-shm-usage", "--user-data-dir=" + profile));
  }

  /** How to open one long-running page: extra flags, a command to run Chromium under, its environment. */
  public final class Page {
    private final String url;
    private final List<String> flags = new ArrayList<>();
    private final Map<String, String> environment = new LinkedHashMap<>();
    private UnaryOperator<List<String>> wrapper = UnaryOperator.identity();
    private int run;

    private Page(String url) {
      this.url = requireNonNull(url, "url == null");
    }

    public Page flags(String... values) {
      flags.addAll(List.of(values));
      return this;
    }

    /** E.g. {@link NetworkNamespace#command(List)}: Chromium then runs inside that namespace. */
    public Page wrappedIn(UnaryOperator<List<String>> wrapper) {
      this.wrapper = requireNonNull(wrapper, "wrapper == null");
      return this;
    }

    /** E.g. {@code HOME}, whose {@code .pki/nssdb} holds the certificates Chromium trusts. */
    public Page environment(String key, String value) {
      environment.put(requireNonNull(key, "key == null"), requireNonNull(value, "value == null"));
      return this;
    }

    /** The fresh profile directory this page will use (create files in it before {@link #start()}). */
    public Path profile() throws IOException {
      return Files.createDirectories(workDir.resolve("chromium-profile-" + runNumber()));
    }

    private int runNumber() {
      if (run == 0) {
        run = nextRun();
      }
      return run;
    }

    public ManagedProcess start() throws IOException {
      List<String> command = baseCommand(profile());
      command.addAll(flags);
      command.add(url);
      return ManagedProcess.builder("chromium", wrapper.apply(command))
          .log(workDir.resolve("chromium-" + runNumber() + ".log")).environment(environment).start();
    }
  }

  private String run(String... args) throws IOException, InterruptedException {
    int run = nextRun();
    Path profile = Files.createDirectories(workDir.resolve("chromium-profile-" + run));
    Path log = workDir.resolve("chromium-" + run + ".log");
    Path out = workDir.resolve("chromium-" + run + ".out");
    List<String> command = baseCommand(profile);
    command.addAll(List.of(args));
    try (ManagedProcess chromium = ManagedProcess.builder("chromium", command).log(log).output(out).start()) {
      if (!chromium.waitFor(TIMEOUT)) {
        throw new IOException("chromium did not finish within " + TIMEOUT.toSeconds() + " s: " + chromium.logTail(30));
      }
      if (chromium.exitValue() != 0) {
        throw new IOException("chromium exited with " + chromium.exitValue() + ": " + chromium.logTail(30));
      }
      return Files.readString(out, StandardCharsets.UTF_8);
    }
  }
}
