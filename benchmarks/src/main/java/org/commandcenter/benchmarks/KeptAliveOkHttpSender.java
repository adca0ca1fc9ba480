package org.commandcenter.benchmarks;

import java.io.IOException;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okhttp3.tls.HandshakeCertificates;

/**
 * A reference, not a client: bare OkHttp with one client kept for all messages and nothing of ours
 * (no JSON model, retries, deadline or error mapping). Its rate is the most an OkHttp-based client
 * can reach here.
 */
final class KeptAliveOkHttpSender {
  private static final MediaType JSON = MediaType.get("application/json; charset=utf-8");

  private final OkHttpClient client;
  private final Request request;

  /** @param trust the client's trust for HTTPS, or null for plain HTTP */
  KeptAliveOkHttpSender(String siteUrl, String token, String json, HandshakeCertificates trust) {
    OkHttpClient.Builder builder = new OkHttpClient.Builder();
    if (trust != null) {
      builder.sslSocketFactory(trust.sslSocketFactory(), trust.trustManager());
    }
    client = builder.build();
    request = new Request.Builder()
        .url(siteUrl + "/api/v4/posts")
        .header("Authorization", "Bearer " + token)
        .post(RequestBody.create(json, JSON))
        .build();
  }

  int send() throws IOException {
    try (Response response = client.newCall(request).execute()) {
      response.body().string();
      return response.code();
    }
  }
}
