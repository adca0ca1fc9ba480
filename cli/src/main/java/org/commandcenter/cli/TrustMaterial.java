package org.commandcenter.cli;

import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.util.List;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;
import org.commandcenter.mattermost.CaTrust;

/**
 * The trust the CLI's own diagnostic requests use: exactly what the client trusts for the same
 * {@link CaTrust} (the bundle plus, unless excluded, the JVM's CAs), as a JSSE trust manager.
 */
public final class TrustMaterial {
  private final CaTrust caTrust;
  private final X509TrustManager trustManager;
  private final SSLSocketFactory socketFactory;

  private TrustMaterial(CaTrust caTrust, X509TrustManager trustManager) {
    this.caTrust = caTrust;
    this.trustManager = trustManager;
    try {
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(null, new TrustManager[] {trustManager}, null);
      this.socketFactory = context.getSocketFactory();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("TLS is unavailable in this JVM", e);
    }
  }

  /** Reads a PEM CA bundle given with {@code option}; a missing or malformed file is a usage error naming the option. */
  public static CaTrust readCaFile(Path caFile, String option) {
    if (caFile == null) {
      return null;
    }
    try {
      return CaTrust.fromPemFile(caFile);
    } catch (NoSuchFileException e) {
      throw CliException.usage(option + ": file not found: " + caFile);
    } catch (IOException e) {
      throw CliException.usage(option + ": cannot read " + caFile + ": " + e.getMessage());
    } catch (IllegalArgumentException e) {
      throw CliException.usage(option + ": " + caFile + " is not a PEM certificate bundle (expected -----BEGIN CERTIFICATE----- blocks)");
    }
  }

  /** The trust for {@code caTrust}; null means the JVM's default trust store only. */
  public static TrustMaterial of(CaTrust caTrust) {
    try {
      KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
      store.load(null, null);
      int index = 0;
      if (caTrust == null || caTrust.includesSystemTrust()) {
        for (X509Certificate root : systemTrustManager().getAcceptedIssuers()) {
          store.setCertificateEntry("system-" + index++, root);
        }
      }
      if (caTrust != null) {
        for (X509Certificate certificate : caTrust.certificates()) {
          store.setCertificateEntry("bundle-" + index++, certificate);
        }
      }
      TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      factory.init(store);
      return new TrustMaterial(caTrust, x509(factory.getTrustManagers()));
    } catch (GeneralSecurityException | IOException e) {
      throw new IllegalStateException("cannot build the trust store", e);
    }
  }

  private static X509TrustManager systemTrustManager() throws GeneralSecurityException {
    TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    factory.init((KeyStore) null);
    return x509(factory.getTrustManagers());
  }

  private static X509TrustManager x509(TrustManager[] managers) {
    for (TrustManager manager : managers) {
      if (manager instanceof X509TrustManager) {
        return (X509TrustManager) manager;
      }
    }
    throw new IllegalStateException("no X509TrustManager in this JVM");
  }

  public X509TrustManager trustManager() {
    return trustManager;
  }

  public SSLSocketFactory socketFactory() {
    return socketFactory;
  }

  /** The certificates of the private bundle; empty when only the JVM's CAs are trusted. */
  public List<X509Certificate> privateCas() {
    return caTrust == null ? List.of() : caTrust.certificates();
  }
}
