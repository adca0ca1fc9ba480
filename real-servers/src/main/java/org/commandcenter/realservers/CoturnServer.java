package org.commandcenter.realservers;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import okhttp3.tls.HeldCertificate;

/**
 * A real coturn ({@code /usr/bin/turnserver}, Debian package {@code coturn}) started from the shipped
 * {@code deploy/coturn/turnserver.conf} plus an overlay that changes only what one machine needs: loopback listeners
 * and relay, free ports, a secret, a self-signed certificate, and 127.0.0.1 as the one allowed peer. Authentication,
 * TLS versions, quotas and the deny list stay the shipped ones. Optionally with coturn's own UDP echo peer
 * ({@code turnutils_peer}). Ready once UDP answers a STUN Binding and both TCP listeners accept; stopped by PID.
 *
 * <p>Or, in a {@link NetworkNamespace} of its own, as a site runs it: on that namespace's address, on the standard
 * ports, with {@code external-ip} for a NAT in front of it, the given certificate and allowed peers; ready once the
 * namespace lists its three listeners.
 */
public final class CoturnServer implements AutoCloseable {
  public static final Path TURNSERVER = Path.of("/usr/bin/turnserver");
  public static final Path TURNUTILS_PEER = Path.of("/usr/bin/turnutils_peer");
  public static final String HOST = "127.0.0.1";

  private final ManagedProcess turnserver;
  private final ManagedProcess peer;
  private final String host;
  private final int plainPort;
  private final int tlsPort;
  private final int peerPort;
  private final Path secretFile;
  private final Path caFile;
  private final HeldCertificate certificate;

  private CoturnServer(ManagedProcess turnserver, ManagedProcess peer, String host, int plainPort, int tlsPort,
      int peerPort, Path secretFile, Path caFile, HeldCertificate certificate) {
    this.turnserver = turnserver;
    this.peer = peer;
    this.host = host;
    this.plainPort = plainPort;
    this.tlsPort = tlsPort;
    this.peerPort = peerPort;
    this.secretFile = secretFile;
    this.caFile = caFile;
    this.certificate = certificate;
  }

  /** The shipped configuration with the given secret and extra overlay lines, in {@code workDir}; free ports. */
  public static CoturnServer start(Path workDir, String secret, List<String> extraOverlay) throws IOException {
    return builder(shippedConfiguration(), workDir).secret(secret).overlay(extraOverlay).start();
  }

  public static Builder builder(Path configuration, Path workDir) {
    return new Builder(configuration, workDir);
  }

  public static boolean isInstalled() {
    return Files.isExecutable(TURNSERVER);
  }

  /** {@code deploy/coturn/turnserver.conf}, found from the working directory (a module or the repository root). */
  public static Path shippedConfiguration() {
    Path start = Path.of("").toAbsolutePath();
    for (Path dir = start; dir != null; dir = dir.getParent()) {
      Path candidate = dir.resolve("deploy/coturn/turnserver.conf");
      if (Files.isRegularFile(candidate)) {
        return candidate;
      }
    }
    throw new IllegalStateException("deploy/coturn/turnserver.conf not found above " + start);
  }

  /** The address coturn listens and relays on: 127.0.0.1, or the one given to {@link Builder#listeningAddress}. */
  public String host() {
    return host;
  }

  /** UDP and TCP ({@code turn:}). */
  public int plainPort() {
    return plainPort;
  }

  /** TLS ({@code turns:}). */
  public int tlsPort() {
    return tlsPort;
  }

  /** The echo peer's address; only with {@link Builder#echoPeer(boolean)}. */
  public InetSocketAddress peer() {
    if (peer == null) {
      throw new IllegalStateException("started without an echo peer");
    }
    return new InetSocketAddress(HOST, peerPort);
  }

  /** The file (mode 600) holding {@code static-auth-secret}; the secret itself is never printed. */
  public Path secretFile() {
    return secretFile;
  }

  public String secret() throws IOException {
    return Files.readString(secretFile, StandardCharsets.UTF_8).trim();
  }

  /**
   * The certificate of the TLS listener (PEM file): self-signed, to trust for {@code turns:}, unless
   * {@link Builder#certificate} gave one (then trust its issuer).
   */
  public Path caFile() {
    return caFile;
  }

  public HeldCertificate certificate() {
    return certificate;
  }

