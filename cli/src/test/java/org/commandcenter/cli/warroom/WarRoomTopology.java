package org.commandcenter.cli.warroom;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.commandcenter.realservers.ManagedProcess;
import org.commandcenter.realservers.NetworkNamespace;

/**
 * The War Room's network in network namespaces joined by veth pairs, all in 10.213.0.0/16 (the only addresses the
 * test uses; nothing routes out of it):
 *
 * <pre>
 *  client 10.213.1.2 ── 10.213.1.1 nat 10.213.2.2 ── (public) ── 10.213.2.1 site
 *                                                                          site 10.213.4.1 ── 10.213.4.2 turn (coturn)
 *                                                                          site 10.213.3.1 ── 10.213.3.2 server (media)
 *                                                                          site 10.213.5.1 ── 10.213.5.2 server
 * </pre>
 *
 * The nat masquerades the office LAN. The server's 10.213.3.2 is the media host, coturn's one allowed peer; its second
 * address 10.213.5.2 lies in the shipped deny list. The site maps its public address 10.213.2.1 to coturn's 10.213.4.2
 * both ways (a 1:1 NAT, as Docker's published ports or a cloud NAT do), which coturn's
 * {@code external-ip=10.213.2.1/10.213.4.2} describes.
 *
 * <p>The nat has no route to the server side: the client reaches the media host only through coturn, as a laptop behind
 * an office NAT does. The browsers load their page from the test's signalling service, which listens in the root
 * namespace: a browser in a namespace cannot reach the root namespace's 127.0.0.1, so each browser's namespace gets one
 * more veth pair into the root namespace (10.213.8.0/30 for the client, 10.213.9.0/30 for the server) that carries the
 * page, the signalling and the Mattermost stand-in, and never media: the server announces only its media address, and
 * the client takes relay candidates only.
 *
 * <p>Names are unique per run ({@code ccw-<run>-<role>}); a lock file keeps two runs on one machine apart, and each run
 * first deletes what a killed run left (namespaces named {@code ccw-*}, with what still runs in them).
 */
final class WarRoomTopology implements AutoCloseable {
  static final String PREFIX = "ccw-";
  static final String RANGE = "10.213.";

  static final String CLIENT = "10.213.1.2";
  static final String NAT_PUBLIC = "10.213.2.2";
  /** What clients reach coturn at: the site's public address, mapped 1:1 to {@link #TURN_PRIVATE}. */
  static final String TURN_PUBLIC = "10.213.2.1";
  static final String TURN_PRIVATE = "10.213.4.2";
  /** The media host's address, coturn's one {@code allowed-peer-ip}. */
  static final String MEDIA = "10.213.3.2";
  /** Another address of the media host, in the shipped {@code denied-peer-ip=10.0.0.0-10.255.255.255}. */
  static final String MEDIA_DENIED = "10.213.5.2";
  static final String CLIENT_SIGNALLING = "10.213.8.1";
  static final String SERVER_SIGNALLING = "10.213.9.1";

  private static final Path LOCK = Path.of(System.getProperty("java.io.tmpdir"), "command-center-war-room-e2e.lock");

  private final FileChannel lockChannel;
  private final FileLock lock;
  private final String run;
  private final List<NetworkNamespace> namespaces = new ArrayList<>();
  NetworkNamespace client;
  NetworkNamespace nat;
  NetworkNamespace site;
  NetworkNamespace turn;
  NetworkNamespace server;

  private WarRoomTopology(FileChannel lockChannel, FileLock lock, String run) {
    this.lockChannel = lockChannel;
    this.lock = lock;
    this.run = run;
  }

