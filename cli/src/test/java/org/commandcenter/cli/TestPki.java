package org.commandcenter.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import okhttp3.tls.HandshakeCertificates;
import okhttp3.tls.HeldCertificate;

/** A site CA and server certificates for it (good, wrong name, expired), plus an unrelated CA. */
public final class TestPki {
  public final HeldCertificate siteCa = new HeldCertificate.Builder()
      .commonName("Factory Test Root CA").certificateAuthority(0).duration(730, TimeUnit.DAYS).build();
  public final HeldCertificate otherCa = new HeldCertificate.Builder()
      .commonName("Unrelated Test CA").certificateAuthority(0).duration(730, TimeUnit.DAYS).build();

  public HeldCertificate server(String... names) {
    HeldCertificate.Builder builder = new HeldCertificate.Builder().commonName(names[0]).signedBy(siteCa)
        .duration(365, TimeUnit.DAYS);
    for (String name : names) {
      builder.addSubjectAlternativeName(name);
    }
    return builder.build();
  }

  public HeldCertificate localhost() {
    return server("localhost", "127.0.0.1");
  }

  public HeldCertificate signedByOtherCa() {
    return new HeldCertificate.Builder().commonName("localhost").addSubjectAlternativeName("localhost")
        .addSubjectAlternativeName("127.0.0.1").signedBy(otherCa).duration(365, TimeUnit.DAYS).build();
  }

  public HeldCertificate expired() {
    Instant now = Instant.now();
    return new HeldCertificate.Builder().commonName("localhost").addSubjectAlternativeName("localhost")
        .addSubjectAlternativeName("127.0.0.1").signedBy(siteCa)
        .validityInterval(now.minus(Duration.ofDays(30)).toEpochMilli(), now.minus(Duration.ofDays(1)).toEpochMilli())
        .build();
  }

  public static HandshakeCertificates serving(HeldCertificate certificate, HeldCertificate issuer) {
    return new HandshakeCertificates.Builder().heldCertificate(certificate, issuer.certificate()).build();
  }

  public Path writeSiteCa(Path directory) throws IOException {
    return write(directory.resolve("site-ca.pem"), siteCa);
  }

  public static Path write(Path file, HeldCertificate certificate) throws IOException {
    Files.writeString(file, certificate.certificatePem(), StandardCharsets.US_ASCII);
    return file;
  }
}
