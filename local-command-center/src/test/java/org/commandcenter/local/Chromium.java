package org.commandcenter.local;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real headless Chromium (Debian package {@code chromium}), one process per page, each with a fresh profile, killed
 * with its children whatever happens. Only loopback pages are opened; background networking is off.
 */
final class Chromium {
  static final Path EXECUTABLE = Paths.get(System.getProperty("chromium.path", "/usr/bin/chromium"));
  private static final long TIMEOUT_SECONDS = 90;

  private final Path workDir;
  private int runs;

  Chromium(Path workDir) {
    this.workDir = workDir;
  }

  static boolean isInstalled() {
    return Files.isExecutable(EXECUTABLE);
  }

  /** Writes a PNG of {@code url} rendered in a window of the given size. */
  void screenshot(String url, Path png, int width, int height) throws IOException, InterruptedException {
    Files.createDirectories(png.toAbsolutePath().getParent());
    run("--window-size=" + width + "," + height, "--hide-scrollbars", "--screenshot=" + png.toAbsolutePath(), url);
  }

  /** The DOM after the page loaded, as Chromium serialises it. */
  String dom(String url) throws IOException, InterruptedException {
    return run("--dump-dom", url);
  }

  private String run(String... args) throws IOException, InterruptedException {
    int run = ++runs;
    Path profile = Files.createDirectories(workDir.resolve("chromium-profile-" + run));
    Path log = workDir.resolve("chromium-" + run + ".log");
    Path out = workDir.resolve("chromium-" + run + ".out");
    List<String> command = new ArrayList<>(List.of(EXECUTABLE.toString(), "--headless", "--no-sandbox",
        "--disable-gpu", "--no-first-run", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--disable-dev-shm-usage", "--user-data-dir=" + profile));
    command.addAll(List.of(args));
    Process process = new ProcessBuilder(command).redirectError(log.toFile()).redirectOutput(out.toFile()).start();
    try {
      if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
        throw new IOException("chromium did not finish within " + TIMEOUT_SECONDS + " s: " + tail(log));
      }
      if (process.exitValue() != 0) {
        throw new IOException("chromium exited with " + process.exitValue() + ": " + tail(log));
      }
      return Files.readString(out, StandardCharsets.UTF_8);
    } finally {
      process.descendants().forEach(ProcessHandle::destroyForcibly);
      process.destroyForcibly();
      process.waitFor(10, TimeUnit.SECONDS);
    }
  }

  private static String tail(Path log) {
    try {
      String text = Files.readString(log, StandardCharsets.UTF_8);
      return text.length() > 2000 ? text.substring(text.length() - 2000) : text;
    } catch (IOException e) {
      return "(no log)";
    }
  }
}
