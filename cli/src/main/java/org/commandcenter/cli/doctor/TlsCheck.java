package org.commandcenter.cli.doctor;

import java.io.IOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.security.cert.Certificate;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicReference;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;
import okhttp3.Handshake;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import org.commandcenter.cli.connection.RawApi;
import org.commandcenter.mattermost.ProxySettings;
import org.commandcenter.mattermost.tls.CaTrust;

/**
 * Reaches {@code /api/v4/system/ping} the way the client will, and when TLS fails looks at the chain the
 * server actually sent to say which of the usual problems it is: an untrusted chain (PKIX), a name
 * the certificate does not cover, or an expired (or not yet valid) certificate.
 */
final class TlsCheck {
  static final String ID = "mattermost:tls";
  private static final String TITLE = "Mattermost reachable over TLS";
  private static final Duration EXPIRY_WARNING = Duration.ofDays(14);
  /** The diagnostic requests after a failure only need a handshake or a status line: they wait less. */
  private static final Duration DIAGNOSTIC_TIMEOUT = Duration.ofSeconds(5);
  private static final DateTimeFormatter DAY = DateTimeFormatter.ISO_LOCAL_DATE.withZone(ZoneOffset.UTC);

  private final CaTrust trust;
  private final ProxySettings proxy;
  private final Duration connectTimeout;
  private final Duration readTimeout;
  private final Clock clock;
  private final boolean privateCaGiven;

  TlsCheck(CaTrust trust, boolean privateCaGiven, ProxySettings proxy, Duration connectTimeout,
      Duration readTimeout, Clock clock) {
    this.trust = trust;
    this.privateCaGiven = privateCaGiven;
    this.proxy = proxy;
    this.connectTimeout = connectTimeout;
    this.readTimeout = readTimeout;
    this.clock = clock;
  }

  CheckResult run(String siteUrl) {
    HttpUrl site = HttpUrl.get(siteUrl);
    String host = site.host();
    String where = host + ":" + site.port();
    OkHttpClient http = RawApi.httpClient(trust, proxy, site, connectTimeout, readTimeout);
    Request ping = new Request.Builder().url(siteUrl + "/api/v4/system/ping").build();
    try (Response response = http.newCall(ping).execute()) {
      if (response.code() != 200) {
        return CheckResult.fail(ID, TITLE, "connected, but " + siteUrl + "/api/v4/system/ping answered HTTP "
                + response.code(),
            response.code() >= 500
                ? "the proxy reached no healthy Mattermost: check that Mattermost runs and nginx's upstream points at it"
                : "check that --url is the Mattermost site root (no path such as /login)");
      }
      if (!site.isHttps()) {
        return CheckResult.warn(ID, TITLE, "reached over plain http:// — tokens and messages cross the network unencrypted",
            "serve Mattermost over https:// (e.g. nginx terminating TLS with the site's CA) and use that URL");
      }
      return passed(response.handshake());
    } catch (SSLPeerUnverifiedException e) {
      X509Certificate leaf = leafOf(presentedChain(siteUrl));
      List<String> names = leaf == null ? List.of() : subjectAltNames(leaf);
      return CheckResult.fail(ID, TITLE,
          "certificate name mismatch: the certificate names " + (names.isEmpty() ? "no subjectAltName" : String.join(", ", names))
              + ", not " + host,
          "use a URL whose host the certificate names, or reissue the certificate with subjectAltName "
              + (isIpAddress(host) ? "IP:" : "DNS:") + host + " (the CN alone is ignored)");
    } catch (SSLException e) {
      return classifyHandshakeFailure(siteUrl, e);
    } catch (UnknownHostException e) {
      return CheckResult.fail(ID, TITLE, "host " + host + " does not resolve",
          "check --url and DNS" + (proxy != null ? ", or NO_PROXY/HTTPS_PROXY" : ""));
    } catch (ConnectException | NoRouteToHostException e) {
      return CheckResult.fail(ID, TITLE, "connection refused at " + where,
          "check --url (host and port), that nginx/Mattermost are running, and that the firewall lets " + where + " through");
    } catch (SocketTimeoutException e) {
      // A plain HTTP server may sit waiting for a request line instead of answering the ClientHello.
      if (site.isHttps() && speaksPlainHttp(siteUrl)) {
        return CheckResult.fail(ID, TITLE, "the port speaks plain HTTP, not TLS",
            "use the HTTPS port in --url, or http:// if this really is an unencrypted endpoint");
      }
      return CheckResult.fail(ID, TITLE, "no answer from " + where + " within " + connectTimeout.plus(readTimeout).toSeconds() + " s",
          "a firewall probably drops the traffic; open " + where + " from here, or raise --connect-timeout/--read-timeout");
    } catch (IOException e) {
      return CheckResult.fail(ID, TITLE, "cannot reach " + where + ": " + e.getClass().getSimpleName()
              + (e.getMessage() == null ? "" : " (" + e.getMessage() + ")"),
          "check --url, the network path and HTTPS_PROXY/NO_PROXY");
    }
  }

