package org.commandcenter.realservers;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

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

  private synchronized String run(String... args) throws IOException, InterruptedException {
    int run = ++runs;
    Path profile = Files.createDirectories(workDir.resolve("chromium-profile-" + run));
    Path log = workDir.resolve("chromium-" + run + ".log");
    Path out = workDir.resolve("chromium-" + run + ".out");
    List<String> command = new ArrayList<>(List.of(EXECUTABLE.toString(), "--headless", "--no-sandbox",
        "--disable-gpu", "--no-first-run", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--disable-dev-shm-usage", "--user-data-dir=" + profile));
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
