package org.commandcenter.benchmarks;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;

/**
 * The baseline: a sender that builds a new HTTP client (and, for HTTPS, a new trust configuration) for every
 * message, as the existing Jenkins mattermost plugin does, then throws it away.
 */
final class ClientPerMessageSender {
  private static final MediaType JSON = MediaType.get("application/json; charset=utf-8");

  private final String siteUrl;
  private final String token;
  private final String caPem;

  ClientPerMessageSender(String siteUrl, String token, String caPem) {
    this.siteUrl = siteUrl;
    this.token = token;
    this.caPem = caPem;
  }

  int send(String json) throws IOException, GeneralSecurityException {
    OkHttpClient.Builder builder = new OkHttpClient.Builder();
    if (caPem != null) {
      X509TrustManager trustManager = trustManagerFor(caPem);
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(null, new javax.net.ssl.TrustManager[] {trustManager}, null);
      builder.sslSocketFactory(context.getSocketFactory(), trustManager);
    }
    OkHttpClient client = builder.build();
    try {
      Request request = new Request.Builder()
          .url(siteUrl + "/api/v4/posts")
          .header("Authorization", "Bearer " + token)
          .post(RequestBody.create(json, JSON))
          .build();
      try (Response response = client.newCall(request).execute()) {
        response.body().string();
        return response.code();
      }
    } finally {
      client.dispatcher().executorService().shutdown();
      client.connectionPool().evictAll();
    }
  }

  private static X509TrustManager trustManagerFor(String pem) throws IOException, GeneralSecurityException {
    KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
    store.load(null, null);
    CertificateFactory factory = CertificateFactory.getInstance("X.509");
    int i = 0;
    for (Certificate certificate : factory.generateCertificates(
        new ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII)))) {
      store.setCertificateEntry("ca-" + i++, certificate);
    }
    TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    tmf.init(store);
    return (X509TrustManager) tmf.getTrustManagers()[0];
  }
}
