package org.commandcenter.mattermost;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import mockwebserver3.MockWebServer;
import okhttp3.OkHttpClient;
import okhttp3.tls.HandshakeCertificates;
import okhttp3.tls.HeldCertificate;
import org.commandcenter.mattermost.tls.CaTrust;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TlsTest {
  private static HeldCertificate privateCa;
  private static HeldCertificate otherCa;

  private final MockWebServer server = new MockWebServer();
  private final RecordingSleeper sleeper = new RecordingSleeper();

  @BeforeAll
  static void makeCertificateAuthorities() {
    privateCa = new HeldCertificate.Builder().certificateAuthority(0).commonName("Factory Root CA").ecdsa256().build();
    otherCa = new HeldCertificate.Builder().certificateAuthority(0).commonName("Other CA").ecdsa256().build();
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private void serveHttps(HeldCertificate ca, String hostName) throws Exception {
    HeldCertificate serverCertificate = new HeldCertificate.Builder()
        .commonName(hostName).addSubjectAlternativeName(hostName).signedBy(ca).ecdsa256().build();
    HandshakeCertificates serverCertificates = new HandshakeCertificates.Builder()
        .heldCertificate(serverCertificate, ca.certificate()).build();
    server.useHttps(serverCertificates.sslSocketFactory());
    server.start();
  }

  private MattermostClient client(CaTrust trust) {
    MattermostClient.Builder builder = Wire.rest(server, sleeper)
        .siteUrl("https://localhost:" + server.getPort())
        .retryPolicy(Wire.fastRetries().newBuilder().maxAttempts(1).build());
    return (trust == null ? builder : builder.trust(trust)).build();
  }

  @Test
  void trustsServerSignedByPrivateCaBundle() throws Exception {
    serveHttps(privateCa, "localhost");
    server.enqueue(Wire.created(Wire.postId(1)));

    PostResult result = client(CaTrust.fromPem(privateCa.certificatePem()).withoutSystemTrust())
        .send(Post.builder().text("hi").channel(Wire.CHANNEL_ID).build());

    assertThat(result.postId()).isEqualTo(Wire.postId(1));
    assertThat(Wire.take(server).getHandshake()).isNotNull();
  }

  @Test
  void bundleAddsToSystemTrustByDefault(@TempDir Path dir) throws Exception {
    serveHttps(privateCa, "localhost");
    server.enqueue(Wire.created(Wire.postId(1)));
    Path bundle = dir.resolve("ca.pem");
    Files.writeString(bundle, otherCa.certificatePem() + privateCa.certificatePem());

    CaTrust trust = CaTrust.fromPemFile(bundle);
    assertThat(trust.certificates()).hasSize(2);
    assertThat(trust.includesSystemTrust()).isTrue();
    client(trust).send(Post.builder().text("hi").channel(Wire.CHANNEL_ID).build());
    assertThat(server.getRequestCount()).isEqualTo(1);
  }

  @Test
  void rejectsServerOfUnknownCa() throws Exception {
    serveHttps(otherCa, "localhost");

    assertThatThrownBy(() -> client(CaTrust.fromPem(privateCa.certificatePem()).withoutSystemTrust())
        .send(Post.builder().text("hi").channel(Wire.CHANNEL_ID).build()))
        .isInstanceOfSatisfying(MattermostException.class, e -> assertThat(e.statusCode()).isZero());
    assertThatThrownBy(() -> client(null).send(Post.builder().text("hi").channel(Wire.CHANNEL_ID).build()))
        .isInstanceOf(MattermostException.class);
  }

  @Test
  void verifiesHostNameEvenWithTrustedCa() throws Exception {
    serveHttps(privateCa, "mattermost.factory.internal");

    assertThatThrownBy(() -> client(CaTrust.fromPem(privateCa.certificatePem()).withoutSystemTrust())
        .send(Post.builder().text("hi").channel(Wire.CHANNEL_ID).build()))
        .isInstanceOfSatisfying(MattermostException.class, e -> {
          assertThat(e.statusCode()).isZero();
          assertThat(e.getCause()).isInstanceOf(javax.net.ssl.SSLPeerUnverifiedException.class);
        });
  }

  @Test
  void callerClientCannotSwitchOffHostNameVerification() throws Exception {
    serveHttps(privateCa, "mattermost.factory.internal");
    OkHttpClient lax = new OkHttpClient.Builder().hostnameVerifier((host, session) -> true).build();

    MattermostClient client = Wire.rest(server, sleeper).siteUrl("https://localhost:" + server.getPort())
        .okHttpClient(lax).trust(CaTrust.fromPem(privateCa.certificatePem()).withoutSystemTrust())
        .retryPolicy(Wire.fastRetries().newBuilder().maxAttempts(1).build()).build();
    assertThatThrownBy(() -> client.send(Post.builder().text("hi").channel(Wire.CHANNEL_ID).build()))
        .isInstanceOf(MattermostException.class);
  }

  @Test
  void rejectsInputThatIsNoPemBundle() {
    assertThatThrownBy(() -> CaTrust.fromPem("not a certificate")).hasMessageStartingWith("trust.pem: ");
    assertThatThrownBy(() -> CaTrust.fromPem("-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n"))
        .hasMessageStartingWith("trust.pem: ");
  }
}