  private CheckResult passed(Handshake handshake) {
    if (handshake == null) {
      return CheckResult.pass(ID, TITLE, "reached /api/v4/system/ping");
    }
    X509Certificate leaf = null;
    for (Certificate certificate : handshake.peerCertificates()) {
      if (certificate instanceof X509Certificate) {
        leaf = (X509Certificate) certificate;
        break;
      }
    }
    String protocol = handshake.tlsVersion().javaName();
    if (leaf == null) {
      return CheckResult.pass(ID, TITLE, protocol + ", /api/v4/system/ping OK");
    }
    Instant notAfter = leaf.getNotAfter().toInstant();
    String detail = protocol + ", certificate " + commonName(leaf) + " issued by " + commonName(leaf.getIssuerX500Principal().getName())
        + ", chain trusted, name matches, valid until " + DAY.format(notAfter);
    Duration left = Duration.between(clock.instant(), notAfter);
    if (left.compareTo(EXPIRY_WARNING) < 0) {
      return CheckResult.warn(ID, TITLE, detail + " — expires in " + Math.max(0, left.toDays()) + " days",
          "renew the certificate before " + DAY.format(notAfter) + " and reload nginx");
    }
    return CheckResult.pass(ID, TITLE, detail);
  }

  private CheckResult classifyHandshakeFailure(String siteUrl, SSLException failure) {
    String message = String.valueOf(failure.getMessage()).toLowerCase(Locale.ROOT);
    if (message.contains("unrecognized ssl message") || message.contains("plaintext connection")) {
      return CheckResult.fail(ID, TITLE, "the port speaks plain HTTP, not TLS",
          "use the HTTPS port in --url, or http:// if this really is an unencrypted endpoint");
    }
    List<X509Certificate> chain = presentedChain(siteUrl);
    X509Certificate leaf = leafOf(chain);
    if (leaf == null && speaksPlainHttp(siteUrl)) {
      return CheckResult.fail(ID, TITLE, "the port speaks plain HTTP, not TLS",
          "use the HTTPS port in --url, or http:// if this really is an unencrypted endpoint");
    }
    if (leaf == null) {
      return CheckResult.fail(ID, TITLE, "TLS handshake failed: " + failure.getMessage(),
          "check that --url points at the TLS endpoint (nginx) and that it allows TLS 1.2 or 1.3");
    }
    Instant now = clock.instant();
    for (X509Certificate certificate : chain) {
      String which = certificate == leaf ? "the server certificate " : "the intermediate certificate ";
      if (now.isAfter(certificate.getNotAfter().toInstant())) {
        return CheckResult.fail(ID, TITLE, "certificate expired: " + which + commonName(certificate)
                + " expired on " + DAY.format(certificate.getNotAfter().toInstant()),
            "renew " + which + "(issue a new one from the site CA), install it in nginx and reload");
      }
      if (now.isBefore(certificate.getNotBefore().toInstant())) {
        return CheckResult.fail(ID, TITLE, "certificate not yet valid: " + which + commonName(certificate)
                + " is valid from " + DAY.format(certificate.getNotBefore().toInstant()),
            "check this machine's clock (NTP), or wait until the certificate's start date");
      }
    }
    String issuer = commonName(leaf.getIssuerX500Principal().getName());
    List<String> trusted = new ArrayList<>();
    for (X509Certificate ca : trust.certificates()) {
      trusted.add(commonName(ca));
    }
    boolean selfSigned = leaf.getIssuerX500Principal().equals(leaf.getSubjectX500Principal());
    String detail = "certificate chain not trusted (PKIX path building failed): " + commonName(leaf)
        + (selfSigned ? " is self-signed" : " was issued by " + issuer)
        + (privateCaGiven ? ", which is not the CA in --ca-file (" + String.join(", ", trusted) + ")"
            : ", which is not among the JVM's trusted CAs");
    String fix = privateCaGiven
        ? "pass the CA that issued the server certificate with --ca-file, or if it is an intermediate CA "
            + "make nginx send the full chain (ssl_certificate = server certificate followed by the intermediates)"
        : "pass the site's private CA certificate (PEM) with --ca-file, or set MATTERMOST_CA_FILE";
    return CheckResult.fail(ID, TITLE, detail, fix);
  }

