package org.commandcenter.mattermost.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.security.cert.CertificateExpiredException;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import okhttp3.tls.HandshakeCertificates;
import okhttp3.tls.HeldCertificate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The one trust set-up every module uses, tested on real TLS handshakes against a loopback server: what it trusts,
 * what it refuses, and that refusals say why.
 */
class CaTrustTest {
  private static final ExecutorService SERVERS = Executors.newCachedThreadPool();
  private static HeldCertificate factoryCa;
  private static HeldCertificate otherCa;

  @BeforeAll
  static void makeAuthorities() {
    factoryCa = new HeldCertificate.Builder().certificateAuthority(0).commonName("Factory Root CA").ecdsa256().build();
    otherCa = new HeldCertificate.Builder().certificateAuthority(0).commonName("Other CA").ecdsa256().build();
  }

  @AfterAll
  static void stopServers() {
    SERVERS.shutdownNow();
  }

  @Test
  void trustsAServerSignedByThePrivateCa() throws Exception {
    CaTrust trust = CaTrust.fromPem(factoryCa.certificatePem()).withoutSystemTrust();

    assertThat(handshake(trust, leaf(factoryCa, "localhost", Duration.ofDays(30)), "localhost")).isTrue();
  }

  @Test
  void refusesAServerOfAnotherCa() {
    CaTrust trust = CaTrust.fromPem(factoryCa.certificatePem()).withoutSystemTrust();

    assertThatThrownBy(() -> handshake(trust, leaf(otherCa, "localhost", Duration.ofDays(30)), "localhost"))
        .isInstanceOf(SSLHandshakeException.class)
        .hasMessageContaining("PKIX path building failed");
  }

  @Test
  void refusesAnExpiredServerCertificate() {
    CaTrust trust = CaTrust.fromPem(factoryCa.certificatePem()).withoutSystemTrust();
    long now = System.currentTimeMillis();
    HeldCertificate expired = new HeldCertificate.Builder().commonName("localhost").addSubjectAlternativeName("localhost")
        .validityInterval(now - Duration.ofDays(10).toMillis(), now - Duration.ofDays(1).toMillis())
        .signedBy(factoryCa).ecdsa256().build();

    assertThatThrownBy(() -> handshake(trust, expired, "localhost"))
        .isInstanceOf(SSLHandshakeException.class)
        .hasRootCauseInstanceOf(CertificateExpiredException.class);
  }

  @Test
  void refusesACertificateForAnotherName() {
    CaTrust trust = CaTrust.fromPem(factoryCa.certificatePem()).withoutSystemTrust();

    assertThatThrownBy(() -> handshake(trust, leaf(factoryCa, "chat.factory.internal", Duration.ofDays(30)),
        "localhost"))
        .isInstanceOf(SSLHandshakeException.class)
        .hasMessageContaining("No subject alternative DNS name matching localhost");
  }

  @Test
  void aBundleOfSeveralCertificatesTrustsEachOfThem() throws Exception {
    CaTrust trust = CaTrust.fromPem(factoryCa.certificatePem() + "\n" + otherCa.certificatePem())
        .withoutSystemTrust();

    assertThat(trust.certificates()).hasSize(2);
    assertThat(handshake(trust, leaf(factoryCa, "localhost", Duration.ofDays(30)), "localhost")).isTrue();
    assertThat(handshake(trust, leaf(otherCa, "localhost", Duration.ofDays(30)), "localhost")).isTrue();
  }

  @Test
  void keepsTheJvmTrustStoreUnlessToldNotTo() {
    CaTrust withSystem = CaTrust.fromPem(factoryCa.certificatePem());
    int systemRoots = CaTrust.jvmDefault().trustManager().getAcceptedIssuers().length;

    assertThat(withSystem.includesSystemTrust()).isTrue();
    assertThat(withSystem.trustManager().getAcceptedIssuers()).hasSize(systemRoots + 1);
    assertThat(withSystem.withoutSystemTrust().trustManager().getAcceptedIssuers()).hasSize(1);
  }

  @Test
  void theJvmDefaultCannotBeEmptied() {
    assertThatThrownBy(() -> CaTrust.jvmDefault().withoutSystemTrust()).isInstanceOf(IllegalStateException.class);
  }

  @Test
  void refusesTextThatIsNoPemBundle() {
    assertThatThrownBy(() -> CaTrust.fromPem("not a certificate"))
        .hasMessage("trust.pem: contains no -----BEGIN CERTIFICATE----- block");
    assertThatThrownBy(() -> CaTrust.fromPem("-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n"))
        .hasMessageStartingWith("trust.pem: not a valid PEM certificate bundle");
  }

  private static HeldCertificate leaf(HeldCertificate ca, String name, Duration validity) {
    long now = System.currentTimeMillis();
    return new HeldCertificate.Builder().commonName(name).addSubjectAlternativeName(name)
        .validityInterval(now - 60_000, now + validity.toMillis()).signedBy(ca).ecdsa256().build();
  }

  /**
   * A TLS handshake with a loopback server presenting {@code certificate}, as an HTTPS client for {@code hostName}
   * verifies it (the name is what the client asked for; the connection itself goes to loopback).
   */
  private static boolean handshake(CaTrust trust, HeldCertificate certificate, String hostName) throws Exception {
    HandshakeCertificates serverCertificates = new HandshakeCertificates.Builder().heldCertificate(certificate).build();
    try (ServerSocket server = serverCertificates.sslContext().getServerSocketFactory()
        .createServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      SERVERS.submit(() -> {
        try (Socket accepted = server.accept()) {
          ((SSLSocket) accepted).startHandshake();
        } catch (IOException expected) {
          // The client may refuse the handshake; that is what some tests want.
        }
        return null;
      });
      Socket plain = new Socket(InetAddress.getLoopbackAddress(), server.getLocalPort());
      try (SSLSocket client = (SSLSocket) trust.socketFactory().createSocket(plain, hostName, server.getLocalPort(),
          true)) {
        SSLParameters parameters = client.getSSLParameters();
        parameters.setEndpointIdentificationAlgorithm("HTTPS");
        client.setSSLParameters(parameters);
        client.setSoTimeout((int) TimeUnit.SECONDS.toMillis(10));
        client.startHandshake();
        return true;
      }
    }
  }
}
