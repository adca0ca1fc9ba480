package org.commandcenter.realservers;

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

/** SonarQube's Web API, as an administrator scripts it (basic authentication). */
public final class SonarWebApi {
  /** What {@link #status()} says before SonarQube's web server answers. */
  public static final String NOT_ANSWERING = "NOT_ANSWERING";

  private static final OkHttpClient HTTP = new OkHttpClient.Builder()
      .connectTimeout(Duration.ofSeconds(5))
      .readTimeout(Duration.ofSeconds(60))
      .build();

  private final HttpUrl base;
  private final String authorization;

  public SonarWebApi(String baseUrl, String login, String password) {
    this.base = HttpUrl.get(baseUrl);
    this.authorization = Credentials.basic(login, password);
  }

  /** The same server as another user (e.g. admin after its password changed). */
  public SonarWebApi as(String login, String password) {
    return new SonarWebApi(base.toString(), login, password);
  }

  /** {@code STARTING}, {@code UP}, … as SonarQube reports it, or {@link #NOT_ANSWERING}. */
  public String status() {
    try {
      return get("api/system/status", Map.of()).get("status").getAsString();
    } catch (IOException | RuntimeException e) {
      return NOT_ANSWERING;
    }
  }

  public JsonObject get(String path, Map<String, String> query) throws IOException {
    HttpUrl.Builder url = base.newBuilder().addPathSegments(path);
    query.forEach(url::addQueryParameter);
    return execute(new Request.Builder().url(url.build()).header("Authorization", authorization).build(), path);
  }

  public JsonObject post(String path, Map<String, String> form) throws IOException {
    FormBody.Builder body = new FormBody.Builder();
    form.forEach(body::add);
    return post(path, body.build());
  }

  /** {@code api/settings/set} of a single-value setting. */
  public void setting(String key, String value) throws IOException {
    post("api/settings/set", Map.of("key", key, "value", value));
  }

  /** {@code api/settings/set} with several values of a multi-value setting. */
  public void settingValues(String key, String... values) throws IOException {
    FormBody.Builder body = new FormBody.Builder().add("key", key);
    for (String value : values) {
      body.add("values", value);
    }
    post("api/settings/set", body.build());
  }

  /**
   * Waits for a Compute Engine task (from the scanner's {@code report-task.txt}) to end; returns its final status,
   * {@code SUCCESS}, {@code FAILED} or {@code CANCELED}, or throws when it is still pending after {@code limit}.
   */
  public String awaitTask(String taskId, Duration limit) throws IOException, InterruptedException {
    long deadline = System.nanoTime() + limit.toNanos();
    while (true) {
      String status = get("api/ce/task", Map.of("id", taskId)).getAsJsonObject("task").get("status").getAsString();
      if (status.equals("SUCCESS") || status.equals("FAILED") || status.equals("CANCELED")) {
        return status;
      }
      if (System.nanoTime() > deadline) {
        throw new IOException("Compute Engine task " + taskId + " still " + status + " after " + limit.toSeconds() + " s");
      }
      Thread.sleep(1000);
    }
  }

  private JsonObject post(String path, FormBody body) throws IOException {
    return execute(new Request.Builder().url(base.newBuilder().addPathSegments(path).build())
        .header("Authorization", authorization).post(body).build(), path);
  }

  /** Errors name the endpoint and SonarQube's message, never the request's form (it may hold a token). */
  private static JsonObject execute(Request request, String path) throws IOException {
    try (Response response = HTTP.newCall(request).execute()) {
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
