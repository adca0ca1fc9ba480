package org.commandcenter.local;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.commandcenter.sandbox.MattermostSandbox;
import org.commandcenter.sandbox.ReceivedPost;
import org.commandcenter.sandbox.SandboxSettings;
import org.commandcenter.sandbox.SlashCommandInfo;

/**
 * {@code ./command-center-local --mattermost-url … --token-file … --team factory} against a Mattermost stand-in started
 * separately, as a team would try it on its own server: the slash command created there by hand first (pointing at
 * the endpoint the demo will listen on), then the demo running until the test stops it.
 */
final class RunningDemo implements AutoCloseable {
  final MattermostSandbox mattermost;
  final SlashCommandInfo command;
  final int endpointPort;
  private final StringWriter output = new StringWriter();
  private final CountDownLatch stop = new CountDownLatch(1);
  private final CompletableFuture<Integer> exit = new CompletableFuture<>();

  RunningDemo(Path tmp, String... extraArgs) throws Exception {
    mattermost = MattermostSandbox.builder().withSampleData()
        // What the admin sets so that Mattermost may call an integration on this host (docs/chatops.md).
        .settings(SandboxSettings.builder().allowedUntrustedInternalConnections("127.0.0.1").build())
        .build().start();
    try (ServerSocket free = new ServerSocket(0)) {
      endpointPort = free.getLocalPort();
    }
    command = mattermost.createSlashCommand(MattermostSandbox.TEAM, "jenkins",
        "http://127.0.0.1:" + endpointPort + "/mattermost/command", "admin");
    Path botToken = Files.writeString(tmp.resolve("bot-token"), MattermostSandbox.JENKINS_BOT_TOKEN + "\n");
    Path commandToken = Files.writeString(tmp.resolve("command-token"), command.token() + "\n");
    List<String> args = new java.util.ArrayList<>(List.of("--mattermost-url", mattermost.url(), "--token-file",
        botToken.toString(), "--team", MattermostSandbox.TEAM, "--command-token-file", commandToken.toString(),
        "--listen", "127.0.0.1:" + endpointPort, "--pace", "0", "--ascii", "--repository",
        System.getProperty("repository.root", "..")));
    args.addAll(List.of(extraArgs));
    Thread demo = new Thread(() -> exit.complete(LocalCommandCenter.execute(args.toArray(new String[0]),
        new PrintWriter(output, true), stop)), "command-center-local");
    demo.setDaemon(true);
    demo.start();
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (!output().contains("Press Ctrl-C")) {
      if (exit.isDone() || System.nanoTime() > deadline) {
        throw new IllegalStateException("the demo did not come up: " + output());
      }
      Thread.sleep(50);
    }
  }

  synchronized String output() {
    return output.toString();
  }

  /** The root post of build {@code number}'s alert in ~builds. */
  ReceivedPost alert(int number) {
    return mattermost.posts(MattermostSandbox.TEAM, "builds").stream()
        .filter(p -> p.rootId().isEmpty() && !p.attachments().isEmpty()
            && p.attachments().get(0).get("title").getAsString().endsWith("#" + number))
        .findFirst().orElseThrow(() -> new AssertionError("no alert of #" + number));
  }

  List<ReceivedPost> thread(ReceivedPost root) {
    return mattermost.posts(MattermostSandbox.TEAM, "builds").stream().filter(p -> p.rootId().equals(root.id()))
        .toList();
  }

  /** Stops the demo as Ctrl-C would and returns its exit code. */
  int stop() throws Exception {
    stop.countDown();
    return exit.get(30, TimeUnit.SECONDS);
  }

  @Override
  public void close() throws IOException {
    stop.countDown();
    try {
      exit.get(30, TimeUnit.SECONDS);
    } catch (Exception ignored) {
      // Reported by the test that cared.
    }
    mattermost.close();
  }
}
