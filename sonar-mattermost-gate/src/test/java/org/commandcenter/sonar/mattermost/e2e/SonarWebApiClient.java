package org.commandcenter.sonar.mattermost.e2e;

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

/** The administrator's side of the end-to-end test: SonarQube's Web API, as an admin would script it. */
final class SonarWebApiClient {

  private final OkHttpClient http = new OkHttpClient.Builder()
      .connectTimeout(Duration.ofSeconds(5))
      .readTimeout(Duration.ofSeconds(60))
      .build();
  private final HttpUrl base;
  private String authorization;

  SonarWebApiClient(String baseUrl, String login, String password) {
    this.base = HttpUrl.get(baseUrl);
    this.authorization = Credentials.basic(login, password);
  }

  void login(String login, String password) {
    this.authorization = Credentials.basic(login, password);
  }

  /** "STARTING", "UP", … or "DOWN" when it does not answer yet. */
  String status() {
    try {
      return get("api/system/status", Map.of()).get("status").getAsString();
    } catch (IOException | RuntimeException e) {
      return "DOWN";
    }
  }

  JsonObject get(String path, Map<String, String> query) throws IOException {
    HttpUrl.Builder url = base.newBuilder().addPathSegments(path);
    query.forEach(url::addQueryParameter);
    Request request = new Request.Builder().url(url.build()).header("Authorization", authorization).build();
    return execute(request, path);
  }

  JsonObject post(String path, Map<String, String> form) throws IOException {
    FormBody.Builder body = new FormBody.Builder();
    form.forEach(body::add);
    Request request = new Request.Builder().url(base.newBuilder().addPathSegments(path).build())
        .header("Authorization", authorization).post(body.build()).build();
    return execute(request, path);
  }

  /** api/settings/set with several values of a multi-value setting. */
  void setValues(String key, String... values) throws IOException {
    FormBody.Builder body = new FormBody.Builder().add("key", key);
    for (String value : values) {
      body.add("values", value);
    }
    Request request = new Request.Builder().url(base.newBuilder().addPathSegments("api/settings/set").build())
        .header("Authorization", authorization).post(body.build()).build();
    execute(request, "api/settings/set");
  }

  private JsonObject execute(Request request, String path) throws IOException {
    try (Response response = http.newCall(request).execute()) {
      String body = response.body().string();
      if (!response.isSuccessful()) {
        throw new IOException(path + " answered HTTP " + response.code() + ": " + body);
      }
      return body.isBlank() ? new JsonObject() : JsonParser.parseString(body).getAsJsonObject();
    }
  }
}
