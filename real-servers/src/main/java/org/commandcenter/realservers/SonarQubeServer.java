package org.commandcenter.realservers;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * A real SonarQube from its distribution zip ({@code org.sonarsource.sonarqube:sonar-application}, in ~/.m2). The zip
 * (about 1 GB) is unpacked once into a cache every user can read; each run gets a home of hard links to it (so it
 * starts at once and the cache stays pristine) and keeps its settings, data, logs and temporary files in its own
 * directory. Loopback, free ports, the embedded H2 database, small heaps; run as an unprivileged user when we are root
 * (its Elasticsearch refuses root) with the JDK given; stopped by PID.
 */
public final class SonarQubeServer implements AutoCloseable {
  /** The account SonarQube runs as when we are root. */
  public static final String USER = "cc-sonarqube";
  /** Readable by {@link #USER} (unlike /root or a build directory), and kept between runs. */
  public static final Path CACHE = Path.of("/var/tmp/command-center-local");

  private static final FileAttribute<?> WORLD_READABLE_DIR =
      PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-xr-x"));

  private final String version;
  private final Path home;
  private final Path runDir;
  private final Path java;
  private final int webPort;
  private ManagedProcess process;

  private SonarQubeServer(String version, Path home, Path runDir, Path java) throws IOException {
    this.version = version;
    this.home = home;
    this.runDir = runDir;
    this.java = java;
    this.webPort = freePort();
  }

  /** The distribution of {@code version} unpacked in {@code cacheDir}, unpacking {@code zip} first if needed. */
  public static Path unpacked(Path zip, Path cacheDir, String version) throws IOException {
    Path home = cacheDir.resolve("sonarqube-" + version);
    if (isDistribution(home)) {
      return home;
    }
    Files.createDirectories(cacheDir, WORLD_READABLE_DIR);
    cacheDir.toFile().setReadable(true, false);
    cacheDir.toFile().setExecutable(true, false);
    Path partial = Files.createTempDirectory(cacheDir, "unpacking-", WORLD_READABLE_DIR);
    try {
      unzip(zip, partial);
      Path top;
      try (Stream<Path> children = Files.list(partial)) {
        top = children.filter(Files::isDirectory).findFirst().orElseThrow(() -> new IOException("empty zip " + zip));
      }
      // The zip carries no exec bits: sonar.sh, and on 9.9 elasticsearch/bin/elasticsearch, need them.
      try (Stream<Path> files = Files.walk(top)) {
        files.forEach(file -> {
          file.toFile().setReadable(true, false);
          if (Files.isDirectory(file) || file.toString().contains("/bin/")) {
            file.toFile().setExecutable(true, false);
          }
        });
      }
      try {
        Files.move(top, home, StandardCopyOption.ATOMIC_MOVE);
      } catch (FileAlreadyExistsException | java.nio.file.DirectoryNotEmptyException raced) {
        // Another run unpacked it meanwhile.
        if (!isDistribution(home)) {
          throw raced;
        }
      }
    } finally {
      Directories.delete(partial);
    }
    return home;
  }

