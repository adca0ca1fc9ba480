package org.commandcenter.benchmarks;

import okhttp3.tls.HandshakeCertificates;
import okhttp3.tls.HeldCertificate;

/** A private CA and a localhost server certificate it signed, as an air-gapped site has. */
final class TestPki {
  final HeldCertificate rootCa;
  final HandshakeCertificates serverCertificates;

  TestPki() {
    rootCa = new HeldCertificate.Builder()
        .certificateAuthority(0)
        .commonName("Factory Private Root CA")
        .build();
    HeldCertificate server = new HeldCertificate.Builder()
        .commonName("localhost")
        .addSubjectAlternativeName("localhost")
        .signedBy(rootCa)
        .build();
    serverCertificates = new HandshakeCertificates.Builder()
        .heldCertificate(server, rootCa.certificate())
        .build();
  }

  String caPem() {
    return rootCa.certificatePem();
  }

  /** What a client that trusts only this CA holds. */
  HandshakeCertificates clientCertificates() {
    return new HandshakeCertificates.Builder().addTrustedCertificate(rootCa.certificate()).build();
  }
}
