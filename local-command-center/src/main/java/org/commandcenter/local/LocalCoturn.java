package org.commandcenter.local;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import okhttp3.tls.HeldCertificate;
import org.commandcenter.cli.turn.TurnPeer;
import org.commandcenter.cli.turn.TurnProbe;
import org.commandcenter.cli.turn.TurnProbeResult;
import org.commandcenter.cli.turn.TurnTarget;
import org.commandcenter.cli.turn.TurnTransport;
import org.commandcenter.mattermost.CaTrust;
import org.commandcenter.mattermost.warroom.TurnCredentials;

/**
 * A real coturn ({@code /usr/bin/turnserver}) from the bundled {@code deploy/coturn/turnserver.conf}, plus a local
 * overlay that changes only what a single machine needs: loopback listeners and relay, free ports, a generated
 * secret, a self-signed certificate, and 127.0.0.1 as the one allowed peer (where coturn's own echo peer,
 * {@code turnutils_peer}, listens). Authentication, TLS versions, quotas and the deny list stay the bundled ones.
 */
public final class LocalCoturn implements AutoCloseable {
  public static final Path TURNSERVER = Path.of("/usr/bin/turnserver");
  public static final Path TURNUTILS_PEER = Path.of("/usr/bin/turnutils_peer");
  static final String HOST = "127.0.0.1";

  private final LocalProcess turnserver;
  private final LocalProcess peer;
  private final int plainPort;
  private final int tlsPort;
  private final int peerPort;
  private final Path secretFile;
  private final Path caFile;
  private final String secret;

  private LocalCoturn(LocalProcess turnserver, LocalProcess peer, int plainPort, int tlsPort, int peerPort,
      Path secretFile, Path caFile, String secret) {
    this.turnserver = turnserver;
    this.peer = peer;
    this.plainPort = plainPort;
    this.tlsPort = tlsPort;
    this.peerPort = peerPort;
    this.secretFile = secretFile;
    this.caFile = caFile;
    this.secret = secret;
  }

  /**
   * Starts coturn and its echo peer under {@code workDir}; waits until an authenticated allocation works. Takes the
   * standard ports 3478/5349 when they are free, else free ones; should another process take a port between the
   * check and coturn's bind, it tries once more with free ports.
   */
  public static LocalCoturn start(Path bundledConfiguration, Path workDir, Duration limit) throws IOException {
    requireNonNull(bundledConfiguration, "bundledConfiguration == null");
    try {
      return start(bundledConfiguration, workDir, limit, true);
    } catch (PortTakenException e) {
      return start(bundledConfiguration, workDir, limit, false);
    }
  }

  private static LocalCoturn start(Path bundledConfiguration, Path workDir, Duration limit, boolean standardPorts)
      throws IOException {
    Path dir = Files.createDirectories(workDir.resolve("coturn"));
    byte[] random = new byte[32];
    new SecureRandom().nextBytes(random);
    String secret = HexFormat.of().formatHex(random);
    Path secretFile = writePrivate(dir.resolve("static-auth-secret"), secret);

    HeldCertificate certificate = new HeldCertificate.Builder()
        .commonName("localhost")
        .addSubjectAlternativeName("localhost")
        .addSubjectAlternativeName(HOST)
        .duration(7, TimeUnit.DAYS)
        .build();
    Path caFile = Files.writeString(dir.resolve("turn.crt"), certificate.certificatePem());
    Path keyFile = writePrivate(dir.resolve("turn.key"), certificate.privateKeyPkcs8Pem());

    int plainPort = standardPorts && isFreeForUdpAndTcp(3478) ? 3478 : freeUdpAndTcpPort();
    int tlsPort = standardPorts && plainPort != 5349 && isFreeTcp(5349) ? 5349 : freeTcpPortOtherThan(plainPort);
    int peerPort = freeUdpPort();

    String overlay = String.join("\n",
        "",
        "# --- local command center overlay (loopback only; everything above is the bundled file) ---",
        "listening-ip=" + HOST,
        "relay-ip=" + HOST,
        "listening-port=" + plainPort,
        "tls-listening-port=" + tlsPort,
        "cert=" + caFile,
        "pkey=" + keyFile,
        "static-auth-secret=" + secret,
        // The echo peer is on loopback, which the bundled deny list refuses: allow exactly that address.
        "allow-loopback-peers",
        "allowed-peer-ip=" + HOST,
        "pidfile=" + dir.resolve("turnserver.pid"),
        "userdb=" + dir.resolve("turndb"),
        "");
    String bundled = Files.readString(bundledConfiguration, StandardCharsets.UTF_8);
    Path conf = writePrivate(dir.resolve("turnserver.conf"), bundled + overlay);

    LocalProcess peer = LocalProcess.start("turnutils_peer",
        List.of(TURNUTILS_PEER.toString(), "-L", HOST, "-p", Integer.toString(peerPort)), dir.resolve("peer.log"));
    LocalProcess turnserver;
    try {
      turnserver = LocalProcess.start("coturn", List.of(TURNSERVER.toString(), "-c", conf.toString()),
          dir.resolve("turnserver.log"));
    } catch (IOException | RuntimeException e) {
      peer.close();
      throw e;
    }
    LocalCoturn coturn = new LocalCoturn(turnserver, peer, plainPort, tlsPort, peerPort, secretFile, caFile, secret);
    try {
      coturn.awaitAllocation(limit);
    } catch (IOException | RuntimeException e) {
      coturn.close();
      throw e;
    }
    return coturn;
  }

