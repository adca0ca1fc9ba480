package org.commandcenter.cli.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.commandcenter.realservers.CoturnServer;
import org.commandcenter.realservers.ManagedProcess;
import org.commandcenter.realservers.NetworkNamespace;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The shipped host firewall, {@code deploy/firewall/turn-relay.nft}, on a Docker host rebuilt in network namespaces:
 * a bridge with coturn's and Mattermost's addresses, the host's address that coturn's {@code allowed-peer-ip} opens,
 * Docker's DNAT for published ports (userland-proxy off) and a host port reached directly (as with docker-proxy).
 * From coturn's address (where its relay sockets are bound), only the Calls port reaches the host; replies to
 * clients of coturn still pass. Arrivals are counted by nftables in the receiving namespace. Root, iproute2,
 * nftables, bash and coturn's echo peer ({@code ./run-tests} installs them); addresses in 10.214.0.0/16, inside the
 * test's own namespaces only.
 */
class TurnRelayFirewallE2E {
  private static final String COTURN = "10.214.0.10";
  private static final String MATTERMOST = "10.214.0.20";
  /** TURN_EXTERNAL_IP: published ports are DNATed from it. */
  private static final String PUBLISHED = "10.214.1.1";
  /** Another address of the host, where a port is reached without DNAT (docker-proxy, or a host service). */
  private static final String HOST = "10.214.2.1";
  private static final int CALLS = 8443;
  /** A port Docker publishes for another service (coturn's own 3478 and relay range, in the stack). */
  private static final int OTHER_PUBLISHED = 5301;
  /** A UDP service of the host itself (DNS, NTP, syslog, ...). */
  private static final int HOST_SERVICE = 5300;

  private final List<NetworkNamespace> namespaces = new ArrayList<>();
  private NetworkNamespace host;
  private NetworkNamespace coturn;
  private NetworkNamespace mattermost;

  @BeforeEach
  void buildTheHost() throws IOException {
    String missing = NetworkNamespace.unavailableReason();
    if (missing == null && !Files.isExecutable(Path.of("/usr/sbin/nft"))) {
      missing = "nftables is missing: apt-get install -y nftables";
    }
    if (missing == null && !Files.isExecutable(CoturnServer.TURNUTILS_PEER)) {
      missing = CoturnServer.TURNUTILS_PEER + " is missing: apt-get install -y coturn";
    }
    Assumptions.assumeTrue(missing == null, missing);

    byte[] random = new byte[3];
    new SecureRandom().nextBytes(random);
    String run = "ccfw-" + HexFormat.of().formatHex(random) + "-";
    host = add(run + "host");
    coturn = add(run + "coturn");
    mattermost = add(run + "mm");

    host.run("ip", "link", "add", "br0", "type", "bridge");
    host.run("ip", "addr", "add", "10.214.0.1/24", "dev", "br0");
    host.run("ip", "link", "set", "br0", "up");
    host.run("ip", "addr", "add", PUBLISHED + "/32", "dev", "lo");
    host.run("ip", "addr", "add", HOST + "/32", "dev", "lo");
    host.run("sysctl", "-qw", "net.ipv4.ip_forward=1");
    attach(coturn, "vcoturn", COTURN);
    attach(mattermost, "vmm", MATTERMOST);
    // What Docker does for `ports:` with the userland proxy off: DNAT in prerouting, to the container.
    host.nft("""
        table ip docker_like {
          chain prerouting {
            type nat hook prerouting priority dstnat; policy accept;
            ip daddr %1$s udp dport %2$d dnat to %3$s:%2$d
            ip daddr %1$s tcp dport %2$d dnat to %3$s:%2$d
            ip daddr %1$s udp dport %4$d dnat to %3$s:%4$d
            ip daddr %1$s tcp dport %4$d dnat to %3$s:%4$d
          }
        }
        """.formatted(PUBLISHED, CALLS, MATTERMOST, OTHER_PUBLISHED));
    // What arrives where: counters, no listeners needed.
    mattermost.nft(arrivals("udp dport " + CALLS, "tcp dport " + CALLS, "udp dport " + OTHER_PUBLISHED,
        "tcp dport " + OTHER_PUBLISHED));
    host.nft(arrivals("ip daddr " + HOST + " udp dport " + CALLS, "udp dport " + HOST_SERVICE,
        "ip saddr " + COTURN + " udp sport 3478"));
  }

  @AfterEach
  void deleteTheHost() throws IOException {
    for (NetworkNamespace namespace : namespaces) {
      namespace.close();
    }
  }

  @Test
  void withoutTheRulesTheRelayReachesEveryPortOfTheHost() throws IOException {
    sendFromCoturn();

    assertThat(arrived(mattermost, "udp dport " + CALLS)).isEqualTo(1);
    assertThat(arrived(mattermost, "udp dport " + OTHER_PUBLISHED)).as("another published port").isEqualTo(1);
    assertThat(arrived(mattermost, "tcp dport " + OTHER_PUBLISHED)).as("another published port (TCP)").isPositive();
    assertThat(arrived(host, "udp dport " + HOST_SERVICE)).as("a service of the host itself").isEqualTo(1);
  }

