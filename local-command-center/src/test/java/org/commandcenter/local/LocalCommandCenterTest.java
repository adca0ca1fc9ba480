package org.commandcenter.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.commandcenter.realservers.CoturnServer;
import org.junit.jupiter.api.Test;

/** The main job as a person runs it ({@code ./command-center-local --no-sonarqube}), exiting once all is posted. */
class LocalCommandCenterTest {

  @Test
  void runsTheBuildsAndDoctorAgainstRealCoturnThenStopsEverything() {
    assertThat(Files.isExecutable(CoturnServer.TURNSERVER))
        .as("coturn at %s (Debian: apt-get install -y coturn)", CoturnServer.TURNSERVER).isTrue();
    StringWriter output = new StringWriter();
    int exit = LocalCommandCenter.execute(new String[] {"--no-sonarqube", "--exit", "--port", "0", "--pace", "0",
        "--ascii", "--repository", System.getProperty("repository.root", "..")}, new PrintWriter(output, true));
    String text = output.toString();

    assertThat(exit).as(text).isZero();
    assertThat(text).contains("Jenkins itself is NOT running")
        .contains("[Mattermost] Failure notification sent to channel builds")
        .contains("[Mattermost] Still failing notification sent to channel builds")
        .contains("[Mattermost] Back to normal notification sent to channel builds")
        .containsPattern("\\[ok\\] Token valid \\(users/me\\) +authenticated as @jenkins-bot")
        // The stand-in answers every check doctor makes: the team, and Calls' TURN settings pointing at this coturn.
        .containsPattern("\\[ok\\] Team factory resolves +Software Factory")
        .containsPattern("\\[ok\\] Calls hands out TURN credentials +TURNStaticAuthSecret is set")
        .contains("0 failed, 0 skipped", "doctor: all checks passed")
        .containsPattern("TURN over UDP \\(turn:127\\.0\\.0\\.1:\\d+\\?transport=udp\\) +allocated relay 127\\.0\\.0\\.1:\\d+; echo via")
        .containsPattern("TURN over TLS \\(turns:127\\.0\\.0\\.1:\\d+\\?transport=tcp\\) +allocated relay")
        .containsPattern("Open the inbox: http://127\\.0\\.0\\.1:\\d+/")
        // ChatOps: the endpoint the buttons point at, and /jenkins created in the stand-in.
        .containsPattern("Actions URL Mattermost must reach: http://127\\.0\\.0\\.1:\\d+/mattermost/actions")
        .containsPattern("Slash command /jenkins created in team factory -> http://127\\.0\\.0\\.1:\\d+/mattermost/command")
        .contains("Stopping coturn", "Stopping Mattermost stand-in", "Stopping ChatOps endpoint");
    // The generated TURN secret is never printed; only where it is.
    assertThat(text).doesNotContainPattern("static-auth-secret=[0-9a-f]{64}");

    Matcher pid = Pattern.compile("\\(TLS, self-signed certificate\\) - PID (\\d+)").matcher(text);
    assertThat(pid.find()).as(text).isTrue();
    Optional<ProcessHandle> coturn = ProcessHandle.of(Long.parseLong(pid.group(1)));
    assertThat(coturn.map(ProcessHandle::isAlive).orElse(false)).as("coturn stopped by PID").isFalse();
  }
}
