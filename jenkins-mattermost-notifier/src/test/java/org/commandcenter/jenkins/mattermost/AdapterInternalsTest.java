package org.commandcenter.jenkins.mattermost;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class AdapterInternalsTest {
  @Test
  void branchComesFromMultibranchOrGit() {
    assertThat(BuildFactsMapper.branch(Map.of("BRANCH_NAME", "feature/x", "GIT_BRANCH", "origin/main")))
        .isEqualTo("feature/x");
    assertThat(BuildFactsMapper.branch(Map.of("GIT_BRANCH", "origin/main"))).isEqualTo("main");
    assertThat(BuildFactsMapper.branch(Map.of("GIT_BRANCH", "refs/remotes/upstream/release/1.x")))
        .isEqualTo("release/1.x");
    assertThat(BuildFactsMapper.branch(Map.of())).isNull();
  }

  @Test
  void groovyValuesBecomePlainJava() {
    Map<String, Object> nested = new LinkedHashMap<>();
    nested.put("title", new StringBuilder("Release"));
    nested.put("fields", List.of(Map.of("short", true, "value", new StringBuilder("prod"))));
    nested.put("count", 3);

    Map<String, Object> out = GroovyValues.map(nested);

    assertThat(out.get("title")).isEqualTo("Release");
    assertThat(out.get("count")).isEqualTo(3);
    assertThat(out.get("fields")).isEqualTo(List.of(Map.of("short", true, "value", "prod")));
    assertThatThrownBy(() -> GroovyValues.map(Map.of("x", new Object())))
        .hasMessageStartingWith("attachments/props:");
  }

  @Test
  void redactionMasksTheSecretAndWebhookKeys() {
    assertThat(Redaction.redact("token abcd-1234 at https://h/hooks/abcdefghijklmnopqrstuvwxyz", "abcd-1234"))
        .isEqualTo("token **** at https://h/hooks/****");
    assertThat(Redaction.redact(null, "x")).isEmpty();
  }

  @Test
  void iconIsTheBundledOneServedByJenkinsUnlessConfigured() {
    assertThat(Icons.bundledIconUrl("https://jenkins.example.test"))
        .isEqualTo("https://jenkins.example.test/mattermost-notifier-icon/");
    assertThat(Icons.bundledIconUrl(null)).isNull();
  }

  /** The junit plugin is optional: only the guarded reader may mention its classes, so the plugin loads without it. */
  @Test
  void onlyTheGuardedReaderTouchesJunitClasses() throws IOException {
    List<String> offenders = new ArrayList<>();
    Path classes = Path.of("target/classes");
    try (Stream<Path> files = Files.walk(classes)) {
      for (Path file : (Iterable<Path>) files.filter(p -> p.toString().endsWith(".class"))::iterator) {
        String bytes = new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
        if (bytes.contains("hudson/tasks/test/") && !file.getFileName().toString().startsWith("JUnitTestSummaries")) {
          offenders.add(classes.relativize(file).toString());
        }
      }
    }
    assertThat(offenders).isEmpty();
  }

  @Test
  void connectionSettingsRejectNonPositiveDurations() {
    assertThatThrownBy(() -> ConnectionSettings.builder().deadline(java.time.Duration.ZERO).build())
        .hasMessage("deadline: must be positive");
    assertThat(ConnectionSettings.builder().siteUrl(" https://chat.example.test// ").build().siteUrl())
        .isEqualTo("https://chat.example.test");
  }

  @Test
  void messagesAreFormattedWithTheirArguments() {
    assertThat(Messages.get("check.range", "Log lines", 0, 1000))
        .isEqualTo("Log lines: must be a whole number from 0 to 1000.");
    try (InputStream in = getClass().getResourceAsStream("/org/commandcenter/jenkins/mattermost/Messages.properties")) {
      assertThat(in).isNotNull();
    } catch (IOException e) {
      throw new AssertionError(e);
    }
  }
}
