package org.commandcenter.sandbox;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code java -jar mattermost-sandbox-<version>-all.jar}: runs a sandbox until interrupted. */
@Command(name = "mattermost-sandbox", mixinStandardHelpOptions = true,
    description = "Runs a local Mattermost stand-in (webhooks, REST API v4, Calls plugin routes) with an inbox page.")
public final class SandboxMain implements Callable<Integer> {
  @Option(names = "--port", description = "Port to listen on (0 picks a free one). Default: ${DEFAULT-VALUE}.")
  int port = 8065;

  @Option(names = "--host", description = "Address to listen on. Default: ${DEFAULT-VALUE} (this machine only).")
  String host = "127.0.0.1";

  @Option(names = "--config", paramLabel = "FILE", description = "Seed file (JSON) with teams, users, bots, channels, hooks, settings.")
  Path config;

  @Option(names = "--sample-data", negatable = true,
      description = "Seed the standard world (team factory, admin/alice/bob, jenkins-bot, sonar-bot, hooks). "
          + "Default: on unless --config is given.")
  Boolean sampleData;

  private final CountDownLatch stopped = new CountDownLatch(1);

  public static void main(String[] args) {
    System.exit(new CommandLine(new SandboxMain()).execute(args));
  }

  @Override
  public Integer call() throws Exception {
    MattermostSandbox.Builder builder = MattermostSandbox.builder().host(host).port(port);
    boolean sample = sampleData != null ? sampleData : config == null;
    if (sample) builder.withSampleData();
    if (config != null) builder.seed(SandboxSeed.fromFile(config));
    MattermostSandbox sandbox = builder.build();
    sandbox.start();
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      sandbox.close();
      stopped.countDown();
    }, "mattermost-sandbox-shutdown"));
    PrintWriter out = new PrintWriter(System.out, true);
    out.println("Mattermost sandbox listening on " + sandbox.url());
    out.println("  Inbox:       " + sandbox.url() + "/");
    out.println("  Posts JSON:  " + sandbox.url() + "/_sandbox/posts");
    if (sample) {
      out.println("  Webhook (builds, sandbox-only id): " + sandbox.url() + "/hooks/" + MattermostSandbox.JENKINS_HOOK);
      out.println("  Webhook (alerts, sandbox-only id): " + sandbox.url() + "/hooks/" + MattermostSandbox.SONAR_HOOK);
      out.println("  Bot tokens: see SANDBOX.md (jenkins-bot, sonar-bot), team \"" + MattermostSandbox.TEAM + "\"");
    }
    out.println("Press Ctrl+C to stop.");
    stopped.await();
    return 0;
  }
}