  /**
   * The chain the server presents, fetched with a handshake that trusts anything and sends nothing
   * but a ping without credentials, for diagnosis only. Empty when not even that works.
   */
  private List<X509Certificate> presentedChain(String siteUrl) {
    AtomicReference<List<X509Certificate>> captured = new AtomicReference<>(List.of());
    X509TrustManager recorder = new X509TrustManager() {
      @Override
      public void checkClientTrusted(X509Certificate[] chain, String authType) {
        throw new UnsupportedOperationException("server side only");
      }

      @Override
      public void checkServerTrusted(X509Certificate[] chain, String authType) {
        captured.set(List.of(chain));
      }

      @Override
      public X509Certificate[] getAcceptedIssuers() {
        return new X509Certificate[0];
      }
    };
    try {
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(null, new TrustManager[] {recorder}, null);
      OkHttpClient.Builder builder = new OkHttpClient.Builder()
          .connectTimeout(shorter(connectTimeout))
          .readTimeout(shorter(readTimeout))
          .followRedirects(false)
          .sslSocketFactory(context.getSocketFactory(), recorder)
          .hostnameVerifier((hostname, session) -> true);
      OkHttpClient diagnostic = routed(builder, HttpUrl.get(siteUrl)).build();
      diagnostic.newCall(new Request.Builder().url(siteUrl + "/api/v4/system/ping").build()).execute().close();
      return captured.get();
    } catch (IOException | java.security.GeneralSecurityException e) {
      return captured.get();
    }
  }

  private OkHttpClient.Builder routed(OkHttpClient.Builder builder, HttpUrl site) {
    return proxy == null ? builder : proxy.applyTo(builder, site.host());
  }

  /** Whether the same host and port answer an unencrypted HTTP request (a TLS URL pointing at a plain port). */
  private boolean speaksPlainHttp(String siteUrl) {
    HttpUrl site = HttpUrl.get(siteUrl);
    String plain = site.newBuilder().scheme("http").encodedPath("/api/v4/system/ping").query(null).build().toString();
    OkHttpClient.Builder builder = new OkHttpClient.Builder().connectTimeout(shorter(connectTimeout))
        .readTimeout(shorter(readTimeout)).followRedirects(false).retryOnConnectionFailure(false);
    try {
      routed(builder, site).build().newCall(new Request.Builder().url(plain).build()).execute().close();
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  private static Duration shorter(Duration timeout) {
    return timeout.compareTo(DIAGNOSTIC_TIMEOUT) < 0 ? timeout : DIAGNOSTIC_TIMEOUT;
  }

  private static X509Certificate leafOf(List<X509Certificate> chain) {
    return chain.isEmpty() ? null : chain.get(0);
  }

  static List<String> subjectAltNames(X509Certificate certificate) {
    List<String> names = new ArrayList<>();
    try {
      Collection<List<?>> entries = certificate.getSubjectAlternativeNames();
      if (entries != null) {
        for (List<?> entry : entries) {
          int type = (Integer) entry.get(0);
          if (type == 2) {
            names.add("DNS:" + entry.get(1));
          } else if (type == 7) {
            names.add("IP:" + entry.get(1));
          }
        }
      }
    } catch (CertificateParsingException e) {
      names.add("(unreadable subjectAltName)");
    }
    return names;
  }

  private static String commonName(X509Certificate certificate) {
    return commonName(certificate.getSubjectX500Principal().getName());
  }

  /** {@code CN=chat.example,O=Factory} → {@code CN=chat.example}; the whole DN when there is no CN. */
  static String commonName(String distinguishedName) {
    for (String part : distinguishedName.split(",")) {
      if (part.trim().toUpperCase(Locale.ROOT).startsWith("CN=")) {
        return part.trim();
      }
    }
    return distinguishedName;
  }

  private static boolean isIpAddress(String host) {
    return host.matches("[0-9.]+") || host.contains(":");
  }
}
