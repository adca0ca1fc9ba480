package org.commandcenter.local;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.commandcenter.realservers.CoturnServer;

/** Finds what the real parts need on this machine, installs Debian packages when it may (root), or says how. */
final class Prerequisites {
  /** SonarQube Community Build 26.x runs on Java 21 or newer. */
  static final int SONARQUBE_MIN_JAVA = 21;
  static final Path TEMURIN_25 = Path.of("/usr/lib/jvm/temurin-25-jdk-amd64");
  private static final Pattern JAVA_VERSION = Pattern.compile("^JAVA_VERSION=\"(\\d+)", Pattern.MULTILINE);

  private final Console console;

  Prerequisites(Console console) {
    this.console = console;
  }

  static boolean isRoot() {
    return "root".equals(System.getProperty("user.name"));
  }

  /** coturn (turnserver + turnutils_peer): present, installed now with apt-get as root, or explained. */
  boolean coturn() {
    if (Files.isExecutable(CoturnServer.TURNSERVER) && Files.isExecutable(CoturnServer.TURNUTILS_PEER)) {
      return true;
    }
    if (isRoot() && Files.isExecutable(Path.of("/usr/bin/apt-get"))) {
      console.step("coturn is not installed: apt-get install -y coturn");
      if (apt("install", "-y", "-qq", "--no-install-recommends", "coturn") != 0) {
        apt("update", "-qq");
        apt("install", "-y", "-qq", "--no-install-recommends", "coturn");
      }
      if (Files.isExecutable(CoturnServer.TURNSERVER)) {
        // The package enables a system service on some releases; ours runs on its own ports from our file.
        return true;
      }
    }
    console.warn("coturn (" + CoturnServer.TURNSERVER + ") is missing, so the TURN part is skipped.");
    console.detail("Install it with: sudo apt-get install coturn   (Debian/Ubuntu package \"coturn\")");
    return false;
  }

  /**
   * A {@code java} of version 21 or newer for SonarQube: {@code preferred} if given, then the running JVM, then
   * $JAVA_HOME, then {@value #TEMURIN_25}, then any JDK under /usr/lib/jvm.
   */
  Optional<Path> javaForSonarQube(Path preferred) {
    List<Path> homes = new ArrayList<>();
    if (preferred != null) {
      Path real = realPath(preferred);
      Path home = Files.isDirectory(real) ? real : real.getParent().getParent();
      int version = javaVersion(home);
      if (version >= SONARQUBE_MIN_JAVA) {
        return Optional.of(home.resolve("bin/java"));
      }
      console.warn("--sonarqube-java " + preferred + " is Java " + (version < 0 ? "(unknown)" : version)
          + "; SonarQube needs " + SONARQUBE_MIN_JAVA + " or newer. Looking for another one.");
    }
    ProcessHandle.current().info().command().map(Path::of).map(java -> java.getParent().getParent()).ifPresent(homes::add);
    String javaHome = System.getenv("JAVA_HOME");
    if (javaHome != null && !javaHome.isBlank()) {
      homes.add(Path.of(javaHome));
    }
    homes.add(TEMURIN_25);
    Path jvms = Path.of("/usr/lib/jvm");
    if (Files.isDirectory(jvms)) {
      try (Stream<Path> children = Files.list(jvms)) {
        children.sorted().forEach(homes::add);
      } catch (IOException e) {
        // Only a search path.
      }
    }
    Set<Path> seen = new LinkedHashSet<>(homes);
    for (Path home : seen) {
      if (javaVersion(home) >= SONARQUBE_MIN_JAVA && Files.isExecutable(home.resolve("bin/java"))) {
        return Optional.of(home.resolve("bin/java"));
      }
    }
    console.warn("No Java " + SONARQUBE_MIN_JAVA + " or newer found (SonarQube Community Build needs it), so the SonarQube part is skipped.");
    console.detail("Debian 12 ships only Java 17. Install a JDK 21+ (e.g. Eclipse Temurin 21 or 25 from your internal");
    console.detail("mirror of packages.adoptium.net, or unpack its tar.gz), then run again with");
    console.detail("--sonarqube-java /path/to/jdk (or set JAVA_HOME). --no-sonarqube skips this part quietly.");
    return Optional.empty();
  }

  /** {@code /usr/bin/java} is usually a chain of symbolic links to the JDK's own bin/java. */
  private static Path realPath(Path path) {
    try {
      return path.toRealPath();
    } catch (IOException e) {
      return path.toAbsolutePath();
    }
  }

  /** The feature version from the JDK's {@code release} file, or -1. */
  static int javaVersion(Path home) {
    try {
      Matcher m = JAVA_VERSION.matcher(Files.readString(home.resolve("release"), StandardCharsets.UTF_8));
      if (m.find()) {
        int major = Integer.parseInt(m.group(1));
        return major == 1 ? 8 : major;
      }
    } catch (IOException | RuntimeException e) {
      // No JDK there.
    }
    return -1;
  }

  private int apt(String... arguments) {
    List<String> command = new ArrayList<>(List.of("apt-get"));
    command.addAll(List.of(arguments));
    try {
      ProcessBuilder builder = new ProcessBuilder(command).inheritIO();
      builder.environment().put("DEBIAN_FRONTEND", "noninteractive");
      Process process = builder.start();
      if (!process.waitFor(10, TimeUnit.MINUTES)) {
        process.destroyForcibly();
        return -1;
      }
      return process.exitValue();
    } catch (IOException e) {
      return -1;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return -1;
    }
  }
}
