package org.commandcenter.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

/**
 * The whole main job, SonarQube included, as {@code ./command-center-local --exit} runs it: a real SonarQube
 * Community Build with our plugin analyses the failing and then the passing sample project. Profile e2e only
 * ({@code ./mvnw -B -Pe2e verify}): it takes a few minutes and about 2.5 GB of memory.
 */
class LocalCommandCenterE2E {

  @Test
  void postsTheFailedGateAndBackToGreenFromARealSonarQube() {
    StringWriter output = new StringWriter();
    int exit = LocalCommandCenter.execute(new String[] {"--exit", "--port", "0", "--pace", "0", "--ascii",
        "--repository", System.getProperty("repository.root", "..")}, new PrintWriter(output, true));
    String text = output.toString();
    System.out.println(text);

    assertThat(exit).as(text).isZero();
    assertThat(text).contains("SonarQube is UP after")
        .contains("quality gate FAILED")
        .contains("#alerts: \"Quality gate failed: Payments Service\" posted by the plugin as sonar-bot")
        .contains("quality gate passed")
        .contains("#alerts: \"Back to green: Payments Service\" posted by the plugin as sonar-bot")
        .contains("Stopping SonarQube");
  }
}