  @Test
  void theShippedRulesLetTheRelayReachTheHostOnTheCallsPortOnly() throws IOException {
    host.nft(shippedRules());

    sendFromCoturn();

    assertThat(arrived(mattermost, "udp dport " + CALLS)).as("Calls through Docker's DNAT").isEqualTo(1);
    assertThat(arrived(mattermost, "tcp dport " + CALLS)).as("Calls over TCP through Docker's DNAT").isPositive();
    assertThat(arrived(host, "ip daddr " + HOST + " udp dport " + CALLS)).as("Calls on the host (docker-proxy)")
        .isEqualTo(1);
    assertThat(arrived(mattermost, "udp dport " + OTHER_PUBLISHED)).as("another published port").isZero();
    assertThat(arrived(mattermost, "tcp dport " + OTHER_PUBLISHED)).as("another published port (TCP)").isZero();
    assertThat(arrived(host, "udp dport " + HOST_SERVICE)).as("a service of the host itself").isZero();
    // Loaded once more: it replaces its own table, nothing else (Docker's stays).
    host.nft(shippedRules());
    assertThat(host.run("nft", "list", "tables")).contains("table inet command_center_turn_relay")
        .contains("table ip docker_like");
  }

  @Test
  void repliesToCoturnsClientsStillPass() throws Exception {
    host.nft(shippedRules());
    Path log = Files.createTempFile("turnutils-peer-", ".log");
    // coturn's UDP echo peer on coturn's address and port: a client on the host sends, the answer comes back.
    try (ManagedProcess echo = ManagedProcess.builder("turnutils_peer", coturn.command(List.of(
        CoturnServer.TURNUTILS_PEER.toString(), "-L", COTURN, "-p", "3478"))).log(log).start()) {
      long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
      while (arrived(host, "ip saddr " + COTURN + " udp sport 3478") == 0 && System.nanoTime() < deadline) {
        host.run("bash", "-c", "echo ping > /dev/udp/" + COTURN + "/3478");
        Thread.sleep(200);
      }
    } finally {
      Files.deleteIfExists(log);
    }

    assertThat(arrived(host, "ip saddr " + COTURN + " udp sport 3478")).as("echo from coturn's address").isPositive();
  }

  // ---------------------------------------------------------------------------------------------

  private NetworkNamespace add(String name) throws IOException {
    NetworkNamespace namespace = NetworkNamespace.create(name);
    namespaces.add(namespace);
    return namespace;
  }

  /** A container on the host's bridge: a veth pair, the address, the host as its gateway. */
  private void attach(NetworkNamespace container, String hostSide, String address) throws IOException {
    NetworkNamespace.ip("link", "add", hostSide, "netns", host.name(), "type", "veth", "peer", "name", "eth0",
        "netns", container.name());
    host.run("ip", "link", "set", hostSide, "master", "br0", "up");
    container.ipInside("addr", "add", address + "/24", "dev", "eth0");
    container.ipInside("link", "set", "eth0", "up");
    container.ipInside("route", "add", "default", "via", "10.214.0.1");
  }

  /** deploy/firewall/turn-relay.nft with this host's coturn address. */
  private static String shippedRules() throws IOException {
    String rules = Files.readString(DeployBundleTest.deployDirectory().resolve("firewall/turn-relay.nft"),
        StandardCharsets.UTF_8);
    assertThat(rules).contains("define TURN_PRIVATE_IP = 172.28.0.10").contains("define CALLS_PORT = " + CALLS);
    return rules.replace("define TURN_PRIVATE_IP = 172.28.0.10", "define TURN_PRIVATE_IP = " + COTURN);
  }

  /** From coturn's address, as its relay sends: UDP and TCP to every port above. */
  private void sendFromCoturn() throws IOException {
    StringBuilder script = new StringBuilder();
    for (String target : List.of(PUBLISHED + "/" + CALLS, PUBLISHED + "/" + OTHER_PUBLISHED, HOST + "/" + CALLS,
        PUBLISHED + "/" + HOST_SERVICE)) {
      script.append("echo relay > /dev/udp/").append(target).append(" || true\n");
    }
    // One SYN is enough to count; a dropped one would wait, so bash gives up after a second.
    for (String target : List.of(PUBLISHED + "/" + CALLS, PUBLISHED + "/" + OTHER_PUBLISHED)) {
      script.append("timeout 1 bash -c 'exec 3<>/dev/tcp/").append(target).append("' 2>/dev/null || true\n");
    }
    coturn.run("bash", "-c", script.toString());
  }

  /** An nftables table counting, in the input hook, the packets each rule's match selects. */
  private static String arrivals(String... matches) {
    StringBuilder rules = new StringBuilder("table inet arrivals {\n  chain input {\n"
        + "    type filter hook input priority filter; policy accept;\n");
    for (String match : matches) {
      rules.append("    ").append(match).append(" counter comment \"").append(match).append("\"\n");
    }
    return rules.append("  }\n}\n").toString();
  }

  /** Packets the arrivals counter for {@code match} saw in {@code namespace}. */
  private static long arrived(NetworkNamespace namespace, String match) throws IOException {
    JsonObject ruleset = JsonParser.parseString(namespace.run("nft", "-j", "list", "table", "inet", "arrivals"))
        .getAsJsonObject();
    for (JsonElement entry : ruleset.getAsJsonArray("nftables")) {
      JsonObject rule = entry.getAsJsonObject().getAsJsonObject("rule");
      if (rule != null && rule.has("comment") && rule.get("comment").getAsString().equals(match)) {
        for (JsonElement expression : rule.getAsJsonArray("expr")) {
          if (expression.getAsJsonObject().has("counter")) {
            return expression.getAsJsonObject().getAsJsonObject("counter").get("packets").getAsLong();
          }
        }
      }
    }
    throw new AssertionError("no arrivals counter for '" + match + "' in " + namespace);
  }
}
