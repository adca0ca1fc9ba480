package org.commandcenter.local.sonar;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import okhttp3.Credentials;
import okhttp3.FormBody;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;

/** SonarQube's Web API, as an administrator scripts it (basic authentication as admin). */
final class SonarWebApi {
  private final OkHttpClient http = new OkHttpClient.Builder()
      .connectTimeout(Duration.ofSeconds(5))
      .readTimeout(Duration.ofSeconds(60))
      .build();
  private final HttpUrl base;
  private final String authorization;

  SonarWebApi(String baseUrl, String login, String password) {
    this.base = HttpUrl.get(baseUrl);
    this.authorization = Credentials.basic(login, password);
  }

  SonarWebApi as(String login, String password) {
    return new SonarWebApi(base.toString(), login, password);
  }

  /** {@code STARTING}, {@code UP}, … as SonarQube reports it, or {@code NOT_ANSWERING} before its web server listens. */
  String status() {
    try {
      return get("api/system/status", Map.of()).get("status").getAsString();
    } catch (IOException | RuntimeException e) {
      return "NOT_ANSWERING";
    }
  }

  JsonObject get(String path, Map<String, String> query) throws IOException {
    HttpUrl.Builder url = base.newBuilder().addPathSegments(path);
    query.forEach(url::addQueryParameter);
    return execute(new Request.Builder().url(url.build()).header("Authorization", authorization).build(), path);
  }

  JsonObject post(String path, Map<String, String> form) throws IOException {
    FormBody.Builder body = new FormBody.Builder();
    form.forEach(body::add);
    return execute(new Request.Builder().url(base.newBuilder().addPathSegments(path).build())
        .header("Authorization", authorization).post(body.build()).build(), path);
  }

  void setting(String key, String value) throws IOException {
    post("api/settings/set", Map.of("key", key, "value", value));
  }

  /** Errors name the endpoint and SonarQube's message, never the request's form (it may hold a token). */
  private JsonObject execute(Request request, String path) throws IOException {
    try (Response response = http.newCall(request).execute()) {
      String body = response.body().string();
      if (!response.isSuccessful()) {
        throw new IOException(path + " answered HTTP " + response.code() + ": " + errors(body));
      }
      return body.isBlank() ? new JsonObject() : JsonParser.parseString(body).getAsJsonObject();
    }
  }

  private static String errors(String body) {
    try {
      return JsonParser.parseString(body).getAsJsonObject().get("errors").toString();
    } catch (RuntimeException e) {
      return body.length() > 200 ? body.substring(0, 200) : body;
    }
  }
}