  /** Ready = an authenticated UDP allocation succeeds (coturn opens UDP after TCP, so TCP accepting is not enough). */
  private void awaitAllocation(Duration limit) throws IOException {
    TurnProbe probe = TurnProbe.builder().timeout(Duration.ofMillis(500)).build();
    TurnTarget target = TurnTarget.of(HOST, plainPort, TurnTransport.UDP);
    long deadline = System.nanoTime() + limit.toNanos();
    TurnProbeResult last = null;
    while (System.nanoTime() < deadline) {
      String log = turnserver.logTail(30);
      // coturn keeps running and retrying when a port is taken; it says so in its log.
      if (log.contains("Address already in use")) {
        throw new PortTakenException(log);
      }
      if (!turnserver.isAlive()) {
        throw new IOException("turnserver exited with " + turnserver.process().exitValue() + ":\n" + log);
      }
      TurnCredentials credentials = TurnCredentials.create(secret, "command-center-local", Duration.ofMinutes(10),
          Clock.systemUTC());
      last = probe.probe(target, credentials, TurnPeer.none());
      if (last.isOk()) {
        return;
      }
      sleep(200);
    }
    throw new IOException("coturn did not accept an allocation within " + limit.toSeconds() + " s ("
        + (last == null ? "no answer" : last.summary()) + "):\n" + turnserver.logTail(30));
  }

  public String host() {
    return HOST;
  }

  public int plainPort() {
    return plainPort;
  }

  public int tlsPort() {
    return tlsPort;
  }

  public InetSocketAddress peer() {
    return new InetSocketAddress(HOST, peerPort);
  }

  public Path secretFile() {
    return secretFile;
  }

  /** The self-signed certificate of the TLS listener, to trust for {@code turns:}. */
  public Path caFile() {
    return caFile;
  }

  public CaTrust trust() throws IOException {
    return CaTrust.fromPemFile(caFile);
  }

  public long pid() {
    return turnserver.pid();
  }

  public String logTail(int lines) {
    return turnserver.logTail(lines);
  }

  @Override
  public void close() {
    turnserver.close();
    peer.close();
  }

  /** coturn could not bind a port that was free a moment before. */
  private static final class PortTakenException extends IOException {
    private static final long serialVersionUID = 1L;

    PortTakenException(String log) {
      super("a coturn port was taken before coturn could bind it:\n" + log);
    }
  }

  private static Path writePrivate(Path file, String content) throws IOException {
    Files.deleteIfExists(file);
    Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    return Files.writeString(file, content, StandardCharsets.UTF_8);
  }

  private static boolean isFreeForUdpAndTcp(int port) {
    try (DatagramSocket udp = new DatagramSocket(port, InetAddress.getByName(HOST));
        ServerSocket tcp = new ServerSocket(port, 1, InetAddress.getByName(HOST))) {
      return udp.getLocalPort() == port && tcp.getLocalPort() == port;
    } catch (IOException e) {
      return false;
    }
  }

  private static boolean isFreeTcp(int port) {
    try (ServerSocket tcp = new ServerSocket(port, 1, InetAddress.getByName(HOST))) {
      return tcp.getLocalPort() == port;
    } catch (IOException e) {
      return false;
    }
  }

  private static int freeUdpAndTcpPort() throws IOException {
    for (int attempt = 0; attempt < 50; attempt++) {
      int port;
      try (DatagramSocket udp = new DatagramSocket(0, InetAddress.getByName(HOST))) {
        port = udp.getLocalPort();
      }
      if (isFreeForUdpAndTcp(port)) {
        return port;
      }
    }
    throw new IOException("no port is free for both UDP and TCP on " + HOST);
  }

  private static int freeTcpPortOtherThan(int taken) throws IOException {
    while (true) {
      try (ServerSocket tcp = new ServerSocket(0, 1, InetAddress.getByName(HOST))) {
        if (tcp.getLocalPort() != taken) {
          return tcp.getLocalPort();
        }
      }
    }
  }

  private static int freeUdpPort() throws IOException {
    try (DatagramSocket udp = new DatagramSocket(0, InetAddress.getByName(HOST))) {
      return udp.getLocalPort();
    }
  }

  private static void sleep(long millis) throws IOException {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted", e);
    }
  }
}
