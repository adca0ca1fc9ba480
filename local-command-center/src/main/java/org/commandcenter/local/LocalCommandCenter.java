package org.commandcenter.local;

import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.net.BindException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.stream.Stream;
import org.commandcenter.local.sonar.SonarQubeDemo;
import org.commandcenter.mattermost.MattermostClient;
import org.commandcenter.notifier.core.NotifyOutcome;
import org.commandcenter.realservers.CoturnServer;
import org.commandcenter.sandbox.IceServerConfig;
import org.commandcenter.sandbox.MattermostSandbox;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine;

/**
 * {@code ./command-center-local}: everything Command Center does, on this machine, in one command. The Mattermost
 * stand-in and its inbox; the Jenkins plugin's engine driven by scripted builds; a real coturn checked by
 * {@code doctor}; a real SonarQube with our plugin. Stops all it started on exit and on Ctrl-C.
 */
@Command(name = "command-center-local", mixinStandardHelpOptions = true, usageHelpAutoWidth = true,
    version = "command-center-local 1.0.0-SNAPSHOT", sortOptions = false,
    description = "Starts a local command center: the Mattermost stand-in's inbox, scripted Jenkins builds through "
        + "the Jenkins plugin's engine, a real coturn checked by 'command-center doctor', and a real SonarQube with the "
        + "Mattermost quality gate plugin. Everything listens on 127.0.0.1 and is stopped on exit or Ctrl-C.",
    footer = {"", "Documentation: docs/local.md"})
public final class LocalCommandCenter implements Callable<Integer> {
  @Option(names = "--port", paramLabel = "PORT", defaultValue = "8065",
      description = "Port of the Mattermost stand-in and its inbox (0 = any free port). Default: ${DEFAULT-VALUE}.")
  int port;

  @Option(names = "--no-sonarqube", description = "Skip SonarQube (the slow part, about 2 minutes and 2 GB of memory).")
  boolean noSonarQube;

  @Option(names = "--no-turn", description = "Skip coturn and the TURN checks of doctor.")
  boolean noTurn;

  @Option(names = "--sonarqube-java", paramLabel = "JAVA",
      description = "java executable or JDK directory (version 21+) to run SonarQube with. Default: the first found "
          + "of this JVM, $JAVA_HOME, /usr/lib/jvm/temurin-25-jdk-amd64, /usr/lib/jvm/*.")
  Path sonarQubeJava;

  @Option(names = "--pace", paramLabel = "SECONDS", defaultValue = "1.5",
      description = "Pause between build notifications, to watch posts appear and change. Default: ${DEFAULT-VALUE}.")
  double paceSeconds;

  @Option(names = "--exit", description = "Stop everything and exit once all alerts are posted (for CI), instead of "
      + "running until Ctrl-C.")
  boolean exitWhenDone;

  @Option(names = "--ascii", description = "Plain ASCII output (no ✔ ✘ • ━).")
  boolean ascii;

  @Option(names = "--repository", paramLabel = "DIR", hidden = true,
      description = "The Command Center checkout (default: found from the working directory).")
  Path repository;

  private final PrintWriter out;

  LocalCommandCenter(PrintWriter out) {
    this.out = out;
  }

