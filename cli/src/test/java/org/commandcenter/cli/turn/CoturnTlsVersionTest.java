package org.commandcenter.cli.turn;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.commandcenter.realservers.CoturnServer;
import org.commandcenter.realservers.ManagedProcess;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The shipped {@code no-tlsv1} / {@code no-tlsv1_1}: coturn's TLS port completes a TLS 1.2 handshake
 * but no TLS 1.0 or 1.1 one. Driven with Debian's {@code openssl s_client} (the JDK refuses to offer
 * the old versions at all), which a control server first proves able to speak TLS 1.1.
 */
@Tag("coturn")
class CoturnTlsVersionTest {
  private static final String OPENSSL = "/usr/bin/openssl";
  /** OpenSSL 3 only offers TLS 1.0/1.1 at security level 0. */
  private static final String LEGACY_CIPHERS = "DEFAULT:@SECLEVEL=0";

  @TempDir static Path workDir;
  private static CoturnServer coturn;

  @BeforeAll
  static void startCoturn() throws IOException {
    assertThat(Path.of(OPENSSL)).as("Debian's openssl (apt-get install -y openssl)").isExecutable();
    coturn = CoturnServer.start(workDir, "tls-version-test-secret", List.of());
  }

  @AfterAll
  static void stopCoturn() {
    if (coturn != null) {
      coturn.close();
    }
  }

  @Test
  void acceptsTls12() throws Exception {
    assertThat(handshake(coturn.tlsPort(), "-tls1_2", null, ACCEPTED)).contains("Protocol  : TLSv1.2");
  }

  @Test
  void refusesTls11AndTls10WhichTheClientCanSpeak() throws Exception {
    int controlPort = CoturnServer.freeUdpAndTcpPort();
    try (ManagedProcess control = ManagedProcess.start("openssl s_server", List.of(OPENSSL, "s_server", "-accept",
        "127.0.0.1:" + controlPort, "-cert", coturn.caFile().toString(), "-key", workDir.resolve("turn.key").toString(),
        "-cipher", LEGACY_CIPHERS, "-quiet"), workDir.resolve("s_server.log"))) {
      awaitListening(controlPort);
      assertThat(handshake(controlPort, "-tls1_1", LEGACY_CIPHERS, ACCEPTED)).as("control: the client speaks TLS 1.1")
          .contains("Protocol  : TLSv1.1");
    }

    for (String version : new String[] {"-tls1_1", "-tls1"}) {
      assertThat(handshake(coturn.tlsPort(), version, LEGACY_CIPHERS, REFUSED)).as(version)
          .doesNotContain("Protocol  : TLSv1")
          .doesNotContain("Cipher is ECDHE");
    }
  }

  /** An accepted handshake ends s_client at once; the limit only matters on a badly loaded machine. */
  private static final Duration ACCEPTED = Duration.ofSeconds(20);
  /** coturn leaves a refused handshake hanging: stop waiting after 3 s (a slower refusal still shows no protocol). */
  private static final Duration REFUSED = Duration.ofSeconds(3);

  /** The output of one {@code openssl s_client} handshake to 127.0.0.1:{@code port}, stopped after {@code limit}. */
  private static String handshake(int port, String version, String ciphers, Duration limit) throws Exception {
    List<String> command = new ArrayList<>(List.of(OPENSSL, "s_client", "-connect", "127.0.0.1:" + port, version));
    if (ciphers != null) {
      command.addAll(List.of("-cipher", ciphers));
    }
    Path output = Files.createTempFile(workDir, "s_client", ".log");
    // EOF on stdin: s_client ends after the handshake.
    try (ManagedProcess client = ManagedProcess.builder("openssl s_client", command).log(output).noInput().start()) {
      client.waitFor(limit);
    }
    return Files.readString(output, StandardCharsets.UTF_8);
  }

  private static void awaitListening(int port) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (System.nanoTime() < deadline) {
      try (java.net.Socket socket = new java.net.Socket()) {
        socket.connect(new java.net.InetSocketAddress("127.0.0.1", port), 200);
        return;
      } catch (IOException notYet) {
        Thread.sleep(50);
      }
    }
    throw new AssertionError("openssl s_server did not listen on " + port);
  }
}
