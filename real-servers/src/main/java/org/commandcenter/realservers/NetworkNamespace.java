package org.commandcenter.realservers;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A Linux network namespace ({@code ip netns}) made for a test: its own interfaces, addresses, routes and firewall,
 * nothing of the machine's. Programs run in it through {@link #command(List)} ({@code ip netns exec NAME ...}, which
 * execs the program, so the PID we hold is the program's own). Deleting the namespace also deletes the veth pairs that
 * end in it. Needs root and iproute2.
 */
public final class NetworkNamespace implements AutoCloseable {
  private static final Duration HELPER_TIMEOUT = Duration.ofSeconds(20);

  private final String name;

  private NetworkNamespace(String name) {
    this.name = name;
  }

  /** Whether this JVM may make namespaces: root, with iproute2's {@code ip} on the PATH. */
  public static String unavailableReason() {
    String user = ProcessHandle.current().info().user().orElse("");
    if (!user.equals("root")) {
      return "network namespaces need root (running as '" + user + "')";
    }
    for (String dir : System.getenv().getOrDefault("PATH", "/usr/sbin:/usr/bin").split(":")) {
      if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, "ip"))) {
        return null;
      }
    }
    return "iproute2's ip is missing: apt-get install -y iproute2";
  }

  /** Creates the namespace with its loopback up and IPv6 off (the tests' topologies are IPv4 only). */
  public static NetworkNamespace create(String name) throws IOException {
    requireNonNull(name, "name == null");
    if (!name.matches("[A-Za-z0-9][A-Za-z0-9_.-]*")) {
      throw new IllegalArgumentException("name: letters, digits, '_', '.' and '-' only but was '" + name + "'");
    }
    ip("netns", "add", name);
    NetworkNamespace namespace = new NetworkNamespace(name);
    try {
      namespace.run("ip", "link", "set", "lo", "up");
      namespace.run("sysctl", "-qw", "net.ipv6.conf.all.disable_ipv6=1");
      namespace.run("sysctl", "-qw", "net.ipv6.conf.default.disable_ipv6=1");
    } catch (IOException | RuntimeException e) {
      namespace.close();
      throw e;
    }
    return namespace;
  }

  /** The names of the machine's namespaces ({@code ip netns list}). */
  public static List<String> list() throws IOException {
    List<String> names = new ArrayList<>();
    for (String line : ManagedProcess.output(List.of("ip", "netns", "list"), HELPER_TIMEOUT).split("\n")) {
      if (!line.isBlank()) {
        names.add(line.trim().split("\\s+")[0]);
      }
    }
    return names;
  }

  /**
   * Deletes a namespace by name, first killing (by PID) what still runs in it: the leftovers of a test run that was
   * killed before its own cleanup. Quiet when the namespace is gone already.
   */
  public static void deleteLeftover(String name) throws IOException {
    if (!list().contains(name)) {
      return;
    }
    for (String pid : ManagedProcess.output(List.of("ip", "netns", "pids", name), HELPER_TIMEOUT).split("\\s+")) {
      if (!pid.isBlank()) {
        ProcessHandle.of(Long.parseLong(pid)).ifPresent(ProcessHandle::destroyForcibly);
      }
    }
    new NetworkNamespace(name).close();
  }

  /** {@code ip ARGS} in the root namespace, e.g. a veth pair whose ends go into two namespaces. */
  public static void ip(String... args) throws IOException {
    List<String> command = new ArrayList<>(List.of("ip"));
    command.addAll(List.of(args));
    ManagedProcess.output(command, HELPER_TIMEOUT);
  }

  public String name() {
    return name;
  }

  /** {@code command} as run inside this namespace, for {@link ManagedProcess}. */
  public List<String> command(List<String> command) {
    List<String> inside = new ArrayList<>(List.of("ip", "netns", "exec", name));
    inside.addAll(command);
    return inside;
  }

  /** Runs a helper (ip, nft, sysctl, ss) inside the namespace; returns its output, throws when it fails. */
  public String run(String... command) throws IOException {
    return ManagedProcess.output(command(List.of(command)), HELPER_TIMEOUT);
  }

  /** {@code ip -n NAME ARGS}: the namespace's interfaces, addresses and routes. */
  public void ipInside(String... args) throws IOException {
    List<String> command = new ArrayList<>(List.of("-n", name));
    command.addAll(List.of(args));
    ip(command.toArray(String[]::new));
  }

  /** Loads an nftables ruleset ({@code nft -f}) into the namespace's firewall. */
  public void nft(String ruleset) throws IOException {
    Path file = Files.createTempFile("nft-" + name, ".conf");
    try {
      Files.writeString(file, ruleset);
      run("nft", "-f", file.toString());
    } finally {
      Files.deleteIfExists(file);
    }
  }

  /** Deletes the namespace (and the veth pairs ending in it); processes still in it keep it alive until they end. */
  @Override
  public void close() throws IOException {
    ip("netns", "delete", name);
  }

  @Override
  public String toString() {
    return "netns " + name;
  }
}