  public static void main(String[] args) {
    PrintWriter out = new PrintWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8), true);
    System.exit(execute(args, out));
  }

  static int execute(String[] args, PrintWriter out) {
    return new CommandLine(new LocalCommandCenter(out)).setOut(out).setErr(out).execute(args);
  }

  @Override
  public Integer call() throws Exception {
    Console console = new Console(out, ascii, System.console() != null);
    StopList started = new StopList(console);
    Thread onExit = new Thread(started::close, "command-center-local-stop");
    Runtime.getRuntime().addShutdownHook(onExit);
    try {
      return run(console, started);
    } finally {
      started.close();
      try {
        Runtime.getRuntime().removeShutdownHook(onExit);
      } catch (IllegalStateException shuttingDown) {
        // Ctrl-C: the hook is running close() already.
      }
    }
  }

  private int run(Console console, StopList started) throws Exception {
    Path root = repository != null ? repository.toAbsolutePath() : Repository.find();
    Path work = started.add("work directory", new WorkDirectory(Files.createTempDirectory("command-center-local-",
        PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-xr-x"))))).path();
    console.line("Command Center — local command center");
    console.line("Everything listens on 127.0.0.1 and stops on Ctrl-C. Working directory: " + work);

    console.section("Mattermost (the stand-in: no Mattermost server can run here)");
    MattermostSandbox mattermost = started.add("Mattermost stand-in", startMattermost(console));
    String site = mattermost.url();
    console.step("Listening on " + site + " — team \"" + LocalMattermost.TEAM
        + "\", channels ~builds ~alerts ~war-room (Calls enabled), bots jenkins-bot and sonar-bot");

    SonarQubeDemo sonar = null;
    if (!noSonarQube) {
      console.section("SonarQube (real Community Build " + SonarQubeDemo.VERSION + ")");
      Optional<Path> java = new Prerequisites(console).javaForSonarQube(sonarQubeJava);
      if (java.isPresent()) {
        sonar = started.add("SonarQube", new SonarQubeDemo(root, work, java.get(), mattermost, console));
        // Started first: it takes about a minute and a half, while the rest runs.
        try {
          sonar.start();
        } catch (IOException e) {
          console.warn("SonarQube could not start: " + e.getMessage());
          sonar = null;
        }
      }
    }

    CoturnServer coturn = null;
    if (!noTurn) {
      console.section("coturn (real /usr/bin/turnserver from deploy/coturn/turnserver.conf)");
      if (new Prerequisites(console).coturn()) {
        coturn = started.add("coturn", CoturnServer.builder(root.resolve("deploy/coturn/turnserver.conf"),
            work.resolve("coturn")).standardPorts(true).echoPeer(true).startupLimit(Duration.ofSeconds(20)).start());
        console.step("Listening on turn:127.0.0.1:" + coturn.plainPort() + " (UDP, TCP) and turns:127.0.0.1:"
            + coturn.tlsPort() + " (TLS, self-signed certificate) — PID " + coturn.pid());
        console.step("Overlay: loopback listeners and relay, a generated static-auth-secret (never printed), "
            + "127.0.0.1 allowed as the echo peer (turnutils_peer on UDP " + coturn.peer().getPort() + ")");
        IceServerConfig turn = LocalMattermost.useTurn(mattermost, coturn);
        console.step("Calls on the stand-in: ICEServersConfigs " + turn.urls() + ", TURNStaticAuthSecret = coturn's "
            + "secret (clients get credentials from /plugins/com.mattermost.calls/turn-credentials)");
      }
    }

    console.section("command-center doctor (the CLI, against the stand-in" + (coturn != null ? " and coturn)" : ")"));
    console.step("command-center " + String.join(" ", LocalDoctor.arguments(site, coturn, ascii)));
    console.detail("with MATTERMOST_TOKEN=<jenkins-bot token>" + (coturn != null ? " TURN_STATIC_AUTH_SECRET=<generated>" : ""));
    LocalDoctor.Result doctor = LocalDoctor.run(site, LocalMattermost.JENKINS_BOT_TOKEN, coturn, ascii);
    for (String line : doctor.report.split("\n")) {
      console.line("    " + line);
    }

    console.section("Jenkins builds (scripted: Jenkins itself is NOT running)");
    console.step("The Jenkins plugin's engine (build-notifier-core) gets the facts its adapter would read from four");
    console.detail("builds of job " + ScriptedBuilds.JOB + " and posts as jenkins-bot over the REST API.");
    console.detail("Links to " + ScriptedBuilds.JENKINS_URL + " are part of the script and lead nowhere.");
    MattermostClient jenkins = MattermostClient.builder().siteUrl(site).token(LocalMattermost.JENKINS_BOT_TOKEN)
        .team(LocalMattermost.TEAM).build();
    List<NotifyOutcome> outcomes = new ScriptedBuilds(jenkins, console, Duration.ofMillis((long) (paceSeconds * 1000)))
        .run();
    long failed = outcomes.stream().filter(o -> !o.isSuccessful()).count();
    if (failed > 0) {
      console.warn(failed + " notification(s) failed; see the jenkins> lines above");
    }

    if (sonar != null) {
      console.section("SonarQube quality gates");
      sonar.awaitUpAndRun();
    }

    printWhatToLookAt(console, site, sonar != null, coturn != null, doctor.exitCode);
    if (exitWhenDone) {
      return failed == 0 && (sonar == null || sonar.succeeded()) ? 0 : 1;
    }
    console.line("");
    console.line("Press Ctrl-C to stop everything.");
    new CountDownLatch(1).await();
    return 0;
  }

  private MattermostSandbox startMattermost(Console console) throws IOException {
    try {
      return LocalMattermost.start(port);
    } catch (BindException e) {
      console.warn("Port " + port + " is in use (another Mattermost or command center?); using a free port instead. "
          + "Choose one with --port.");
      return LocalMattermost.start(0);
    }
  }

  private static void printWhatToLookAt(Console console, String site, boolean sonar, boolean turn, int doctorExit) {
    console.section("Open the inbox: " + site + "/");
    console.step("#builds  " + site + "/factory/channels/builds");
    console.detail("payments-service #142: the root post went from \"started\" to \"failed\" (edited in place), with");
    console.detail("replies in its thread: changes with authors, failing tests, the log tail, and @alice @bob.");
    console.detail("A separate URGENT alert (acknowledgement requested) opened the incident with the War Room link;");
    console.detail("#143 failed again (still failing), and #144 closed the incident with \"Back to normal\".");
    console.step("#alerts  " + site + "/factory/channels/alerts"
        + (sonar ? "" : "   (empty: SonarQube was skipped)"));
    if (sonar) {
      console.detail("The real plugin's alerts: \"Quality gate failed\" with each failed condition and the War Room");
      console.detail("link, then \"Back to green\" after the second analysis.");
    }
    console.step("War Room " + site + "/factory/channels/war-room?join_call=true  (what the alerts' links open)");
    console.step("Every post as JSON: " + site + "/_sandbox/posts");
    console.step("doctor: " + (doctorExit == 0 ? "all checks passed" : "some checks failed (see above)")
        + (turn ? "" : "; TURN was skipped"));
  }

  /** The temporary directory of one run, deleted when the run stops. */
  private static final class WorkDirectory implements AutoCloseable {
    private final Path path;

    WorkDirectory(Path path) {
      this.path = path;
    }

    Path path() {
      return path;
    }

    @Override
    public void close() throws IOException {
      try (Stream<Path> paths = Files.walk(path)) {
        paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
  }
}
