package org.commandcenter.cli.turn;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import okhttp3.tls.HeldCertificate;

/**
 * A real coturn ({@code /usr/bin/turnserver}, Debian package {@code coturn}) on 127.0.0.1, started
 * from the shipped {@code deploy/coturn/turnserver.conf} plus a test overlay that changes only what
 * a loopback test must: addresses, ports, certificate paths, the secret, and the one allowed
 * loopback peer. Auth, TLS, quota and deny rules stay the shipped ones. Stopped by its PID.
 */
public final class CoturnServer implements AutoCloseable {
  public static final String TURNSERVER = "/usr/bin/turnserver";

  private final Process process;
  private final Path log;
  private final int plainPort;
  private final int tlsPort;
  private final HeldCertificate certificate;

  private final Thread killOnExit;

  private CoturnServer(Process process, Path log, int plainPort, int tlsPort, HeldCertificate certificate) {
    this.process = process;
    // Should the test JVM exit without close() (e.g. interrupted), do not leave turnserver behind.
    this.killOnExit = new Thread(process::destroyForcibly, "turnserver-" + process.pid() + "-reaper");
    Runtime.getRuntime().addShutdownHook(killOnExit);
    this.log = log;
    this.plainPort = plainPort;
    this.tlsPort = tlsPort;
    this.certificate = certificate;
  }

  /** The shipped configuration, found from the module or the repository root. */
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

  public static CoturnServer start(Path workDir, String secret, List<String> extraOverlay) throws IOException {
    if (!Files.isExecutable(Path.of(TURNSERVER))) {
      throw new IllegalStateException(TURNSERVER + " is missing: apt-get install -y coturn");
    }
    HeldCertificate certificate = new HeldCertificate.Builder()
        .commonName("localhost")
        .addSubjectAlternativeName("localhost")
        .addSubjectAlternativeName("127.0.0.1")
        .duration(1, TimeUnit.DAYS)
        .build();
    Path cert = Files.writeString(workDir.resolve("turn.crt"), certificate.certificatePem());
    Path key = Files.writeString(workDir.resolve("turn.key"), certificate.privateKeyPkcs8Pem());
    int plainPort = freeUdpAndTcpPort();
    int tlsPort = freeTcpPort(plainPort);
    Path pidFile = workDir.resolve("turnserver.pid");
    List<String> overlay = new ArrayList<>(List.of(
        "listening-ip=127.0.0.1",
        "relay-ip=127.0.0.1",
        "listening-port=" + plainPort,
        "tls-listening-port=" + tlsPort,
        "cert=" + cert,
        "pkey=" + key,
        "static-auth-secret=" + secret,
        "allow-loopback-peers",
        "allowed-peer-ip=127.0.0.1",
        "pidfile=" + pidFile,
        "userdb=" + workDir.resolve("turndb")));
    overlay.addAll(extraOverlay);
    String shipped = Files.readString(shippedConfiguration(), StandardCharsets.UTF_8);
    Path conf = Files.writeString(workDir.resolve("turnserver.conf"),
        shipped + "\n# --- test overlay ---\n" + String.join("\n", overlay) + "\n");
    Path log = workDir.resolve("turnserver.log");
    Process process = new ProcessBuilder(TURNSERVER, "-c", conf.toString())
        .redirectErrorStream(true)
        .redirectOutput(log.toFile())
        .start();
    CoturnServer server = new CoturnServer(process, log, plainPort, tlsPort, certificate);
    try {
      server.awaitListening(Duration.ofSeconds(15));
    } catch (IOException | RuntimeException e) {
      server.close();
      throw e;
    }
    return server;
  }

  private void awaitListening(Duration limit) throws IOException {
    long deadline = System.nanoTime() + limit.toNanos();
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new IllegalStateException("turnserver exited with " + process.exitValue() + ":\n" + log());
      }
      if (accepts(plainPort) && accepts(tlsPort) && answersBindingOverUdp(plainPort)) {
        return;
      }
      try {
        Thread.sleep(50);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IOException("interrupted", e);
      }
    }
    throw new IllegalStateException("turnserver did not listen within " + limit + ":\n" + log());
  }

  private static boolean accepts(int port) {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 200);
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  /** coturn opens its UDP listeners after the TCP ones; a STUN Binding answer proves UDP is up. */
  private static boolean answersBindingOverUdp(int port) {
    try (UdpStunChannel channel = new UdpStunChannel(new InetSocketAddress(InetAddress.getLoopbackAddress(), port))) {
      StunMessage binding = StunMessage.request(StunMessage.BINDING).build();
      channel.send(binding.encode());
      byte[] answer = channel.receive(Duration.ofMillis(200));
      return StunMessage.decode(answer, answer.length).hasTransactionId(binding.transactionId());
    } catch (IOException | StunMessage.StunFormatException e) {
      return false;
    }
  }

  public static int freeUdpAndTcpPort() throws IOException {
    for (int attempt = 0; attempt < 50; attempt++) {
      try (DatagramSocket udp = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
        int port = udp.getLocalPort();
        try (ServerSocket tcp = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
          return tcp.getLocalPort();
        } catch (IOException taken) {
          // Try another one.
        }
      }
    }
    throw new IOException("no port free for both UDP and TCP");
  }

  private static int freeTcpPort(int not) throws IOException {
    while (true) {
      try (ServerSocket tcp = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
        if (tcp.getLocalPort() != not) {
          return tcp.getLocalPort();
        }
      }
    }
  }

  public int plainPort() {
    return plainPort;
  }

  public int tlsPort() {
    return tlsPort;
  }

  public long pid() {
    return process.pid();
  }

  public HeldCertificate certificate() {
    return certificate;
  }

  public String log() {
    try {
      return Files.readString(log, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Stops turnserver by its PID: SIGTERM, then SIGKILL if it lingers. */
  @Override
  public void close() {
    try {
      Runtime.getRuntime().removeShutdownHook(killOnExit);
    } catch (IllegalStateException shuttingDown) {
      // The hook runs anyway.
    }
    ProcessHandle handle = process.toHandle();
    handle.destroy();
    try {
      if (!process.waitFor(5, TimeUnit.SECONDS)) {
        handle.destroyForcibly();
        process.waitFor(5, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      handle.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }
}
