package org.commandcenter.mattermost.tls;

import static java.util.Objects.requireNonNull;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;
import org.commandcenter.mattermost.rules.Fields;

/**
 * The certificate authorities TLS connections trust: typically a site's private CA as a PEM bundle, by default in
 * addition to the JVM's own trust store ({@link #withoutSystemTrust()} trusts only the bundle). The one place trust
 * is built, for the Mattermost client, the CLI's own requests and the TURN probe. There is deliberately no way to
 * trust everything; callers keep host-name verification on. Immutable; the trust manager is built once.
 */
public final class CaTrust {
  private static final CaTrust JVM_DEFAULT = new CaTrust(List.of(), true);

  private final List<X509Certificate> certificates;
  private final boolean includeSystemTrust;
  private volatile X509TrustManager trustManager;

  private CaTrust(List<X509Certificate> certificates, boolean includeSystemTrust) {
    this.certificates = List.copyOf(certificates);
    this.includeSystemTrust = includeSystemTrust;
  }

  /** Only the JVM's trust store, what a connection without a private CA uses. */
  public static CaTrust jvmDefault() {
    return JVM_DEFAULT;
  }

  /**
   * Parses one or more {@code -----BEGIN CERTIFICATE-----} blocks.
   *
   * @throws IllegalArgumentException {@code trust.pem: ...} for anything that is not such a bundle
   */
  public static CaTrust fromPem(String pem) {
    requireNonNull(pem, "pem == null");
    if (!pem.contains("-----BEGIN CERTIFICATE-----")) {
      throw Fields.invalid("trust.pem", "contains no -----BEGIN CERTIFICATE----- block");
    }
    List<X509Certificate> parsed = new ArrayList<>();
    try {
      CertificateFactory factory = CertificateFactory.getInstance("X.509");
      Collection<? extends Certificate> all =
          factory.generateCertificates(new ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII)));
      for (Certificate certificate : all) {
        parsed.add((X509Certificate) certificate);
      }
    } catch (GeneralSecurityException e) {
      throw new IllegalArgumentException("trust.pem: not a valid PEM certificate bundle: " + e.getMessage(), e);
    }
    if (parsed.isEmpty()) {
      throw Fields.invalid("trust.pem", "contains no certificate");
    }
    return new CaTrust(parsed, true);
  }

  public static CaTrust fromPemFile(Path path) throws IOException {
    requireNonNull(path, "path == null");
    return fromPem(Files.readString(path, StandardCharsets.US_ASCII));
  }

  /** The same bundle, trusted instead of (not in addition to) the JVM's trust store. */
  public CaTrust withoutSystemTrust() {
    if (certificates.isEmpty()) {
      throw new IllegalStateException("without the JVM's trust store an empty bundle would trust nothing");
    }
    return new CaTrust(certificates, false);
  }

  /** The certificates of the bundle; empty for {@link #jvmDefault()}. */
  public List<X509Certificate> certificates() {
    return certificates;
  }

  public boolean includesSystemTrust() {
    return includeSystemTrust;
  }

  /** One trust manager over the bundle and, unless excluded, the JVM's roots. */
  public X509TrustManager trustManager() {
    X509TrustManager result = trustManager;
    if (result == null) {
      result = buildTrustManager();
      trustManager = result;
    }
    return result;
  }

  /** A TLS context (TLS 1.2 and 1.3 as the JVM enables them) that trusts exactly {@link #trustManager()}. */
  public SSLContext sslContext() {
    try {
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(null, new TrustManager[] {trustManager()}, null);
      return context;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("cannot initialise TLS: " + e.getMessage(), e);
    }
  }

  public SSLSocketFactory socketFactory() {
    return sslContext().getSocketFactory();
  }

  private X509TrustManager buildTrustManager() {
    try {
      if (certificates.isEmpty()) {
        return systemTrustManager();
      }
      KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
      store.load(null, null);
      int index = 0;
      for (X509Certificate certificate : certificates) {
        store.setCertificateEntry("bundle-" + index++, certificate);
      }
      if (includeSystemTrust) {
        for (X509Certificate root : systemTrustManager().getAcceptedIssuers()) {
          store.setCertificateEntry("system-" + index++, root);
        }
      }
      TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      factory.init(store);
      return onlyX509(factory.getTrustManagers());
    } catch (GeneralSecurityException | IOException e) {
      throw new IllegalStateException("cannot build a trust manager: " + e.getMessage(), e);
    }
  }

  private static X509TrustManager systemTrustManager() throws GeneralSecurityException {
    TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    factory.init((KeyStore) null);
    return onlyX509(factory.getTrustManagers());
  }

  private static X509TrustManager onlyX509(TrustManager[] managers) {
    for (TrustManager manager : managers) {
      if (manager instanceof X509TrustManager) {
        return (X509TrustManager) manager;
      }
    }
    throw new IllegalStateException("no X509TrustManager in " + Arrays.toString(managers));
  }

  @Override
  public String toString() {
    if (certificates.isEmpty()) {
      return "CaTrust{JVM default}";
    }
    StringBuilder subjects = new StringBuilder();
    for (X509Certificate certificate : certificates) {
      if (subjects.length() > 0) {
        subjects.append("; ");
      }
      subjects.append(certificate.getSubjectX500Principal().getName());
    }
    return "CaTrust{" + subjects + (includeSystemTrust ? ", +system" : ", bundle only") + "}";
  }
}
