package org.commandcenter.sandbox;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.time.Duration;
import okhttp3.Headers;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;

/** Raw HTTP against the sandbox, without retries, so tests see exactly what went over the wire. */
final class Wire {
  static final MediaType JSON = MediaType.get("application/json");
  static final OkHttpClient CLIENT = new OkHttpClient.Builder()
      .retryOnConnectionFailure(false)
      .connectTimeout(Duration.ofSeconds(5))
      .readTimeout(Duration.ofSeconds(10))
      .build();

  /** A complete answer. */
  static final class Answer {
    final int status;
    final Headers headers;
    final String body;

    Answer(int status, Headers headers, String body) {
      this.status = status;
      this.headers = headers;
      this.body = body;
    }

    JsonObject json() {
      return JsonParser.parseString(body).getAsJsonObject();
    }

    String errorId() {
      return json().get("id").getAsString();
    }

    String header(String name) {
      return headers.get(name);
    }

    @Override
    public String toString() {
      return status + " " + body;
    }
  }

  private Wire() {
  }

  static Answer post(String url, String body) throws IOException {
    return send(new Request.Builder().url(url).post(RequestBody.create(body, JSON)).build());
  }

  static Answer post(String url, String body, String token) throws IOException {
    return send(new Request.Builder().url(url).header("Authorization", "Bearer " + token)
        .post(RequestBody.create(body, JSON)).build());
  }

  static Answer post(String url, byte[] body, MediaType type) throws IOException {
    return send(new Request.Builder().url(url).post(RequestBody.create(body, type)).build());
  }

  static Answer put(String url, String body, String token) throws IOException {
    return send(new Request.Builder().url(url).header("Authorization", "Bearer " + token)
        .put(RequestBody.create(body, JSON)).build());
  }

  static Answer get(String url) throws IOException {
    return send(new Request.Builder().url(url).get().build());
  }

  static Answer get(String url, String token) throws IOException {
    return send(new Request.Builder().url(url).header("Authorization", "Bearer " + token).get().build());
  }

  static Answer send(Request request) throws IOException {
    try (Response response = CLIENT.newCall(request).execute()) {
      return new Answer(response.code(), response.headers(), response.body().string());
    }
  }
}