  public long pid() {
    return turnserver.pid();
  }

  /** turnserver's whole log. */
  public String log() {
    return turnserver.logTail(Integer.MAX_VALUE);
  }

  public String logTail(int lines) {
    return turnserver.logTail(lines);
  }

  /** Stops turnserver (and the echo peer) by PID: SIGTERM, then SIGKILL if it lingers. */
  @Override
  public void close() {
    turnserver.close();
    if (peer != null) {
      peer.close();
    }
  }

  /** A port free for both UDP and TCP on 127.0.0.1 (as turnserver's plain listener needs). */
  public static int freeUdpAndTcpPort() throws IOException {
    for (int attempt = 0; attempt < 50; attempt++) {
      int port;
      try (DatagramSocket udp = new DatagramSocket(0, loopback())) {
        port = udp.getLocalPort();
      }
      if (isFreeForUdpAndTcp(port)) {
        return port;
      }
    }
    throw new IOException("no port is free for both UDP and TCP on " + HOST);
  }

  /** How to start coturn. */
  public static final class Builder {
    private final Path configuration;
    private final Path workDir;
    private String secret;
    private final List<String> overlay = new ArrayList<>();
    private boolean standardPorts;
    private boolean echoPeer;
    private Duration startupLimit = Duration.ofSeconds(20);
    private String listeningAddress = HOST;
    private String externalAddress;
    private final List<String> allowedPeers = new ArrayList<>();
    private HeldCertificate certificate;
    private NetworkNamespace namespace;

    private Builder(Path configuration, Path workDir) {
      this.configuration = requireNonNull(configuration, "configuration == null");
      this.workDir = requireNonNull(workDir, "workDir == null");
    }

    /** {@code static-auth-secret}; default: 32 random bytes in hex. */
    public Builder secret(String secret) {
      this.secret = requireNonNull(secret, "secret == null");
      return this;
    }

    /** Lines appended after our overlay (e.g. {@code external-ip=...}). */
    public Builder overlay(List<String> lines) {
      overlay.addAll(lines);
      return this;
    }

    /** Take 3478/5349 when they are free (what people type), else free ports. Default: free ports. */
    public Builder standardPorts(boolean value) {
      this.standardPorts = value;
      return this;
    }

    /** Also start {@code turnutils_peer}, a UDP echo peer on 127.0.0.1. */
    public Builder echoPeer(boolean value) {
      this.echoPeer = value;
      return this;
    }

    /**
     * Listen and relay on this address instead of 127.0.0.1 (with {@link #namespace}: one of the namespace's own);
     * loopback peers then stay refused, as shipped.
     */
    public Builder listeningAddress(String address) {
      this.listeningAddress = requireNonNull(address, "address == null");
      return this;
    }

    /** {@code external-ip=<address>/<listening address>}: the address a NAT in front of coturn maps to it. */
    public Builder externalAddress(String address) {
      this.externalAddress = requireNonNull(address, "address == null");
      return this;
    }

    /** {@code allowed-peer-ip}: a peer (the Calls media host) the shipped deny list would refuse. */
    public Builder allowedPeer(String address) {
      allowedPeers.add(requireNonNull(address, "address == null"));
      return this;
    }

    /** The TLS listener's certificate (e.g. issued by a test CA); default: a self-signed one. */
    public Builder certificate(HeldCertificate certificate) {
      this.certificate = requireNonNull(certificate, "certificate == null");
      return this;
    }

    /** Run inside this namespace (where every port is free: the standard ones are taken). No echo peer there. */
    public Builder namespace(NetworkNamespace namespace) {
      this.namespace = requireNonNull(namespace, "namespace == null");
      return this;
    }

    public Builder startupLimit(Duration limit) {
      this.startupLimit = requireNonNull(limit, "limit == null");
      return this;
    }

    /**
     * Starts coturn and waits until it is ready. Should another process take a port between our check and coturn's
     * bind (coturn then keeps running and says so in its log), it starts once more on other free ports.
     */
    public CoturnServer start() throws IOException {
      if (!isInstalled()) {
        throw new IOException(TURNSERVER + " is missing: apt-get install -y coturn");
      }
      if (echoPeer && namespace != null) {
        throw new IllegalStateException("echoPeer: not in a namespace");
      }
      if (echoPeer && !Files.isExecutable(TURNUTILS_PEER)) {
        throw new IOException(TURNUTILS_PEER + " is missing: apt-get install -y coturn");
      }
      try {
        return start(standardPorts || namespace != null);
      } catch (PortTakenException e) {
        if (namespace != null) {
          throw e;
        }
        return start(false);
      }
    }

