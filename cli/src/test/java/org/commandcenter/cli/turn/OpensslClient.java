package org.commandcenter.cli.turn;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.commandcenter.realservers.ManagedProcess;

/**
 * Debian's {@code openssl s_client} for TLS handshakes the JDK will not make (TLS 1.0/1.1, one chosen cipher suite),
 * to 127.0.0.1, and {@code openssl s_server} as a control that the client can make them at all.
 */
final class OpensslClient {
  static final String OPENSSL = "/usr/bin/openssl";
  /** An accepted handshake ends s_client at once; the limit only matters on a badly loaded machine. */
  static final Duration ACCEPTED = Duration.ofSeconds(20);
  /** coturn may leave a refused handshake hanging: stop waiting after 3 s (a slower refusal still shows no protocol). */
  static final Duration REFUSED = Duration.ofSeconds(3);

  private OpensslClient() {
  }

  static void assertInstalled() {
    assertThat(Path.of(OPENSSL)).as("Debian's openssl (apt-get install -y openssl)").isExecutable();
  }

  /** The output of one {@code openssl s_client} handshake to 127.0.0.1:{@code port}, stopped after {@code limit}. */
  static String handshake(Path workDir, int port, Duration limit, List<String> options) throws Exception {
    List<String> command = new ArrayList<>(List.of(OPENSSL, "s_client", "-connect", "127.0.0.1:" + port));
    command.addAll(options);
    Path output = Files.createTempFile(workDir, "s_client", ".log");
    // EOF on stdin: s_client ends after the handshake.
    try (ManagedProcess client = ManagedProcess.builder("openssl s_client", command).log(output).noInput().start()) {
      client.waitFor(limit);
    }
    return Files.readString(output, StandardCharsets.UTF_8);
  }

  /** Starts {@code openssl s_server} on 127.0.0.1:{@code port} with a certificate, key and options; waits until it listens. */
  static ManagedProcess server(Path workDir, int port, Path certificate, Path key, List<String> options)
      throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of(OPENSSL, "s_server", "-accept", "127.0.0.1:" + port,
        "-cert", certificate.toString(), "-key", key.toString(), "-quiet"));
    command.addAll(options);
    ManagedProcess server = ManagedProcess.start("openssl s_server", command,
        Files.createTempFile(workDir, "s_server", ".log"));
    try {
      awaitListening(port);
    } catch (AssertionError | InterruptedException e) {
      server.close();
      throw e;
    }
    return server;
  }

  private static void awaitListening(int port) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (System.nanoTime() < deadline) {
      try (Socket socket = new Socket()) {
        socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
        return;
      } catch (IOException notYet) {
        Thread.sleep(50);
      }
    }
    throw new AssertionError("openssl s_server did not listen on " + port);
  }
}
