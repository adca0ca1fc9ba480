package org.commandcenter.cli.connection;

import static java.util.Objects.requireNonNull;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.ResponseBody;
import org.commandcenter.mattermost.ProxySettings;
import org.commandcenter.mattermost.tls.CaTrust;

/**
 * The few GETs that diagnostics need and the shared client does not offer (team by name, the Calls
 * plugin's config and channel state, the ping), with the same trust and proxy as the client.
 * Answers are returned, not thrown, so callers can explain each status.
 */
public final class RawApi {
  private static final int MAX_BODY = 64 * 1024;

  private final OkHttpClient http;
  private final HttpUrl site;
  private final String token;

  public RawApi(OkHttpClient http, HttpUrl site, String token) {
    this.http = requireNonNull(http, "http == null");
    this.site = requireNonNull(site, "site == null");
    this.token = token;
  }

  /** A client for diagnostic requests to {@code site}: the given trust and, unless bypassed, the proxy. */
  public static OkHttpClient httpClient(CaTrust trust, ProxySettings proxy, HttpUrl site, Duration connectTimeout,
      Duration readTimeout) {
    OkHttpClient.Builder builder = new OkHttpClient.Builder()
        .connectTimeout(connectTimeout)
        .readTimeout(readTimeout)
        .callTimeout(connectTimeout.plus(readTimeout).plus(readTimeout))
        .retryOnConnectionFailure(false)
        .followRedirects(false)
        .sslSocketFactory(trust.socketFactory(), trust.trustManager());
    return (proxy == null ? builder : proxy.applyTo(builder, site.host())).build();
  }

  /** GETs {@code path} (relative to the site URL, e.g. {@code api/v4/system/ping}). Throws only when no HTTP answer came back. */
  public Answer get(String path) throws IOException {
    HttpUrl url = requireNonNull(site.resolve(path), "path");
    Request.Builder request = new Request.Builder().url(url).header("Accept", "application/json")
        .header("X-Requested-With", "XMLHttpRequest");
    if (token != null) {
      request.header("Authorization", "Bearer " + token);
    }
    try (Response response = http.newCall(request.build()).execute()) {
      ResponseBody body = response.body();
      String text = body == null ? "" : new String(body.byteStream().readNBytes(MAX_BODY), StandardCharsets.UTF_8);
      return new Answer(response.code(), text, response.header("X-Request-Id"));
    }
  }

  /** One HTTP answer: the status and, when the body was JSON, its object. */
  public static final class Answer {
    private final int status;
    private final String body;
    private final JsonObject json;
    private final String requestId;

    Answer(int status, String body, String requestId) {
      this.status = status;
      this.body = body;
      this.json = parseObject(body);
      this.requestId = requestId;
    }

    private static JsonObject parseObject(String body) {
      try {
        JsonElement element = JsonParser.parseString(body);
        return element.isJsonObject() ? element.getAsJsonObject() : null;
      } catch (JsonParseException | IllegalStateException e) {
        return null;
      }
    }

    public int status() {
      return status;
    }

    public boolean isSuccessful() {
      return status >= 200 && status < 300;
    }

    /** The JSON object of the body, or null when the body was not a JSON object. */
    public JsonObject json() {
      return json;
    }

    public String body() {
      return body;
    }

    /** Mattermost's AppError id ({@code id}), or null. */
    public String errorId() {
      return string("id");
    }

    /** Mattermost's AppError or the Calls plugin's {@code message}, or null. */
    public String message() {
      String message = string("message");
      return message != null ? message : body.isBlank() || json != null ? null : body.trim();
    }

    public String requestId() {
      return requestId;
    }

    public String string(String member) {
      if (json == null || !json.has(member) || !json.get(member).isJsonPrimitive()) {
        return null;
      }
      return json.get(member).getAsString();
    }

    /** The boolean member, or null when absent or not a boolean. */
    public Boolean bool(String member) {
      if (json == null || !json.has(member) || !json.get(member).isJsonPrimitive()
          || !json.get(member).getAsJsonPrimitive().isBoolean()) {
        return null;
      }
      return json.get(member).getAsBoolean();
    }
  }
}