  /**
   * A server for one run in a fresh directory under {@code runsDir} (on the file system of {@code distribution}, for
   * the hard links); {@link #close()} stops it and deletes that directory.
   */
  public static SonarQubeServer create(Path distribution, Path runsDir, Path java) throws IOException {
    requireNonNull(java, "java == null");
    if (!isDistribution(distribution)) {
      throw new IOException("not an unpacked SonarQube: " + distribution);
    }
    String name = distribution.getFileName().toString();
    String version = name.startsWith("sonarqube-") ? name.substring("sonarqube-".length()) : name;
    Path runDir = Files.createTempDirectory(Files.createDirectories(runsDir), "run-", WORLD_READABLE_DIR);
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
    } catch (IOException | RuntimeException e) {
      Directories.delete(runDir);
      throw e;
    }
    return new SonarQubeServer(version, home, runDir, java);
  }

  public String version() {
    return version;
  }

  public String url() {
    return "http://127.0.0.1:" + webPort;
  }

  /** web.log, ce.log, es.log, … of this run. */
  public Path logs() {
    return runDir.resolve("logs");
  }

  public long pid() {
    return process.pid();
  }

  public boolean isAlive() {
    return process != null && process.isAlive();
  }

  /** Copies a plugin jar into extensions/plugins (before {@link #start()}). */
  public void installPlugin(Path pluginJar) throws IOException {
    Path target = home.resolve("extensions/plugins").resolve(pluginJar.getFileName());
    // Replaced, not overwritten: an existing file would be a hard link into the cache.
    Files.deleteIfExists(target);
    Files.copy(pluginJar, target);
    target.toFile().setReadable(true, false);
  }

  /** Writes this run's settings and starts {@code sonar.sh console}; returns while SonarQube boots. */
  public void start() throws IOException {
    if (process != null) {
      throw new IllegalStateException("already started");
    }
    for (String dir : List.of("data", "temp", "logs")) {
      Files.createDirectories(runDir.resolve(dir));
    }
    Path properties = home.resolve("conf/sonar.properties");
    Files.deleteIfExists(properties);
    Files.writeString(properties, String.join("\n",
        "# Written for one run; the run's files live in " + runDir,
        "sonar.web.host=127.0.0.1",
        "sonar.web.port=" + webPort,
        "sonar.search.host=127.0.0.1",
        "sonar.search.port=0",
        "sonar.embeddedDatabase.port=" + freePort(),
        "sonar.path.data=" + runDir.resolve("data"),
        "sonar.path.temp=" + runDir.resolve("temp"),
        "sonar.path.logs=" + logs(),
        "sonar.web.javaOpts=-Xmx512m -Xms128m -XX:+UseSerialGC",
        "sonar.ce.javaOpts=-Xmx512m -Xms128m -XX:+UseSerialGC",
        "sonar.search.javaOpts=-Xmx512m -Xms512m -XX:MaxDirectMemorySize=128m",
        "sonar.telemetry.enable=false",
        "sonar.updatecenter.activate=false",
        // Every process's log also on the console, whose end goes into our error messages.
        "sonar.log.console=true",
        ""));
    List<String> command = new ArrayList<>();
    if (isRoot()) {
      ensureUser();
      ManagedProcess.run(List.of("chown", "-R", USER + ":" + USER, runDir.toString()), Duration.ofMinutes(2));
      // setpriv execs, so the PID we hold is SonarQube's own launcher JVM.
      command.addAll(List.of("setpriv", "--reuid=" + USER, "--regid=" + USER, "--init-groups", "--reset-env"));
      command.addAll(List.of("env", "HOME=" + runDir, "PATH=/usr/bin:/bin", "SONAR_JAVA_PATH=" + java));
    }
    command.addAll(List.of(home.resolve("bin/linux-x86-64/sonar.sh").toString(), "console"));
    process = ManagedProcess.builder("SonarQube " + version, command)
        .log(runDir.resolve("console.log"))
        .directory(runDir)
        .environment("SONAR_JAVA_PATH", java.toString())
        .environment("HOME", runDir.toString())
        .withoutEnvironment("JAVA_TOOL_OPTIONS")
        .start();
  }

  /** What {@link #awaitUp} reports while SonarQube boots: its status ({@link SonarWebApi#status()}) and the time. */
  @FunctionalInterface
  public interface StartListener {
    void status(String status, Duration elapsed);
  }

  /**
   * Polls {@code api/system/status} every second until {@code UP}; fails fast if the process exits or a database
   * migration is needed, and after {@code limit}, with the end of the console in the message.
   */
  public void awaitUp(Duration limit, StartListener listener) throws IOException, InterruptedException {
    SonarWebApi api = new SonarWebApi(url(), "admin", "admin");
    long start = System.nanoTime();
    while (true) {
      Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
      String status = api.status();
      listener.status(status, elapsed);
      if (status.equals("UP")) {
        return;
      }
      if (!isAlive()) {
        throw new IOException("SonarQube " + version + " exited while starting:\n" + consoleTail(60));
      }
      if (elapsed.compareTo(limit) > 0 || status.equals("DB_MIGRATION_NEEDED")) {
        throw new IOException("SonarQube " + version + " is not UP after " + elapsed.toSeconds() + " s (status "
            + status + "):\n" + consoleTail(60));
      }
      Thread.sleep(1000);
    }
  }

  /** The end of what {@code sonar.sh console} printed. */
  public String consoleTail(int lines) {
    return process == null ? "" : process.logTail(lines);
  }

  /** The end of one of this run's logs, e.g. {@code ce.log}. */
  public String logTail(String name, int lines) {
    return ManagedProcess.tail(logs().resolve(name), lines);
  }

  /**
   * SIGTERM to the launcher, which stops Elasticsearch, web and Compute Engine; SIGKILL to what is left after 90 s.
   * Then the run's directory is deleted (the cached distribution stays).
   */
  @Override
  public void close() {
    if (process != null) {
      process.stop(Duration.ofSeconds(90));
    }
    try {
      Directories.delete(runDir);
    } catch (IOException e) {
      // Left under the runs directory; no later run reuses it.
    }
  }

  private static boolean isDistribution(Path home) {
    return Files.isRegularFile(home.resolve("bin/linux-x86-64/sonar.sh"));
  }

  private static boolean isRoot() {
    return "root".equals(System.getProperty("user.name"));
  }

  private static void ensureUser() throws IOException {
    if (ManagedProcess.run(List.of("id", "-u", USER), Duration.ofSeconds(10)) == 0) {
      return;
    }
    int status = ManagedProcess.run(
        List.of("useradd", "--system", "--no-create-home", "--shell", "/usr/sbin/nologin", USER), Duration.ofSeconds(30));
    if (status != 0 && ManagedProcess.run(List.of("id", "-u", USER), Duration.ofSeconds(10)) != 0) {
      throw new IOException("could not create the unprivileged user " + USER + " (useradd exit " + status + ")");
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

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
      return socket.getLocalPort();
    }
  }
}
