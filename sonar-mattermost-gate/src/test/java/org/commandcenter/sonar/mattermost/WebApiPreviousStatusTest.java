package org.commandcenter.sonar.mattermost;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.slf4j.event.Level;
import org.sonar.api.testfixtures.log.LogTesterJUnit5;

class WebApiPreviousStatusTest {

  @RegisterExtension
  final LogTesterJUnit5 logTester = new LogTesterJUnit5();

  private final MockWebServer server = new MockWebServer();
  private final OkHttpClient http = new OkHttpClient();
  private WebApiPreviousStatus source;

  @BeforeEach
  void start() throws Exception {
    server.start(InetAddress.getByName("127.0.0.1"), 0);
    source = new WebApiPreviousStatus(http, server.url("/sonar/"), "squ_token");
    // One request before the test, so loading OkHttp's classes and connecting do not eat into a deadline.
    server.enqueue(new MockResponse.Builder().code(204).build());
    try (okhttp3.Response warmUp = http.newCall(new okhttp3.Request.Builder().url(server.url("/warm-up")).build())
        .execute()) {
      assertThat(warmUp.code()).isEqualTo(204);
    }
    assertThat(server.takeRequest(5, TimeUnit.SECONDS).getUrl().encodedPath()).isEqualTo("/warm-up");
  }

  @AfterEach
  void stop() {
    server.close();
    http.dispatcher().executorService().shutdown();
  }

  @Test
  void readsTheGateStatusOfTheAnalysisBeforeTheCurrentOne() throws Exception {
    server.enqueue(json("{\"analyses\":[{\"key\":\"" + Analyses.ANALYSIS_UUID
        + "\",\"date\":\"2026-11-29T10:15:30+0000\"},{\"key\":\"prev\",\"date\":\"2026-11-28T08:00:00+0100\"}]}"));
    server.enqueue(json("{\"projectStatus\":{\"status\":\"ERROR\"}}"));

    assertThat(source.previousStatus(analysis(), soon())).isEqualTo(PreviousStatus.ERROR);

    RecordedRequest search = server.takeRequest(5, TimeUnit.SECONDS);
    assertThat(search.getUrl().encodedPath()).isEqualTo("/sonar/api/project_analyses/search");
    assertThat(search.getUrl().queryParameter("branch")).isNull();
    assertThat(server.takeRequest(5, TimeUnit.SECONDS).getUrl().toString())
        .endsWith("/sonar/api/qualitygates/project_status?analysisId=prev");
  }

  @Test
  void skipsAnalysesNewerThanTheCurrentOneAndAsksForTheRightBranchOrPullRequest() throws Exception {
    server.enqueue(json("{\"analyses\":[{\"key\":\"newer\",\"date\":\"2026-11-29T11:00:00+0000\"},"
        + "{\"key\":\"prev\",\"date\":\"2026-11-28T08:00:00+0000\"}]}"));
    server.enqueue(json("{\"projectStatus\":{\"status\":\"OK\"}}"));

    AnalysisRef onPullRequest = AnalysisRef.of(Analyses.tester(Analyses.noop(), Analyses.failingGate())
        .withBranch(Analyses.pullRequest("42")).execute());
    assertThat(source.previousStatus(onPullRequest, soon())).isEqualTo(PreviousStatus.OK);

    assertThat(server.takeRequest(5, TimeUnit.SECONDS).getUrl().queryParameter("pullRequest")).isEqualTo("42");
    assertThat(server.takeRequest(5, TimeUnit.SECONDS).getUrl().queryParameter("analysisId")).isEqualTo("prev");
  }

  @Test
  void findsNoPreviousStatusOnAFirstAnalysis() {
    server.enqueue(json("{\"analyses\":[{\"key\":\"" + Analyses.ANALYSIS_UUID + "\"}]}"));

    assertThat(source.previousStatus(analysis(), soon())).isEqualTo(PreviousStatus.NONE);
  }

  @Test
  void isUnknownWhenTheServerIsSlowerThanTheDeadline() {
    server.enqueue(json("{\"analyses\":[]}").newBuilder().headersDelay(3, TimeUnit.SECONDS).build());

    AnalysisRef analysis = analysis();
    long started = System.nanoTime();
    PreviousStatus status = source.previousStatus(analysis, Instant.now().plusMillis(300));

    assertThat(status).isEqualTo(PreviousStatus.UNKNOWN);
    assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(1));
  }

  @Test
  void isUnknownWhenTheTokenIsRefused() {
    server.enqueue(new MockResponse.Builder().code(401).build());

    assertThat(source.previousStatus(analysis(), soon())).isEqualTo(PreviousStatus.UNKNOWN);
  }

  @Test
  void warnsWithoutTheCredentialsOfTheWebApiUrl() {
    server.enqueue(new MockResponse.Builder().code(403).build());
    HttpUrl withCredentials = server.url("/sonar/").newBuilder().username("ci").password("pa55word").build();

    PreviousStatus status = new WebApiPreviousStatus(http, withCredentials, "squ_token")
        .previousStatus(analysis(), soon());

    assertThat(status).isEqualTo(PreviousStatus.UNKNOWN);
    assertThat(logTester.logs(Level.WARN)).singleElement().asString()
        .contains("HTTP 403").contains("Browse permission").doesNotContain("pa55word").doesNotContain("squ_token");
  }

  @Test
  void findsTheSameFromWhatAnAlertKeepsInTheOutbox() throws Exception {
    AnalysisRef onBranch = AnalysisRef.of(Analyses.tester(Analyses.noop(), Analyses.failingGate())
        .withBranch(Analyses.branch("release/2.1")).execute());
    java.util.Map<String, String> attributes = new java.util.LinkedHashMap<>();
    onBranch.writeTo((name, value) -> {
      if (value != null) {
        attributes.put(name, value);
      }
    });

    assertThat(AnalysisRef.from(attributes)).isEqualTo(onBranch);
    assertThat(onBranch.branchParameter()).isEqualTo("branch");
    assertThat(onBranch.analysisKey()).isEqualTo(Analyses.ANALYSIS_UUID);
    assertThat(onBranch.analysisDate()).isEqualTo(Analyses.DATE);
    assertThat(AnalysisRef.from(java.util.Map.of("sonar.project", "shop")))
        .isEqualTo(new AnalysisRef("shop", null, null, null, null));
  }

  private static AnalysisRef analysis() {
    return AnalysisRef.of(Analyses.tester(Analyses.noop(), Analyses.failingGate()).execute());
  }

  private static Instant soon() {
    return Instant.now().plusSeconds(2);
  }

  private static MockResponse json(String body) {
    return new MockResponse.Builder().code(200).addHeader("Content-Type", "application/json").body(body).build();
  }
}
