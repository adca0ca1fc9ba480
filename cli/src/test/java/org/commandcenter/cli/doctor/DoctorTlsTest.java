package org.commandcenter.cli.doctor;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.nio.file.Path;
import java.util.Map;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import okhttp3.tls.HeldCertificate;
import org.commandcenter.cli.CliRun;
import org.commandcenter.cli.TestPki;
import org.commandcenter.cli.console.ExitCode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The TLS check tells the usual certificate problems apart, each with its own fix. */
class DoctorTlsTest {
  private final TestPki pki = new TestPki();
  private final MockWebServer server = new MockWebServer();

  @TempDir
  Path directory;

  @AfterEach
  void stop() {
    server.close();
  }

  private String start(HeldCertificate certificate, HeldCertificate issuer) throws Exception {
    server.useHttps(TestPki.serving(certificate, issuer).sslSocketFactory());
    server.setDispatcher(new Dispatcher() {
      @Override
      public MockResponse dispatch(RecordedRequest request) {
        return new MockResponse.Builder().code(200).addHeader("Content-Type", "application/json")
            .body("{\"status\":\"OK\"}").build();
      }
    });
    server.start();
    return "https://localhost:" + server.getPort();
  }

  @Test
  void passesWhenTheChainIsIssuedByTheGivenPrivateCa() throws Exception {
    String url = start(pki.localhost(), pki.siteCa);

    CliRun run = CliRun.run(Map.of(), "doctor", "--url", url, "--ca-file", pki.writeSiteCa(directory).toString());

    assertThat(run.out).contains("✔ Mattermost reachable over TLS").contains("chain trusted, name matches")
        .contains("issued by CN=Factory Test Root CA");
    assertThat(server.takeRequest().getTarget()).isEqualTo("/api/v4/system/ping");
  }

  @Test
  void reportsAnUntrustedChainWhenTheCertificateComesFromAnotherCa() throws Exception {
    String url = start(pki.signedByOtherCa(), pki.otherCa);

    CliRun run = CliRun.run(Map.of(), "doctor", "--url", url, "--ca-file", pki.writeSiteCa(directory).toString());

    assertThat(run.exitCode).as(run.toString()).isEqualTo(ExitCode.FAILED);
    assertThat(run.out).contains("✘ Mattermost reachable over TLS")
        .contains("certificate chain not trusted (PKIX path building failed)")
        .contains("issued by CN=Unrelated Test CA")
        .contains("not the CA in --ca-file (CN=Factory Test Root CA)")
        .contains("fix: pass the CA that issued the server certificate with --ca-file");
    assertThat(run.out).doesNotContain("name mismatch").doesNotContain("expired");
  }

  @Test
  void asksForTheCaFileWhenNoneWasGivenAndTheChainIsPrivate() throws Exception {
    String url = start(pki.localhost(), pki.siteCa);

    CliRun run = CliRun.run(Map.of(), "doctor", "--url", url);

    assertThat(run.exitCode).isEqualTo(ExitCode.FAILED);
    assertThat(run.out).contains("not among the JVM's trusted CAs")
        .contains("fix: pass the site's private CA certificate (PEM) with --ca-file");
  }

  @Test
  void reportsAHostNameTheCertificateDoesNotCover() throws Exception {
    String url = start(pki.server("chat.factory.test"), pki.siteCa);

    CliRun run = CliRun.run(Map.of(), "doctor", "--url", url, "--ca-file", pki.writeSiteCa(directory).toString());

    assertThat(run.exitCode).isEqualTo(ExitCode.FAILED);
    assertThat(run.out).contains("certificate name mismatch: the certificate names DNS:chat.factory.test, not localhost")
        .contains("subjectAltName DNS:localhost")
        .doesNotContain("PKIX");
  }

  @Test
  void reportsAnExpiredCertificateWithItsDate() throws Exception {
    HeldCertificate expired = pki.expired();
    String url = start(expired, pki.siteCa);

    CliRun run = CliRun.run(Map.of(), "doctor", "--url", url, "--ca-file", pki.writeSiteCa(directory).toString());

    assertThat(run.exitCode).isEqualTo(ExitCode.FAILED);
    assertThat(run.out).contains("certificate expired: the server certificate CN=localhost expired on")
        .contains("fix: renew the server certificate")
        .doesNotContain("PKIX");
  }

  @Test
  void reportsAPlainHttpPortAsSuch() throws Exception {
    server.setDispatcher(new Dispatcher() {
      @Override
      public MockResponse dispatch(RecordedRequest request) {
        return new MockResponse.Builder().code(200).body("{\"status\":\"OK\"}").build();
      }
    });
    server.start();

    CliRun run = CliRun.run(Map.of(), "doctor", "--url", "https://localhost:" + server.getPort(), "--read-timeout", "2s");

    assertThat(run.exitCode).isEqualTo(ExitCode.FAILED);
    assertThat(run.out).contains("the port speaks plain HTTP, not TLS");
  }

  @Test
  void reportsARefusedConnection() throws Exception {
    // A bound but not listening socket: connections are refused, and nobody else can start listening there meanwhile.
    try (java.net.Socket holder = new java.net.Socket()) {
      holder.bind(new java.net.InetSocketAddress("127.0.0.1", 0));
      reportsARefusedConnection(holder.getLocalPort());
    }
  }

  private void reportsARefusedConnection(int port) throws Exception {
    CliRun run = CliRun.run(Map.of(), "doctor", "--url", "https://127.0.0.1:" + port);

    assertThat(run.exitCode).isEqualTo(ExitCode.FAILED);
    assertThat(run.out).contains("connection refused at 127.0.0.1:" + port)
        .contains("– Token valid (users/me)").contains("Mattermost is not reachable");
  }

  @Test
  void printsMachineReadableJson() throws Exception {
    String url = start(pki.signedByOtherCa(), pki.otherCa);

    CliRun run = CliRun.run(Map.of(), "doctor", "--json", "--url", url, "--ca-file", pki.writeSiteCa(directory).toString());

    JsonObject report = JsonParser.parseString(run.out).getAsJsonObject();
    assertThat(report.get("ok").getAsBoolean()).isFalse();
    JsonObject tls = report.getAsJsonArray("checks").get(0).getAsJsonObject();
    assertThat(tls.get("id").getAsString()).isEqualTo("mattermost:tls");
    assertThat(tls.get("status").getAsString()).isEqualTo("fail");
    assertThat(tls.get("fix").getAsString()).contains("--ca-file");
    assertThat(report.getAsJsonObject("summary").get("fail").getAsInt()).isEqualTo(1);
    assertThat(run.exitCode).isEqualTo(ExitCode.FAILED);
  }
}
