package org.commandcenter.local.sonar;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Enumeration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.commandcenter.local.LocalProcess;

/**
 * A real SonarQube from its distribution zip. The zip (about 1 GB) is unpacked once into a cache that every user can
 * read; each run keeps its own settings, data, logs and temporary files in the run's directory, on 127.0.0.1 and
 * free ports, with the embedded H2 database and small heaps. Started as an unprivileged user when we are root
 * (its Elasticsearch refuses to run as root); stopped by PID.
 */
final class SonarQubeServer implements AutoCloseable {
  /** The account SonarQube runs as when the command center is started as root. */
  static final String USER = "cc-sonarqube";

  private final Path home;
  private final Path runDir;
  private final Path java;
  private final int webPort;
  private LocalProcess process;

  private SonarQubeServer(Path home, Path runDir, Path java) throws IOException {
    this.home = home;
    this.runDir = runDir;
    this.java = java;
    this.webPort = freePort();
  }

  /** The unpacked distribution in {@code cacheDir}, unpacking {@code zip} first if needed. */
  static Path unpacked(Path zip, Path cacheDir, String version) throws IOException {
    Path home = cacheDir.resolve("sonarqube-" + version);
    if (Files.isRegularFile(home.resolve("bin/linux-x86-64/sonar.sh"))) {
      return home;
    }
    Files.createDirectories(cacheDir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-xr-x")));
    cacheDir.toFile().setReadable(true, false);
    cacheDir.toFile().setExecutable(true, false);
    Path partial = Files.createTempDirectory(cacheDir, "unpacking-",
        PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-xr-x")));
    unzip(zip, partial);
    Path top;
    try (Stream<Path> children = Files.list(partial)) {
      top = children.filter(Files::isDirectory).findFirst().orElseThrow(() -> new IOException("empty zip " + zip));
    }
    // The zip carries no exec bits; the launcher script and the bundled Elasticsearch need them.
    try (Stream<Path> files = Files.walk(top)) {
      files.forEach(file -> {
        file.toFile().setReadable(true, false);
        if (Files.isDirectory(file) || file.toString().contains("/bin/")) {
          file.toFile().setExecutable(true, false);
        }
      });
    }
    Files.move(top, home, StandardCopyOption.ATOMIC_MOVE);
    deleteTree(partial);
    return home;
  }

  /**
   * A server for one run in a fresh directory under {@code cacheDir} (same file system as the unpacked distribution):
   * its home is a tree of hard links to the distribution, so the run starts at once, may write into its home
   * (SonarQube creates extensions/downloads there) and leaves the cached copy untouched; {@link #close()} deletes it.
   */
  static SonarQubeServer create(Path distribution, Path cacheDir, Path java) throws IOException {
    Path runDir = Files.createTempDirectory(cacheDir, "run-",
        PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-xr-x")));
    Path home = runDir.resolve("home");
    try (Stream<Path> paths = Files.walk(distribution)) {
      for (Path path : (Iterable<Path>) paths::iterator) {
        Path target = home.resolve(distribution.relativize(path).toString());
        if (Files.isDirectory(path)) {
          Files.createDirectories(target);
        } else {
          Files.createLink(target, path);
        }
      }
    }
    return new SonarQubeServer(home, runDir, java);
  }

  String url() {
    return "http://127.0.0.1:" + webPort;
  }

  Path logs() {
    return runDir.resolve("logs");
  }

  long pid() {
    return process.pid();
  }

  boolean isAlive() {
    return process != null && process.isAlive();
  }

  /** Writes this run's settings, installs {@code pluginJar}, and starts {@code sonar.sh console}. */
  void start(Path pluginJar) throws IOException {
    for (String dir : List.of("data", "temp", "logs", "conf")) {
      Files.createDirectories(runDir.resolve(dir));
    }
    Path plugins = home.resolve("extensions/plugins");
    try (Stream<Path> old = Files.list(plugins)) {
      for (Path jar : (Iterable<Path>) old::iterator) {
        if (jar.getFileName().toString().startsWith("sonar-mattermost-gate")) {
          Files.delete(jar);
        }
      }
    }
    Path installed = Files.copy(pluginJar, plugins.resolve(pluginJar.getFileName()), StandardCopyOption.REPLACE_EXISTING);
    installed.toFile().setReadable(true, false);
    // Replaced, not rewritten: the old file is a hard link into the cached distribution.
    Files.deleteIfExists(home.resolve("conf/sonar.properties"));
    Files.writeString(home.resolve("conf/sonar.properties"), String.join("\n",
        "# Written by command-center-local for one run; the run's files live in " + runDir,
        "sonar.web.host=127.0.0.1",
        "sonar.web.port=" + webPort,
        "sonar.search.host=127.0.0.1",
        "sonar.search.port=0",
        "sonar.embeddedDatabase.port=" + freePort(),
        "sonar.path.data=" + runDir.resolve("data"),
        "sonar.path.temp=" + runDir.resolve("temp"),
        "sonar.path.logs=" + runDir.resolve("logs"),
        "sonar.web.javaOpts=-Xmx512m -Xms128m -XX:+UseSerialGC",
        "sonar.ce.javaOpts=-Xmx512m -Xms128m -XX:+UseSerialGC",
        "sonar.search.javaOpts=-Xmx512m -Xms512m -XX:MaxDirectMemorySize=128m",
        "sonar.telemetry.enable=false",
        "sonar.updatecenter.activate=false",
        ""));
    List<String> command = new ArrayList<>();
    if ("root".equals(System.getProperty("user.name"))) {
      ensureUser();
      run(List.of("chown", "-R", USER + ":" + USER, runDir.toString()), Duration.ofMinutes(2));
      // setpriv execs, so the PID we hold is SonarQube's own launcher JVM.
      command.addAll(List.of("setpriv", "--reuid=" + USER, "--regid=" + USER, "--init-groups", "--reset-env"));
      command.addAll(List.of("env", "HOME=" + runDir, "PATH=/usr/bin:/bin", "SONAR_JAVA_PATH=" + java));
    }
    command.addAll(List.of(home.resolve("bin/linux-x86-64/sonar.sh").toString(), "console"));
    process = LocalProcess.start("SonarQube", command, runDir.resolve("console.log"),
        Map.of("SONAR_JAVA_PATH", java.toString()), runDir);
  }

  String consoleTail(int lines) {
    return process == null ? "" : process.logTail(lines);
  }

  String logTail(String name, int lines) {
    try {
      List<String> all = Files.readAllLines(logs().resolve(name));
      return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
    } catch (IOException e) {
      return "(no " + name + ")";
    }
  }

  /** SIGTERM to the launcher, which stops Elasticsearch, web and Compute Engine; force what is left after 60 s. */
  @Override
  public void close() {
    if (process != null) {
      process.stop(60);
      process = null;
    }
    try {
      deleteTree(runDir);
    } catch (IOException e) {
      // Left under the cache directory; the next run does not reuse it.
    }
  }

  private static void ensureUser() throws IOException {
    if (run(List.of("id", "-u", USER), Duration.ofSeconds(10)) == 0) {
      return;
    }
    int status = run(List.of("useradd", "--system", "--no-create-home", "--shell", "/usr/sbin/nologin", USER),
        Duration.ofSeconds(30));
    if (status != 0 && run(List.of("id", "-u", USER), Duration.ofSeconds(10)) != 0) {
      throw new IOException("could not create the unprivileged user " + USER + " (useradd exit " + status + ")");
    }
  }

  private static int run(List<String> command, Duration timeout) throws IOException {
    Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD)
        .start();
    try {
      if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        p.destroyForcibly();
        throw new IOException(String.join(" ", command) + " timed out");
      }
      return p.exitValue();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      p.destroyForcibly();
      throw new IOException(String.join(" ", command) + " interrupted", e);
    }
  }

  private static void unzip(Path zip, Path target) throws IOException {
    try (ZipFile file = new ZipFile(zip.toFile())) {
      Enumeration<? extends ZipEntry> entries = file.entries();
      while (entries.hasMoreElements()) {
        ZipEntry entry = entries.nextElement();
        Path out = target.resolve(entry.getName()).normalize();
        if (!out.startsWith(target)) {
          throw new IOException("zip entry outside the target: " + entry.getName());
        }
        if (entry.isDirectory()) {
          Files.createDirectories(out);
          continue;
        }
        Files.createDirectories(out.getParent());
        try (InputStream in = file.getInputStream(entry)) {
          Files.copy(in, out, StandardCopyOption.REPLACE_EXISTING);
        }
      }
    }
  }

  static void deleteTree(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(dir)) {
      paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
      return socket.getLocalPort();
    }
  }
}
