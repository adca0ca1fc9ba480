package org.commandcenter.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.commandcenter.sandbox.MattermostSandbox.JENKINS_BOT_TOKEN;
import static org.commandcenter.sandbox.MattermostSandbox.TEAM;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A host killed with {@code kill -9}: a child JVM runs the engine on a file outbox while Mattermost is down and
 * queues 100 alerts; Mattermost comes back but loses every answer, so the first alert of each channel is stored
 * without the child ever knowing (it keeps trying to read the channel back); the child is killed, Mattermost
 * restarts (forgetting its pending_post_ids). A new JVM on the same outbox reads the channels back and delivers the
 * rest: every alert exactly once, in order per channel, as
 * the stand-in stored them.
 */
class CrashRecoveryTest {
  private static final int ALERTS = 100;

  private MattermostSandbox mm;
  private final List<Process> children = new ArrayList<>();

  @TempDir
  Path dir;

  @BeforeEach
  void start() throws Exception {
    mm = MattermostSandbox.builder().withSampleData().build().start();
  }

  @AfterEach
  void stop() {
    children.forEach(Process::destroyForcibly);
    mm.close();
  }

  @Test
  void everyAlertArrivesExactlyOnceInOrderAfterAKillDash9() throws Exception {
    Path outbox = dir.resolve("outbox");
    mm.faults().down();
    Child first = child("queue", outbox, mm.channelId(TEAM, "builds"), mm.channelId(TEAM, "alerts"),
        Integer.toString(ALERTS));
    assertThat(first.awaitLine("QUEUED", Duration.ofSeconds(60))).isEqualTo("QUEUED " + ALERTS);

    // Back, but every answer is lost after the request was carried out: posts are stored, the child cannot know.
    mm.faults().loseResponseAfterStore(Integer.MAX_VALUE);
    mm.faults().up();
    awaitStored(2);
    first.process.destroyForcibly(); // SIGKILL: no shutdown hook, no close
    assertThat(first.process.waitFor(10, TimeUnit.SECONDS)).isTrue();
    int storedBeforeTheKill = mm.allPosts().size();
    mm.faults().clear();
    // Mattermost restarted meanwhile: it no longer knows the pending_post_ids, only reading back can tell.
    mm.restart();

    Child second = child("resume", outbox);
    assertThat(second.awaitLine("DONE", Duration.ofSeconds(90))).startsWith("DONE waiting=0");
    assertThat(second.process.waitFor(30, TimeUnit.SECONDS)).isTrue();
    assertThat(second.process.exitValue()).isZero();

    assertThat(storedBeforeTheKill).as("posts the killed process had stored").isEqualTo(2);
    List<String> builds = messages("builds");
    List<String> alerts = messages("alerts");
    assertThat(builds).as("builds").containsExactlyElementsOf(expected(0));
    assertThat(alerts).as("alerts").containsExactlyElementsOf(expected(1));
  }

  private List<String> messages(String channel) {
    return mm.posts(TEAM, channel).stream().map(ReceivedPost::message).collect(Collectors.toList());
  }

  private static List<String> expected(int parity) {
    List<String> texts = new ArrayList<>();
    for (int n = 1; n <= ALERTS; n++) {
      if (n % 2 == (parity == 0 ? 0 : 1)) {
        texts.add("Build #" + n + " failed");
      }
    }
    return texts;
  }

  private void awaitStored(int count) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (mm.allPosts().size() < count && System.nanoTime() < deadline) {
      Thread.sleep(5);
    }
    assertThat(mm.allPosts().size()).isGreaterThanOrEqualTo(count);
  }

  /** A JVM of its own running {@link OutboxChild}, its output kept under target/ for a failure's post-mortem. */
  private Child child(String mode, Path outbox, String... more) throws IOException {
    String java = Paths.get(System.getProperty("java.home"), "bin", "java").toString();
    List<String> command = new ArrayList<>(List.of(java, "-cp", System.getProperty("java.class.path"),
        OutboxChild.class.getName(), mode, outbox.toString(), mm.url(), JENKINS_BOT_TOKEN));
    command.addAll(List.of(more));
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    children.add(process);
    return new Child(process);
  }

  private static final class Child {
    final Process process;
    final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
    final StringBuilder output = new StringBuilder();

    Child(Process process) {
      this.process = process;
      Thread reader = new Thread(() -> {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(),
            StandardCharsets.UTF_8))) {
          for (String line = in.readLine(); line != null; line = in.readLine()) {
            synchronized (output) {
              output.append(line).append('\n');
            }
            lines.add(line);
          }
        } catch (IOException ended) {
          // The child was killed.
        }
      }, "child-output");
      reader.setDaemon(true);
      reader.start();
    }

    String awaitLine(String prefix, Duration timeout) throws InterruptedException {
      long deadline = System.nanoTime() + timeout.toNanos();
      while (System.nanoTime() < deadline) {
        String line = lines.poll(100, TimeUnit.MILLISECONDS);
        if (line != null && line.startsWith(prefix)) {
          return line;
        }
      }
      synchronized (output) {
        throw new AssertionError("no line starting with " + prefix + "; the child said:\n" + output);
      }
    }
  }
}
