package org.commandcenter.sonar.mattermost;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import okhttp3.Credentials;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.ResponseBody;
import org.sonar.api.config.Configuration;
import org.sonar.api.utils.log.Logger;
import org.sonar.api.utils.log.Loggers;

/**
 * Reads the previous gate status from this server's Web API: {@code api/project_analyses/search} lists the
 * analyses of the branch or pull request (newest first; needs Browse on the project), and
 * {@code api/qualitygates/project_status?analysisId=} gives the gate status of the one before the current.
 */
public final class WebApiPreviousStatus {

  private static final Logger LOG = Loggers.get(WebApiPreviousStatus.class);
  /** Asked on a delivery thread, never the Compute Engine's: a cold web server may take a few seconds. */
  private static final Duration MAX_CALL = Duration.ofSeconds(5);
  private static final DateTimeFormatter SONAR_DATE = new DateTimeFormatterBuilder()
      .append(DateTimeFormatter.ISO_LOCAL_DATE_TIME)
      .appendPattern("[XXX][XX][X]")
      .toFormatter();

  private final OkHttpClient httpClient;
  private final HttpUrl baseUrl;
  private final String token;

  public WebApiPreviousStatus(OkHttpClient httpClient, HttpUrl baseUrl, String token) {
    this.httpClient = Objects.requireNonNull(httpClient, "httpClient == null");
    this.baseUrl = Objects.requireNonNull(baseUrl, "baseUrl == null");
    this.token = Objects.requireNonNull(token, "token == null");
  }

  /**
   * The Web API these settings name, or empty when they have no token or {@code webApiUrl} is not an http(s) URL.
   *
   * @param config what the settings come from (the web server's port and context, for the default URL)
   */
  static Optional<WebApiPreviousStatus> of(OkHttpClient httpClient, GateSettings settings, Configuration config) {
    if (settings.webApiToken().isEmpty()) {
      return Optional.empty();
    }
    HttpUrl baseUrl = HttpUrl.parse(ServerUrls.localWebApiUrl(settings, config));
    return baseUrl == null ? Optional.empty()
        : Optional.of(new WebApiPreviousStatus(httpClient, baseUrl, settings.webApiToken().get()));
  }

  /** Never throws: a failure is {@link PreviousStatus#UNKNOWN}, logged. Returns by {@code deadline}. */
  public PreviousStatus previousStatus(AnalysisRef analysis, Instant deadline) {
    try {
      Optional<String> previousAnalysis = previousAnalysisKey(analysis, deadline);
      if (previousAnalysis.isEmpty()) {
        return PreviousStatus.NONE;
      }
      HttpUrl url = baseUrl.newBuilder()
          .addPathSegments("api/qualitygates/project_status")
          .addQueryParameter("analysisId", previousAnalysis.get())
          .build();
      JsonObject projectStatus = get(url, deadline).getAsJsonObject("projectStatus");
      String status = projectStatus == null || !projectStatus.has("status")
          ? "NONE" : projectStatus.get("status").getAsString();
      switch (status) {
        case "OK":
          return PreviousStatus.OK;
        case "ERROR":
          return PreviousStatus.ERROR;
        case "NONE":
          return PreviousStatus.NONE;
        default:
          // "WARN" on servers older than 7.6 counted as passed.
          return PreviousStatus.OK;
      }
    } catch (IOException | RuntimeException e) {
      LOG.warn("Mattermost: cannot read the previous quality gate status of {} from the SonarQube Web API ({}): {}",
          analysis.projectKey(), ServerUrls.withoutCredentials(baseUrl), e.getMessage());
      return PreviousStatus.UNKNOWN;
    }
  }

  private Optional<String> previousAnalysisKey(AnalysisRef analysis, Instant deadline) throws IOException {
    HttpUrl.Builder url = baseUrl.newBuilder()
        .addPathSegments("api/project_analyses/search")
        .addQueryParameter("project", analysis.projectKey())
        .addQueryParameter("ps", "5");
    if (analysis.branchParameter() != null && analysis.branchName() != null) {
      url.addQueryParameter(analysis.branchParameter(), analysis.branchName());
    }
    String currentKey = analysis.analysisKey();
    Instant currentDate = analysis.analysisDate();
    JsonArray analyses = get(url.build(), deadline).getAsJsonArray("analyses");
    if (analyses == null) {
      throw new IOException("no 'analyses' in the answer of api/project_analyses/search");
    }
    for (JsonElement element : analyses) {
      JsonObject candidate = element.getAsJsonObject();
      String key = candidate.get("key").getAsString();
      if (key.equals(currentKey)) {
        continue;
      }
      Instant date = parseDate(candidate);
      // The current analysis may or may not be listed yet; anything newer than it is not "previous".
      if (currentDate != null && date != null && date.isAfter(currentDate)) {
        continue;
      }
      return Optional.of(key);
    }
    return Optional.empty();
  }

  private static Instant parseDate(JsonObject candidate) {
    JsonElement date = candidate.get("date");
    if (date == null || date.isJsonNull()) {
      return null;
    }
    try {
      return OffsetDateTime.parse(date.getAsString(), SONAR_DATE).toInstant();
    } catch (DateTimeParseException e) {
      return null;
    }
  }

  private JsonObject get(HttpUrl url, Instant deadline) throws IOException {
    long remainingMillis = Duration.between(Instant.now(), deadline).toMillis();
    if (remainingMillis <= 0) {
      throw new IOException("no time left");
    }
    long timeout = Math.min(remainingMillis, MAX_CALL.toMillis());
    Request request = new Request.Builder()
        .url(url)
        .header("Authorization", Credentials.basic(token, ""))
        .header("Accept", "application/json")
        .build();
    okhttp3.Call call = httpClient.newCall(request);
    call.timeout().timeout(timeout, TimeUnit.MILLISECONDS);
    try (Response response = call.execute()) {
      ResponseBody body = response.body();
      if (!response.isSuccessful()) {
        String hint = response.code() == 401 ? " (token invalid or expired)"
            : response.code() == 403 ? " (the token's user needs Browse permission on the project)" : "";
        throw new IOException("HTTP " + response.code() + " from " + url.encodedPath() + hint);
      }
      try {
        return JsonParser.parseString(body.string()).getAsJsonObject();
      } catch (JsonParseException | IllegalStateException e) {
        throw new IOException("unexpected answer from " + url.encodedPath(), e);
      }
    }
  }
}