  /** Builds the topology; on any failure deletes what it had made. */
  static WarRoomTopology create() throws IOException {
    FileChannel channel = FileChannel.open(LOCK, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
    FileLock lock = channel.lock();
    WarRoomTopology topology = null;
    try {
      deleteLeftovers();
      String inUse = rangeInUse();
      if (inUse != null) {
        throw new IOException(RANGE + "0.0/16 is in use in the root namespace, the test would clash with it: " + inUse);
      }
      byte[] random = new byte[3];
      new SecureRandom().nextBytes(random);
      topology = new WarRoomTopology(channel, lock, HexFormat.of().formatHex(random));
      topology.wire();
      return topology;
    } catch (IOException | RuntimeException e) {
      if (topology != null) {
        topology.close();
      } else {
        lock.release();
        channel.close();
      }
      throw e;
    }
  }

  private NetworkNamespace add(String role) throws IOException {
    NetworkNamespace namespace = NetworkNamespace.create(PREFIX + run + "-" + role);
    namespaces.add(namespace);
    return namespace;
  }

  private void wire() throws IOException {
    client = add("client");
    nat = add("nat");
    site = add("site");
    turn = add("turn");
    server = add("server");
    link(client, "lan", CLIENT + "/24", nat, "lan", "10.213.1.1/24");
    link(nat, "wan", NAT_PUBLIC + "/24", site, "public", TURN_PUBLIC + "/24");
    link(site, "turn", "10.213.4.1/24", turn, "eth0", TURN_PRIVATE + "/24");
    link(site, "media", "10.213.3.1/24", server, "media", MEDIA + "/24");
    link(site, "denied", "10.213.5.1/24", server, "denied", MEDIA_DENIED + "/24");
    rootLink("c", CLIENT_SIGNALLING + "/30", client, "10.213.8.2/30");
    rootLink("s", SERVER_SIGNALLING + "/30", server, "10.213.9.2/30");

    client.ipInside("route", "add", "default", "via", "10.213.1.1");
    turn.ipInside("route", "add", "default", "via", "10.213.4.1");
    server.ipInside("route", "add", "default", "via", "10.213.3.1");
    nat.run("sysctl", "-qw", "net.ipv4.ip_forward=1");
    site.run("sysctl", "-qw", "net.ipv4.ip_forward=1");
    // The office NAT: everything from the LAN leaves with the NAT's public address.
    nat.nft("""
        table ip ccw {
          chain postrouting {
            type nat hook postrouting priority srcnat;
            oifname "wan" masquerade
          }
        }
        """);
    // The site's 1:1 NAT for coturn, which coturn's external-ip describes: the public address is coturn's, both ways.
    site.nft("""
        table ip ccw {
          chain prerouting {
            type nat hook prerouting priority dstnat;
            ip daddr %s dnat to %s
          }
          chain postrouting {
            type nat hook postrouting priority srcnat;
            ip saddr %s snat to %s
          }
        }
        """.formatted(TURN_PUBLIC, TURN_PRIVATE, TURN_PRIVATE, TURN_PUBLIC));
    blockFromClient(Block.NOTHING);
  }

  /** What the client's own firewall drops on its way to coturn. */
  enum Block {
    NOTHING(""),
    /** UDP to coturn (port 3478 and the relay range): TURN over TCP or TLS is left. */
    UDP("ip daddr " + TURN_PUBLIC + " meta l4proto udp drop"),
    /** UDP and TCP 3478: only TURN over TLS on 5349 is left. */
    UDP_AND_TCP_3478("ip daddr " + TURN_PUBLIC + " meta l4proto udp drop\n"
        + "ip daddr " + TURN_PUBLIC + " tcp dport 3478 drop");

    private final String rules;

    Block(String rules) {
      this.rules = rules;
    }
  }

  void blockFromClient(Block block) throws IOException {
    client.nft("""
        table inet ccw-block
        delete table inet ccw-block
        table inet ccw-block {
          chain output {
            type filter hook output priority filter;
            %s
          }
        }
        """.formatted(block.rules));
  }

  /** Dropped-packet firewall evidence is the browser's; this is only what the rules say now. */
  String clientFirewall() throws IOException {
    return client.run("nft", "list", "table", "inet", "ccw-block");
  }

  private static void link(NetworkNamespace a, String aName, String aAddress, NetworkNamespace b, String bName,
      String bAddress) throws IOException {
    NetworkNamespace.ip("link", "add", aName, "netns", a.name(), "type", "veth", "peer", "name", bName, "netns",
        b.name());
    a.ipInside("addr", "add", aAddress, "dev", aName);
    a.ipInside("link", "set", aName, "up");
    b.ipInside("addr", "add", bAddress, "dev", bName);
    b.ipInside("link", "set", bName, "up");
  }

  private void rootLink(String suffix, String rootAddress, NetworkNamespace inside, String insideAddress)
      throws IOException {
    // Interface names have at most 15 characters; the run id keeps them apart from a crashed run's, which vanish
    // (asynchronously) with that run's namespace.
    String rootName = "ccw" + run + suffix;
    NetworkNamespace.ip("link", "add", rootName, "type", "veth", "peer", "name", "signal", "netns", inside.name());
    NetworkNamespace.ip("addr", "add", rootAddress, "dev", rootName);
    NetworkNamespace.ip("link", "set", rootName, "up");
    inside.ipInside("addr", "add", insideAddress, "dev", "signal");
    inside.ipInside("link", "set", "signal", "up");
  }

  private static void deleteLeftovers() throws IOException {
    for (String name : NetworkNamespace.list()) {
      if (name.startsWith(PREFIX)) {
        NetworkNamespace.deleteLeftover(name);
      }
    }
    // A deleted namespace's veth ends leave the root namespace shortly after.
    long deadline = System.nanoTime() + 10_000_000_000L;
    while (rangeInUse() != null && System.nanoTime() < deadline) {
      try {
        Thread.sleep(100);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IOException("interrupted", e);
      }
    }
  }

  /** A root-namespace address or route in 10.213.0.0/16, or null. */
  private static String rangeInUse() throws IOException {
    String addresses = ManagedProcess.output(List.of("ip", "-4", "-o", "addr", "show"), java.time.Duration.ofSeconds(10));
    String routes = ManagedProcess.output(List.of("ip", "-4", "route", "show", "table", "all"),
        java.time.Duration.ofSeconds(10));
    for (String line : (addresses + "\n" + routes).split("\n")) {
      if (line.contains(" " + RANGE) || line.startsWith(RANGE)) {
        return line.trim();
      }
    }
    return null;
  }

  /** Deletes every namespace (and with them every veth pair); the caller has stopped the processes in them. */
  @Override
  public void close() throws IOException {
    IOException failure = null;
    for (NetworkNamespace namespace : namespaces) {
      try {
        namespace.close();
      } catch (IOException e) {
        if (failure == null) {
          failure = e;
        } else {
          failure.addSuppressed(e);
        }
      }
    }
    try {
      lock.release();
      lockChannel.close();
    } catch (IOException e) {
      if (failure == null) {
        failure = e;
      }
    }
    if (failure != null) {
      throw failure;
    }
  }
}
