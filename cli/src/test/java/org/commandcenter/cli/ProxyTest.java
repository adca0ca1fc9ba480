package org.commandcenter.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.commandcenter.cli.console.ExitCode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The standard proxy variables are honoured, with proxy credentials, and the password is never printed. */
class ProxyTest {
  private final MockWebServer proxy = new MockWebServer();

  @BeforeEach
  void start() throws Exception {
    proxy.start();
  }

  @AfterEach
  void stop() {
    proxy.close();
  }

  @Test
  void sendsThroughHttpProxyWithItsCredentials() throws Exception {
    proxy.enqueue(new MockResponse.Builder().code(407).addHeader("Proxy-Authenticate", "Basic realm=\"corp\"").build());
    proxy.enqueue(new MockResponse.Builder().code(200).body("ok").build());

    CliRun run = CliRun.run(Map.of(
            "MATTERMOST_WEBHOOK_URL", "http://chat.factory.test/hooks/abcdefabcdefabcdefabcdefab",
            "HTTP_PROXY", "http://ci:pr0xy-pa55@127.0.0.1:" + proxy.getPort()),
        "send", "via the proxy");

    assertThat(run.exitCode).as(run.toString()).isEqualTo(ExitCode.OK);
    RecordedRequest challenged = proxy.takeRequest();
    assertThat(challenged.getRequestLine()).startsWith("POST http://chat.factory.test/hooks/");
    RecordedRequest authenticated = proxy.takeRequest();
    assertThat(authenticated.getHeaders().get("Proxy-Authorization")).isEqualTo(okhttp3.Credentials.basic("ci", "pr0xy-pa55"));
    assertThat(authenticated.getBody().utf8()).contains("via the proxy");
    assertThat(run.all()).doesNotContain("pr0xy-pa55").doesNotContain("abcdefabcdef");
  }

  @Test
  void goesDirectForHostsInNoProxy() throws Exception {
    proxy.enqueue(new MockResponse.Builder().code(200).body("ok").build());

    CliRun run = CliRun.run(Map.of(
            "MATTERMOST_WEBHOOK_URL", "http://localhost:" + proxy.getPort() + "/hooks/abcdefabcdefabcdefabcdefab",
            "HTTP_PROXY", "http://127.0.0.1:9",
            "NO_PROXY", "example.test,localhost"),
        "send", "--max-attempts", "1", "direct");

    assertThat(run.exitCode).as(run.toString()).isEqualTo(ExitCode.OK);
    assertThat(proxy.takeRequest().getTarget()).isEqualTo("/hooks/abcdefabcdefabcdefabcdefab");
  }
}