    private CoturnServer start(boolean tryStandardPorts) throws IOException {
      Path dir = Files.createDirectories(workDir);
      String staticSecret = secret != null ? secret : randomSecret();
      Path secretFile = writePrivate(dir.resolve("static-auth-secret"), staticSecret);
      HeldCertificate tlsCertificate = certificate != null ? certificate : selfSigned();
      Path caFile = Files.writeString(dir.resolve("turn.crt"), tlsCertificate.certificatePem());
      Path keyFile = writePrivate(dir.resolve("turn.key"), tlsCertificate.privateKeyPkcs8Pem());

      // A fresh namespace has every port free; on the machine's loopback they are checked.
      boolean inNamespace = namespace != null;
      int plainPort = tryStandardPorts && (inNamespace || isFreeForUdpAndTcp(3478)) ? 3478 : freeUdpAndTcpPort();
      int tlsPort = tryStandardPorts && plainPort != 5349 && (inNamespace || isFreeTcp(5349))
          ? 5349 : freeTcpPortOtherThan(plainPort);
      int peerPort = echoPeer ? freeUdpPort() : 0;

      List<String> lines = new ArrayList<>(List.of(
          "",
          "# --- overlay for this test machine; everything above is the shipped file ---",
          "listening-ip=" + listeningAddress,
          "relay-ip=" + listeningAddress,
          "listening-port=" + plainPort,
          "tls-listening-port=" + tlsPort,
          "cert=" + caFile,
          "pkey=" + keyFile,
          "static-auth-secret=" + staticSecret));
      if (externalAddress != null) {
        lines.add("external-ip=" + externalAddress + "/" + listeningAddress);
      }
      if (listeningAddress.equals(HOST)) {
        // The echo peer is on loopback, which the shipped deny list refuses: allow exactly that address.
        lines.addAll(List.of("allow-loopback-peers", "allowed-peer-ip=" + HOST));
      }
      for (String allowed : allowedPeers) {
        lines.add("allowed-peer-ip=" + allowed);
      }
      lines.addAll(List.of(
          "pidfile=" + dir.resolve("turnserver.pid"),
          "userdb=" + dir.resolve("turndb")));
      lines.addAll(overlay);
      lines.add("");
      String shipped = Files.readString(configuration, StandardCharsets.UTF_8);
      Path conf = writePrivate(dir.resolve("turnserver.conf"), shipped + String.join("\n", lines));

      ManagedProcess peer = echoPeer
          ? ManagedProcess.start("turnutils_peer",
              List.of(TURNUTILS_PEER.toString(), "-L", HOST, "-p", Integer.toString(peerPort)), dir.resolve("peer.log"))
          : null;
      ManagedProcess turnserver;
      try {
        Files.deleteIfExists(dir.resolve("turnserver.log"));
        List<String> command = List.of(TURNSERVER.toString(), "-c", conf.toString());
        turnserver = ManagedProcess.start("coturn", inNamespace ? namespace.command(command) : command,
            dir.resolve("turnserver.log"));
      } catch (IOException | RuntimeException e) {
        if (peer != null) {
          peer.close();
        }
        throw e;
      }
      CoturnServer coturn = new CoturnServer(turnserver, peer, listeningAddress, plainPort, tlsPort, peerPort,
          secretFile, caFile, tlsCertificate);
      try {
        coturn.awaitReady(startupLimit, namespace);
      } catch (IOException | RuntimeException e) {
        coturn.close();
        throw e;
      }
      return coturn;
    }

    private HeldCertificate selfSigned() {
      HeldCertificate.Builder builder = new HeldCertificate.Builder()
          .commonName("localhost")
          .addSubjectAlternativeName("localhost")
          .addSubjectAlternativeName(HOST)
          .duration(7, TimeUnit.DAYS);
      if (!listeningAddress.equals(HOST)) {
        builder.addSubjectAlternativeName(listeningAddress);
      }
      if (externalAddress != null) {
        builder.addSubjectAlternativeName(externalAddress);
      }
      return builder.build();
    }
  }

