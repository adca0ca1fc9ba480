package org.commandcenter.cli.turn;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import okhttp3.tls.HeldCertificate;
import org.commandcenter.realservers.CoturnServer;
import org.commandcenter.realservers.ManagedProcess;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The shipped {@code cipher-list}: coturn's TLS port negotiates forward-secret AEAD suites only (ECDHE with AES-GCM
 * or ChaCha20-Poly1305). An RSA certificate makes the old RSA key exchange possible at all (with the default ECDSA
 * certificate no TLS_RSA_* suite could ever be chosen); a control s_server with that certificate proves the client
 * negotiates TLS_RSA_WITH_AES_128_GCM_SHA256 when a server allows it. Every TLS 1.2 suite this OpenSSL knows is
 * offered, each suite coturn picks is taken out and the rest offered again, until coturn refuses: what it picked is
 * all it accepts.
 */
@Tag("coturn")
class CoturnForwardSecrecyTest {
  /** TLS_RSA_WITH_AES_128_GCM_SHA256: RSA key exchange, so a recorded session opens with the key later. */
  private static final String RSA_KEY_EXCHANGE = "AES128-GCM-SHA256";

  @TempDir static Path workDir;
  private static CoturnServer rsaCoturn;
  private static CoturnServer ecdsaCoturn;

  @BeforeAll
  static void startCoturn() throws IOException {
    OpensslClient.assertInstalled();
    HeldCertificate rsa = new HeldCertificate.Builder().rsa2048().commonName("localhost")
        .addSubjectAlternativeName("localhost").addSubjectAlternativeName(CoturnServer.HOST)
        .duration(1, TimeUnit.DAYS).build();
    rsaCoturn = CoturnServer.builder(CoturnServer.shippedConfiguration(), workDir.resolve("rsa")).certificate(rsa).start();
    // CoturnServer's default certificate: ECDSA P-256.
    ecdsaCoturn = CoturnServer.builder(CoturnServer.shippedConfiguration(), workDir.resolve("ecdsa")).start();
  }

  @AfterAll
  static void stopCoturn() {
    if (rsaCoturn != null) {
      rsaCoturn.close();
    }
    if (ecdsaCoturn != null) {
      ecdsaCoturn.close();
    }
  }

  @Test
  void refusesRsaKeyExchangeWhichTheClientNegotiatesWithAServerAllowingIt() throws Exception {
    int controlPort = CoturnServer.freeUdpAndTcpPort();
    try (ManagedProcess control = OpensslClient.server(workDir, controlPort, rsaCoturn.caFile(),
        workDir.resolve("rsa/turn.key"), List.of("-cipher", RSA_KEY_EXCHANGE))) {
      assertThat(OpensslClient.handshake(workDir, controlPort, OpensslClient.ACCEPTED,
          List.of("-tls1_2", "-cipher", RSA_KEY_EXCHANGE))).as("control: the client negotiates RSA key exchange")
          .contains("Cipher is " + RSA_KEY_EXCHANGE);
    }

    String refused = OpensslClient.handshake(workDir, rsaCoturn.tlsPort(), OpensslClient.ACCEPTED,
        List.of("-tls1_2", "-cipher", RSA_KEY_EXCHANGE));

    assertThat(refused).doesNotContain("Cipher is " + RSA_KEY_EXCHANGE).contains("Cipher is (NONE)");
  }

  @Test
  void acceptsEcdheWithAesGcmOrChaCha20OnlyWithAnRsaCertificate() throws Exception {
    assertThat(acceptedTls12Suites(rsaCoturn)).containsExactlyInAnyOrder(
        "ECDHE-RSA-AES128-GCM-SHA256", "ECDHE-RSA-AES256-GCM-SHA384", "ECDHE-RSA-CHACHA20-POLY1305");
  }

  @Test
  void acceptsEcdheWithAesGcmOrChaCha20OnlyWithAnEcdsaCertificate() throws Exception {
    assertThat(acceptedTls12Suites(ecdsaCoturn)).containsExactlyInAnyOrder(
        "ECDHE-ECDSA-AES128-GCM-SHA256", "ECDHE-ECDSA-AES256-GCM-SHA384", "ECDHE-ECDSA-CHACHA20-POLY1305");
  }

  @Test
  void aClientWithDefaultSettingsGetsForwardSecrecy() throws Exception {
    String handshake = OpensslClient.handshake(workDir, rsaCoturn.tlsPort(), OpensslClient.ACCEPTED, List.of());

    // coturn 4.6 picks its TLS 1.2 context from the ClientHello's record version, so TLS 1.2 with ECDHE; a coturn
    // that negotiates TLS 1.3 uses its suites, which are all forward secret.
    assertThat(handshake).containsPattern("Cipher is (ECDHE-RSA-(AES\\d+-GCM-SHA\\d+|CHACHA20-POLY1305)|TLS_\\w+)");
  }

  /** Every TLS 1.2 suite coturn accepts from a client offering all this OpenSSL knows (security level 0). */
  private static List<String> acceptedTls12Suites(CoturnServer coturn) throws Exception {
    List<String> offered = tls12Suites();
    assertThat(offered).as("TLS 1.2 suites the client offers").contains(RSA_KEY_EXCHANGE, "AES256-GCM-SHA384",
        "DHE-RSA-AES128-GCM-SHA256", "ECDHE-RSA-AES128-SHA", "ECDHE-ECDSA-AES128-SHA256");
    List<String> accepted = new ArrayList<>();
    Pattern negotiated = Pattern.compile("Cipher is ([A-Z0-9-]+)");
    while (accepted.size() < offered.size()) {
      List<String> rest = new ArrayList<>(offered);
      rest.removeAll(accepted);
      String handshake = OpensslClient.handshake(workDir, coturn.tlsPort(), OpensslClient.ACCEPTED,
          List.of("-tls1_2", "-cipher", String.join(":", rest) + ":@SECLEVEL=0"));
      Matcher matcher = negotiated.matcher(handshake);
      if (!matcher.find()) {
        break;
      }
      assertThat(rest).as("coturn picked a suite that was not offered").contains(matcher.group(1));
      accepted.add(matcher.group(1));
    }
    return accepted;
  }

  /** The TLS 1.2 (and older) suites of this OpenSSL, weak ones included. */
  private static List<String> tls12Suites() throws IOException {
    String all = ManagedProcess.output(List.of(OpensslClient.OPENSSL, "ciphers", "-tls1_2",
        "ALL:COMPLEMENTOFALL:@SECLEVEL=0"), Duration.ofSeconds(30)).trim();
    // TLS 1.3 suites (TLS_AES_128_GCM_SHA256, ...) are listed too; -tls1_2 never offers them.
    return Arrays.stream(all.split(":")).filter(suite -> !suite.startsWith("TLS_")).toList();
  }
}
