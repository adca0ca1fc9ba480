package org.commandcenter.cli.turn;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
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
  /** OpenSSL 3 only offers TLS 1.0/1.1 at security level 0. */
  private static final String LEGACY_CIPHERS = "DEFAULT:@SECLEVEL=0";

  @TempDir static Path workDir;
  private static CoturnServer coturn;

  @BeforeAll
  static void startCoturn() throws IOException {
    OpensslClient.assertInstalled();
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
    assertThat(OpensslClient.handshake(workDir, coturn.tlsPort(), OpensslClient.ACCEPTED, List.of("-tls1_2")))
        .contains("Protocol  : TLSv1.2");
  }

  @Test
  void refusesTls11AndTls10WhichTheClientCanSpeak() throws Exception {
    int controlPort = CoturnServer.freeUdpAndTcpPort();
    try (ManagedProcess control = OpensslClient.server(workDir, controlPort, coturn.caFile(), workDir.resolve("turn.key"),
        List.of("-cipher", LEGACY_CIPHERS))) {
      assertThat(OpensslClient.handshake(workDir, controlPort, OpensslClient.ACCEPTED,
          List.of("-tls1_1", "-cipher", LEGACY_CIPHERS))).as("control: the client speaks TLS 1.1")
          .contains("Protocol  : TLSv1.1");
    }

    for (String version : new String[] {"-tls1_1", "-tls1"}) {
      assertThat(OpensslClient.handshake(workDir, coturn.tlsPort(), OpensslClient.REFUSED,
          List.of(version, "-cipher", LEGACY_CIPHERS))).as(version)
          .doesNotContain("Protocol  : TLSv1")
          .doesNotContain("Cipher is ECDHE");
    }
  }
}