  /**
   * coturn opens its UDP listeners after the TCP ones: ready = both TCP ports accept and UDP answers a Binding; in a
   * namespace, which this JVM cannot reach, ready = the namespace lists the three sockets.
   */
  private void awaitReady(Duration limit, NetworkNamespace namespace) throws IOException {
    long deadline = System.nanoTime() + limit.toNanos();
    while (System.nanoTime() < deadline) {
      String log = turnserver.logTail(40);
      if (log.contains("Address already in use")) {
        throw new PortTakenException(log);
      }
      if (!turnserver.isAlive()) {
        throw new IOException("turnserver exited with " + turnserver.exitValue() + ":\n" + log);
      }
      if (namespace != null ? listensIn(namespace)
          : accepts(plainPort) && accepts(tlsPort) && answersBindingOverUdp(plainPort)) {
        return;
      }
      try {
        Thread.sleep(50);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IOException("interrupted", e);
      }
    }
    throw new IOException("turnserver was not ready within " + limit.toSeconds() + " s:\n" + turnserver.logTail(40));
  }

  private boolean listensIn(NetworkNamespace namespace) throws IOException {
    String udp = namespace.run("ss", "-Hlnu");
    String tcp = namespace.run("ss", "-Hlnt");
    return udp.contains(host + ":" + plainPort + " ") && tcp.contains(host + ":" + plainPort + " ")
        && tcp.contains(host + ":" + tlsPort + " ");
  }

  private static boolean accepts(int port) {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress(loopback(), port), 200);
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  /** RFC 8489: a Binding request (type 0x0001, no attributes) and a success response with our transaction id. */
  private static boolean answersBindingOverUdp(int port) {
    byte[] transactionId = new byte[12];
    new SecureRandom().nextBytes(transactionId);
    ByteBuffer request = ByteBuffer.allocate(20).putShort((short) 0x0001).putShort((short) 0).putInt(0x2112A442)
        .put(transactionId);
    try (DatagramSocket socket = new DatagramSocket(0, loopback())) {
      socket.setSoTimeout(200);
      socket.send(new DatagramPacket(request.array(), 20, new InetSocketAddress(loopback(), port)));
      byte[] answer = new byte[1500];
      DatagramPacket packet = new DatagramPacket(answer, answer.length);
      socket.receive(packet);
      return packet.getLength() >= 20 && answer[0] == 0x01 && answer[1] == 0x01
          && Arrays.equals(answer, 8, 20, transactionId, 0, 12);
    } catch (SocketTimeoutException e) {
      return false;
    } catch (IOException e) {
      return false;
    }
  }

  /** coturn could not bind a port that was free a moment before. */
  private static final class PortTakenException extends IOException {
    private static final long serialVersionUID = 1L;

    PortTakenException(String log) {
      super("a coturn port was taken before coturn could bind it:\n" + log);
    }
  }

  private static String randomSecret() {
    byte[] random = new byte[32];
    new SecureRandom().nextBytes(random);
    return HexFormat.of().formatHex(random);
  }

  private static Path writePrivate(Path file, String content) throws IOException {
    Files.deleteIfExists(file);
    Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    return Files.writeString(file, content, StandardCharsets.UTF_8);
  }

  private static InetAddress loopback() throws IOException {
    return InetAddress.getByName(HOST);
  }

  private static boolean isFreeForUdpAndTcp(int port) {
    try (DatagramSocket udp = new DatagramSocket(port, loopback());
        ServerSocket tcp = new ServerSocket(port, 1, loopback())) {
      return udp.getLocalPort() == port && tcp.getLocalPort() == port;
    } catch (IOException e) {
      return false;
    }
  }

  private static boolean isFreeTcp(int port) {
    try (ServerSocket tcp = new ServerSocket(port, 1, loopback())) {
      return tcp.getLocalPort() == port;
    } catch (IOException e) {
      return false;
    }
  }

  private static int freeTcpPortOtherThan(int taken) throws IOException {
    while (true) {
      try (ServerSocket tcp = new ServerSocket(0, 1, loopback())) {
        if (tcp.getLocalPort() != taken) {
          return tcp.getLocalPort();
        }
      }
    }
  }

  private static int freeUdpPort() throws IOException {
    try (DatagramSocket udp = new DatagramSocket(0, loopback())) {
      return udp.getLocalPort();
    }
  }
}
