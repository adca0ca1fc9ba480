package org.commandcenter.sonar.mattermost.e2e;

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
import java.util.Enumeration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * A real SonarQube from its distribution zip: unpacked into a fresh directory, configured for loopback, embedded
 * H2 and small heaps, started as an unprivileged user (Elasticsearch refuses root) and stopped by its PID.
 */
final class SonarQubeServer implements AutoCloseable {

  static final String USER = "ccsonare2e";

  private final String version;
  private final Path unpacked;
  private final Path home;
  private final Path javaExecutable;
  private final int webPort;
  private final int h2Port;
  private Process process;
  private Thread shutdownHook;

  private SonarQubeServer(String version, Path unpacked, Path home, Path javaExecutable) throws IOException {
    this.version = version;
    this.unpacked = unpacked;
    this.home = home;
    this.javaExecutable = javaExecutable;
    this.webPort = freePort();
    this.h2Port = freePort();
  }

  /** Unpacks {@code zip} under {@code workDir} (world-traversable, so the unprivileged user can reach it). */
  static SonarQubeServer unpack(Path zip, String version, Path workDir, Path javaExecutable) throws IOException {
    Path base = Files.createDirectories(workDir);
    Path dir = Files.createTempDirectory(base, "sonarqube-" + version + "-",
        PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-xr-x")));
    try {
      unzip(zip, dir);
      Path home;
      try (Stream<Path> children = Files.list(dir)) {
        home = children.filter(Files::isDirectory).findFirst()
            .orElseThrow(() -> new IOException("empty distribution " + zip));
      }
      return new SonarQubeServer(version, dir, home, javaExecutable);
    } catch (IOException | RuntimeException e) {
      delete(dir);
      throw e;
    }
  }

  String version() {
    return version;
  }

  Path home() {
    return home;
  }

  String url() {
    return "http://127.0.0.1:" + webPort;
  }

  boolean isLta() {
    return version.startsWith("9.");
  }

  void installPlugin(Path pluginJar) throws IOException {
    Files.copy(pluginJar, home.resolve("extensions/plugins").resolve(pluginJar.getFileName()),
        StandardCopyOption.REPLACE_EXISTING);
  }

  void start() throws IOException {
    Files.writeString(home.resolve("conf/sonar.properties"), String.join("\n",
        "sonar.web.host=127.0.0.1",
        "sonar.web.port=" + webPort,
        "sonar.search.host=127.0.0.1",
        "sonar.search.port=0",
        "sonar.embeddedDatabase.port=" + h2Port,
        "sonar.web.javaOpts=-Xmx512m -Xms128m -XX:+UseSerialGC",
        "sonar.ce.javaOpts=-Xmx512m -Xms128m -XX:+UseSerialGC",
        "sonar.search.javaOpts=-Xmx512m -Xms512m -XX:MaxDirectMemorySize=128m",
        "sonar.telemetry.enable=false",
        "sonar.updatecenter.activate=false",
        "sonar.log.console=true",
        ""));
    Path sonarSh = home.resolve("bin/linux-x86-64/sonar.sh");
    List<String> command = new ArrayList<>();
    boolean root = "root".equals(System.getProperty("user.name"));
    if (root) {
      ensureUser();
      run(List.of("chown", "-R", USER + ":" + USER, home.toString()), Duration.ofMinutes(2));
      // setpriv execs: the PID we hold is SonarQube's own launcher JVM.
      command.addAll(List.of("setpriv", "--reuid=" + USER, "--regid=" + USER, "--init-groups"));
    }
    command.addAll(List.of(sonarSh.toString(), "console"));
    ProcessBuilder builder = new ProcessBuilder(command)
        .directory(home.toFile())
        .redirectErrorStream(true)
        .redirectOutput(home.resolve("logs/console.log").toFile());
    Map<String, String> env = builder.environment();
    env.put("SONAR_JAVA_PATH", javaExecutable.toString());
    env.put("HOME", home.toString());
    env.remove("JAVA_TOOL_OPTIONS");
    process = builder.start();
    shutdownHook = new Thread(this::kill, "sonarqube-e2e-stop");
    Runtime.getRuntime().addShutdownHook(shutdownHook);
  }

  boolean isAlive() {
    return process != null && process.isAlive();
  }

  long pid() {
    return process.pid();
  }

  String consoleTail(int lines) {
    try {
      List<String> all = Files.readAllLines(home.resolve("logs/console.log"));
      return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
    } catch (IOException e) {
      return "(no console log: " + e.getMessage() + ")";
    }
  }

  String logTail(String name, int lines) {
    try {
      List<String> all = Files.readAllLines(home.resolve("logs").resolve(name));
      return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
    } catch (IOException e) {
      return "(no " + name + ": " + e.getMessage() + ")";
    }
  }

  /**
   * SIGTERM to the launcher, which stops Elasticsearch, web and Compute Engine; then force what is left. The
   * unpacked server (about 1 GB) is deleted unless {@code -De2e.keep=true}.
   */
  @Override
  public void close() {
    stop();
    if (!Boolean.getBoolean("e2e.keep")) {
      delete(unpacked);
    }
  }

  private static void delete(Path dir) {
    try (Stream<Path> paths = Files.walk(dir)) {
      paths.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
    } catch (IOException e) {
      System.out.println("could not delete " + dir + ": " + e.getMessage());
    }
  }

  private void stop() {
    if (process == null) {
      return;
    }
    List<ProcessHandle> descendants = process.descendants().toList();
    process.destroy();
    try {
      if (!process.waitFor(90, TimeUnit.SECONDS)) {
        kill();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      kill();
    }
    for (ProcessHandle child : descendants) {
      if (child.isAlive()) {
        child.destroyForcibly();
      }
    }
    try {
      Runtime.getRuntime().removeShutdownHook(shutdownHook);
    } catch (IllegalStateException e) {
      // already shutting down
    }
    process = null;
  }

  private void kill() {
    if (process == null) {
      return;
    }
    process.descendants().forEach(ProcessHandle::destroyForcibly);
    process.destroyForcibly();
  }

  private static void ensureUser() throws IOException {
    if (run(List.of("id", "-u", USER), Duration.ofSeconds(10)) == 0) {
      return;
    }
    int status = run(List.of("useradd", "--system", "--no-create-home", "--shell", "/usr/sbin/nologin", USER),
        Duration.ofSeconds(30));
    if (status != 0 && run(List.of("id", "-u", USER), Duration.ofSeconds(10)) != 0) {
      throw new IOException("useradd " + USER + " failed with status " + status);
    }
  }

  private static int run(List<String> command, Duration timeout) throws IOException {
    Process p = new ProcessBuilder(command).redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
    try {
      if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        p.destroyForcibly();
        throw new IOException(command + " timed out");
      }
      return p.exitValue();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      p.destroyForcibly();
      throw new IOException(command + " interrupted", e);
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
        // The zip carries no exec bits: sonar.sh, and on 9.9 elasticsearch/bin/elasticsearch, need them.
        if (entry.getName().contains("/bin/")) {
          out.toFile().setExecutable(true, false);
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
