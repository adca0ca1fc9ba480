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

  @Option(names = "--mattermost-url", paramLabel = "URL",
      description = "Run against this existing Mattermost (a real one or any stand-in) instead of starting the "
          + "stand-in; needs --token-file and --team. SonarQube and coturn are then skipped.")
  String mattermostUrl;

  @Option(names = "--token-file", paramLabel = "FILE",
      description = "With --mattermost-url: a file holding the token of the bot that posts the builds (never printed).")
  Path tokenFile;

  @Option(names = "--team", paramLabel = "TEAM",
      description = "With --mattermost-url: the team (URL name) whose ~builds channel gets the alerts.")
  String team;

  @Option(names = "--command-token-file", paramLabel = "FILE",
      description = "With --mattermost-url: a file holding the token Mattermost generated for the /jenkins slash "
          + "command you created (without it /jenkins is refused).")
  Path commandTokenFile;

  @Option(names = "--listen", paramLabel = "HOST:PORT", defaultValue = "127.0.0.1:0",
      description = "Where the ChatOps endpoint (buttons and /jenkins, the Jenkins plugin's part) listens. "
          + "Default: ${DEFAULT-VALUE} (any free port on loopback).")
  String listen;

  @Option(names = "--public-url", paramLabel = "URL",
      description = "How Mattermost reaches the ChatOps endpoint, when not at the --listen address (e.g. "
          + "http://ci-demo.example:8099 with --listen 0.0.0.0:8099).")
  String publicUrl;

  @Option(names = "--build-time", paramLabel = "SECONDS", defaultValue = "20",
      description = "How long a build started from chat runs before it passes (time to click Abort). "
          + "Default: ${DEFAULT-VALUE}.")
  double buildTimeSeconds;

  @Option(names = "--repository", paramLabel = "DIR", hidden = true,
      description = "The Command Center checkout (default: found from the working directory).")
  Path repository;

  private final PrintWriter out;
  /** Counted down to stop a run that waits for Ctrl-C (tests; Ctrl-C itself goes through the shutdown hook). */
  private final CountDownLatch stop;

  LocalCommandCenter(PrintWriter out, CountDownLatch stop) {
    this.out = out;
    this.stop = stop;
  }

  public static void main(String[] args) {
    PrintWriter out = new PrintWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8), true);
    System.exit(execute(args, out));
  }

  static int execute(String[] args, PrintWriter out) {
    return execute(args, out, new CountDownLatch(1));
  }

  static int execute(String[] args, PrintWriter out, CountDownLatch stop) {
    return new CommandLine(new LocalCommandCenter(out, stop)).setOut(out).setErr(out).execute(args);
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
    boolean external = mattermostUrl != null;
    if (external && (tokenFile == null || team == null)) {
      throw new CommandLine.ParameterException(new CommandLine(this),
          "--mattermost-url needs --token-file (the bot's token) and --team");
    }
    if (!external && (tokenFile != null || team != null || commandTokenFile != null)) {
      throw new CommandLine.ParameterException(new CommandLine(this),
          "--token-file, --team and --command-token-file go with --mattermost-url");
    }
    Path root = repository != null ? repository.toAbsolutePath() : Repository.find();
    Path work = started.add("work directory", new WorkDirectory(Files.createTempDirectory("command-center-local-",
        PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-xr-x"))))).path();
    console.line("Command Center — local command center");
    console.line("Everything it starts listens on 127.0.0.1 (but --listen) and stops on Ctrl-C. Working directory: "
        + work);

    MattermostSandbox mattermost = null;
    String site;
    String teamName;
    String botToken;
    if (external) {
      site = mattermostUrl.replaceAll("/+$", "");
      teamName = team;
      botToken = readSecret(tokenFile, "--token-file");
      console.section("Mattermost (existing: " + site + ", team " + teamName + ")");
      MattermostClient check = MattermostClient.builder().siteUrl(site).token(botToken).team(teamName).build();
      console.step("The token authenticates as @" + check.me().username() + " (it posts the builds and answers "
          + "ChatOps, as the plugin's bot would)");
      console.step("SonarQube and coturn are skipped: they are wired to the stand-in");
    } else {
      console.section("Mattermost (the stand-in: no Mattermost server can run here)");
      mattermost = started.add("Mattermost stand-in", startMattermost(console));
      site = mattermost.url();
      teamName = LocalMattermost.TEAM;
      botToken = LocalMattermost.JENKINS_BOT_TOKEN;
      console.step("Listening on " + site + " — team \"" + LocalMattermost.TEAM
          + "\", channels ~builds ~alerts ~war-room (Calls enabled), bots jenkins-bot and sonar-bot");
    }

    SonarQubeDemo sonar = null;
    if (!noSonarQube && !external) {
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
    if (!noTurn && !external) {
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

    console.section("command-center doctor (the CLI, against " + (external ? "your Mattermost" : "the stand-in")
        + (coturn != null ? " and coturn)" : ")"));
    console.step("command-center " + String.join(" ", LocalDoctor.arguments(site, teamName, coturn, ascii)));
    console.detail("with MATTERMOST_TOKEN=<the bot's token>" + (coturn != null ? " TURN_STATIC_AUTH_SECRET=<generated>"
        : ""));
    LocalDoctor.Result doctor = LocalDoctor.run(site, teamName, botToken, coturn, ascii);
    for (String line : doctor.report.split("\n")) {
      console.line("    " + line);
    }

    MattermostClient jenkins = MattermostClient.builder().siteUrl(site).token(botToken).team(teamName).build();
    console.section("ChatOps (buttons on alerts and /" + LocalChatOps.TRIGGER + ", answered by the Jenkins plugin's "
        + "engine)");
    String[] hostPort = listen.split(":(?=[0-9]+$)");
    if (hostPort.length != 2) {
      throw new CommandLine.ParameterException(new CommandLine(this), "--listen: must be HOST:PORT, e.g. 127.0.0.1:8099");
    }
    ChatOpsEndpoint endpoint = started.add("ChatOps endpoint", ChatOpsEndpoint.start(hostPort[0],
        Integer.parseInt(hostPort[1])));
    String reachable = publicUrl != null ? publicUrl : "http://" + (hostPort[0].equals("0.0.0.0") ? "127.0.0.1"
        : hostPort[0]) + ":" + endpoint.port();
    LocalChatOps chatOps = new LocalChatOps(reachable);
    String commandToken;
    if (external) {
      commandToken = commandTokenFile == null ? null : readSecret(commandTokenFile, "--command-token-file");
    } else {
      commandToken = mattermost.createSlashCommand(LocalMattermost.TEAM, LocalChatOps.TRIGGER, chatOps.commandUrl(),
          "admin", "P", LocalChatOps.AUTOCOMPLETE_HINT).token();
    }
    ScriptedBuilds builds = new ScriptedBuilds(jenkins, console, Duration.ofMillis((long) (paceSeconds * 1000)),
        chatOps.buttons()).buildTime(Duration.ofMillis((long) (buildTimeSeconds * 1000)));
    endpoint.serve(chatOps.chatOps(jenkins, builds, commandToken, console));
    console.step("Endpoint listening on " + hostPort[0] + ":" + endpoint.port() + " (the Jenkins plugin's part: POST "
        + ChatOpsEndpoint.ACTIONS + " and " + ChatOpsEndpoint.COMMAND + ")");
    console.step("Actions URL Mattermost must reach: " + chatOps.actionsUrl());
    console.detail("Every alert's buttons point there; Mattermost refuses internal addresses such as this one unless");
    console.detail("System Console > Environment > Developer > Allow untrusted internal connections lists the host");
    console.detail("(ServiceSettings.AllowedUntrustedInternalConnections)" + (external ? "."
        : " — the stand-in is set to allow 127.0.0.1."));
    if (external) {
      console.step("Create the slash command in team " + teamName + " (Integrations > Slash Commands > Add):");
      console.detail("Trigger Word: " + LocalChatOps.TRIGGER + "   Request URL: " + chatOps.commandUrl()
          + "   Request Method: POST");
      console.detail("Autocomplete: on, hint: " + LocalChatOps.AUTOCOMPLETE_HINT);
      console.detail(commandToken == null ? "Then save its token in a file and run again with --command-token-file "
          + "FILE; until then /" + LocalChatOps.TRIGGER + " is refused (401)."
          : "Its token: from --command-token-file (not printed).");
    } else {
      console.step("Slash command /" + LocalChatOps.TRIGGER + " created in team " + LocalMattermost.TEAM + " -> "
          + chatOps.commandUrl() + " (POST; its token stays in memory)");
    }
    console.step("Jenkins users: every Mattermost user acts as the Jenkins user of the same name, with Job/Read, "
        + "Job/Build, Job/Cancel; @" + DemoJenkins.READ_ONLY_USER + " may only read (to see a refusal)");

    console.section("Jenkins builds (scripted: Jenkins itself is NOT running)");
    console.step("The Jenkins plugin's engine (build-notifier-core) gets the facts its adapter would read from four");
    console.detail("builds of job " + ScriptedBuilds.JOB + " and posts as " + (external ? "the bot" : "jenkins-bot")
        + " over the REST API.");
    console.detail("Links to " + ScriptedBuilds.JENKINS_URL + " are part of the script and lead nowhere.");
    List<NotifyOutcome> outcomes = builds.run();
    long failed = outcomes.stream().filter(o -> !o.isSuccessful()).count();
    if (failed > 0) {
      console.warn(failed + " notification(s) failed; see the jenkins> lines above");
    }

    if (sonar != null) {
      console.section("SonarQube quality gates");
      sonar.awaitUpAndRun();
    }

    printWhatToLookAt(console, site, teamName, external, sonar != null, coturn != null, doctor.exitCode);
    if (exitWhenDone) {
      return failed == 0 && (sonar == null || sonar.succeeded()) ? 0 : 1;
    }
    console.line("");
    console.line("Press Ctrl-C to stop everything.");
    stop.await();
    return 0;
  }

  /** A token from a file: the first line, trimmed; never printed. */
  private static String readSecret(Path file, String option) throws IOException {
    if (!Files.isReadable(file)) {
      throw new IOException(option + ": cannot read " + file);
    }
    String value = Files.readString(file, StandardCharsets.UTF_8).strip();
    if (value.isEmpty() || value.contains("\n")) {
      throw new IOException(option + ": " + file + " must hold the token on one line");
    }
    return value;
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

  private static void printWhatToLookAt(Console console, String site, String team, boolean external, boolean sonar,
      boolean turn, int doctorExit) {
    console.section(external ? "Open Mattermost: " + site + "/" + team + "/channels/builds"
        : "Open the inbox: " + site + "/");
    console.step("#builds  " + site + "/" + team + "/channels/builds");
    console.detail("payments-service #142: the root post went from \"started\" to \"failed\" (edited in place), with");
    console.detail("replies in its thread: changes with authors, failing tests, the log tail, and @alice @bob.");
    console.detail("A separate URGENT alert (acknowledgement requested) opened the incident with the War Room link;");
    console.detail("#143 failed again (still failing), and #144 closed the incident with \"Back to normal\".");
    console.step("ChatOps: the failure alerts carry Rebuild, I'm on it and Show log; a rebuild runs as a new build whose");
    console.detail("\"started\" post has Abort. Type /" + LocalChatOps.TRIGGER + " help in a channel"
        + (external ? "." : " (the inbox's command box; ?as=bob views it as bob)."));
    if (external) {
      console.step("doctor: " + (doctorExit == 0 ? "all checks passed" : "some checks failed (see above)"));
      return;
    }
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
