package org.commandcenter.local;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.commandcenter.cli.console.Failures;
import org.commandcenter.mattermost.MattermostClient;
import org.commandcenter.notifier.core.AbortOutcome;
import org.commandcenter.notifier.core.AlertButtons;
import org.commandcenter.notifier.core.BuildEvent;
import org.commandcenter.notifier.core.BuildFacts;
import org.commandcenter.notifier.core.BuildResult;
import org.commandcenter.notifier.core.Change;
import org.commandcenter.notifier.core.InMemoryJobThreads;
import org.commandcenter.notifier.core.NotificationEngine;
import org.commandcenter.notifier.core.NotificationException;
import org.commandcenter.notifier.core.NotifyConfig;
import org.commandcenter.notifier.core.NotifyOutcome;
import org.commandcenter.notifier.core.PostRef;
import org.commandcenter.notifier.core.TestSummary;
import org.commandcenter.notifier.core.WarRoomConfig;

/**
 * Plays the Jenkins plugin's part without Jenkins: the same engine the freestyle notifier and the Pipeline step use
 * ({@code build-notifier-core}), fed with the facts the adapter would read from four builds of one job — started,
 * failed with failing tests and a log tail, failed again, back to normal — and posting with the bot token over REST.
 * It keeps the job's state as Jenkins would (its builds, their logs, its threads), so ChatOps can start new builds
 * of it ({@link #start}), which run for a while and pass, unless someone aborts them.
 */
public final class ScriptedBuilds {
  public static final String JOB = "payments-service";
  static final String JENKINS_URL = "https://jenkins.factory.example/";
  private static final String JOB_URL = JENKINS_URL + "job/" + JOB + "/";

  /** A build of the job as Jenkins would report it. */
  public record Build(BuildFacts facts, List<String> log) {
    public boolean isRunning() {
      return facts.isRunning();
    }
  }

  private final MattermostClient client;
  private final Console console;
  private final Duration pace;
  private final AlertButtons buttons;
  private final InMemoryJobThreads threads = new InMemoryJobThreads();
  private final List<BuildResult> history = new ArrayList<>(List.of(BuildResult.SUCCESS));
  private final Instant start = Instant.now().minus(Duration.ofMinutes(40));
  private final Map<Integer, Build> builds = new LinkedHashMap<>();
  private final Map<Integer, CountDownLatch> running = new LinkedHashMap<>();
  private volatile Duration buildTime = Duration.ofSeconds(20);

  /**
   * @param client a REST client with the Jenkins bot's token and the team, as the plugin's global configuration builds it
   * @param pace pause between notifications, so a person watching the inbox sees posts appear and change
   */
  public ScriptedBuilds(MattermostClient client, Console console, Duration pace) {
    this(client, console, pace, null);
  }

  /** @param buttons the ChatOps buttons alerts carry, or null for none */
  public ScriptedBuilds(MattermostClient client, Console console, Duration pace, AlertButtons buttons) {
    this.client = requireNonNull(client, "client == null");
    this.console = requireNonNull(console, "console == null");
    this.pace = requireNonNull(pace, "pace == null");
    this.buttons = buttons;
  }

  /** How long a build started from chat runs before it passes; default 20 s (time to click Abort). */
  public ScriptedBuilds buildTime(Duration buildTime) {
    this.buildTime = requireNonNull(buildTime, "buildTime == null");
    return this;
  }

  /** The job's notifier settings, as an admin would tick them in the job's post-build action. */
  public static NotifyConfig config() {
    return config(null);
  }

  static NotifyConfig config(AlertButtons buttons) {
    return NotifyConfig.builder()
        .events(EnumSet.of(BuildEvent.STARTED, BuildEvent.FAILURE, BuildEvent.REPEATED_FAILURE, BuildEvent.BACK_TO_NORMAL))
        .channel(LocalMattermost.BUILDS)
        .warRoom(WarRoomConfig.builder().team(LocalMattermost.TEAM).channel(LocalMattermost.WAR_ROOM).build())
        .logTailLines(20)
        .alertButtons(buttons)
        .build();
  }

  /** Runs the four builds; returns the engine's outcome of every notification, in order. */
  public List<NotifyOutcome> run() throws NotificationException, InterruptedException {
    List<NotifyOutcome> outcomes = new ArrayList<>();
    NotifyConfig config = config(buttons);

    outcomes.addAll(build(config, 142, BuildResult.FAILURE, Duration.ofSeconds(432),
        List.of(change("4f9c2e1", "Alice Martin", "alice@example.com", "Round refunds half-up to match the ledger"),
            change("9b07d3a", "Bob Keller", "bob@example.com", "Retry refunds when the gateway times out")),
        TestSummary.builder().total(214).failed(2).skipped(3)
            .failedTests(List.of("com.factory.payments.PaymentGatewayIT.refundsTwice",
                "com.factory.payments.CurrencyRoundingTest.halfEven"))
            .build(),
        failureLog(2)));

    outcomes.addAll(build(config, 143, BuildResult.FAILURE, Duration.ofSeconds(418),
        List.of(change("c31d8e0", "Bob Keller", "bob@example.com", "Make refund retries idempotent")),
        TestSummary.builder().total(214).failed(1).skipped(3)
            .failedTests(List.of("com.factory.payments.CurrencyRoundingTest.halfEven"))
            .previousFailedTests(List.of("com.factory.payments.PaymentGatewayIT.refundsTwice",
                "com.factory.payments.CurrencyRoundingTest.halfEven"))
            .build(),
        failureLog(1)));

    outcomes.addAll(build(config, 144, BuildResult.SUCCESS, Duration.ofSeconds(405),
        List.of(change("e8a4b52", "Alice Martin", "alice@example.com", "Use HALF_EVEN rounding for refunds")),
        TestSummary.builder().total(214).failed(0).skipped(3).build(),
        List.of()));
    return outcomes;
  }

  private List<NotifyOutcome> build(NotifyConfig config, int number, BuildResult result, Duration duration,
      List<Change> changes, TestSummary tests, List<String> logTail) throws NotificationException, InterruptedException {
    NotificationEngine engine = NotificationEngine.builder()
        .client(client)
        .threadStore(threads.forBuild(number))
        .log(text -> console.detail("jenkins> " + text))
        .build();
    Instant started = start.plus(Duration.ofMinutes(10L * (number - 141)));
    BuildFacts running = BuildFacts.builder()
        .jobName(JOB)
        .jobUrl(JOB_URL)
        .buildNumber(number)
        .buildUrl(JOB_URL + number + "/")
        .previousResults(previousResults())
        .startTime(started)
        .causes(List.of("Started by GitLab push by " + changes.get(0).authorName()))
        .changes(changes)
        .branch("main")
        .build();
    console.step(JOB + " #" + number + " started");
    List<NotifyOutcome> outcomes = new ArrayList<>();
    record(running, List.of());
    outcomes.add(engine.notify(running, config));
    pause();

    BuildFacts completed = running.newBuilder()
        .result(result)
        .duration(duration)
        .testSummary(tests)
        .logTail(logTail)
        .build();
    console.step(JOB + " #" + number + " finished: " + result);
    record(completed, logTail.isEmpty() ? successLog() : logTail);
    outcomes.add(engine.notify(completed, config));
    synchronized (this) {
      history.add(0, result);
    }
    pause();
    return outcomes;
  }

  // ---- the job's state, for ChatOps --------------------------------------------------------------------------------

  private synchronized void record(BuildFacts facts, List<String> log) {
    builds.put(facts.buildNumber(), new Build(facts, List.copyOf(log)));
  }

  /** Build {@code number}, or the last one for 0. */
  public synchronized Optional<Build> build(int number) {
    if (number == 0) {
      return builds.isEmpty() ? Optional.empty() : Optional.of(builds.get(lastNumber()));
    }
    return Optional.ofNullable(builds.get(number));
  }

  public synchronized List<Build> builds() {
    return new ArrayList<>(builds.values());
  }

  private int lastNumber() {
    return builds.keySet().stream().mapToInt(Integer::intValue).max().orElse(141);
  }

  /** Where this job's notifications go in a channel: its open incident, else its last build's thread. */
  public synchronized Optional<PostRef> thread(String channel) {
    int last = lastNumber();
    Optional<PostRef> incident = threads.forBuild(last).openIncident(channel);
    return incident.isPresent() ? incident : threads.forBuild(last).buildThread(channel);
  }

  /**
   * Starts a new build, as Jenkins would for a rebuild or {@code /jenkins build}: "started" is posted at once (with
   * its Abort button), and after {@link #buildTime} the build passes, unless {@link #abort} stopped it first.
   *
   * @return completes with the build's number once it started
   */
  public CompletableFuture<Integer> start(String cause) {
    int number;
    CountDownLatch abort = new CountDownLatch(1);
    synchronized (this) {
      number = lastNumber() + 1;
      running.put(number, abort);
      builds.put(number, new Build(facts(number, cause).build(), List.of()));
    }
    CompletableFuture<Integer> started = new CompletableFuture<>();
    Thread thread = new Thread(() -> runStarted(number, cause, abort, started), "scripted-build-" + number);
    thread.setDaemon(true);
    thread.start();
    return started;
  }

  private void runStarted(int number, String cause, CountDownLatch abort, CompletableFuture<Integer> started) {
    NotifyConfig config = config(buttons);
    NotificationEngine engine = NotificationEngine.builder().client(client).threadStore(threads.forBuild(number))
        .log(text -> console.detail("jenkins> " + text)).build();
    try {
      BuildFacts runningFacts = facts(number, cause).build();
      console.step(JOB + " #" + number + " started (" + cause + ")");
      engine.notify(runningFacts, config);
      started.complete(number);
      boolean aborted = abort.await(buildTime.toMillis(), TimeUnit.MILLISECONDS);
      BuildResult result = aborted ? BuildResult.ABORTED : BuildResult.SUCCESS;
      BuildFacts completed = runningFacts.newBuilder().result(result).duration(aborted ? Duration.ofSeconds(7)
          : buildTime).testSummary(aborted ? null : TestSummary.builder().total(214).failed(0).skipped(3).build())
          .build();
      synchronized (this) {
        running.remove(number);
        history.add(0, result);
      }
      record(completed, aborted ? List.of("[INFO] Running tests", "Aborted by user", "Finished: ABORTED")
          : successLog());
      console.step(JOB + " #" + number + " finished: " + result);
      engine.notify(completed, config);
    } catch (NotificationException | RuntimeException e) {
      started.completeExceptionally(e);
      console.warn(JOB + " #" + number + ": " + e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Stops a running build; the demo's builds never wait in a queue. */
  public AbortOutcome abort(int number) {
    CountDownLatch latch;
    synchronized (this) {
      latch = running.get(number);
    }
    if (latch == null) {
      return AbortOutcome.NOT_RUNNING;
    }
    latch.countDown();
    return AbortOutcome.ABORTED;
  }

  private synchronized BuildFacts.Builder facts(int number, String cause) {
    return BuildFacts.builder()
        .jobName(JOB)
        .jobUrl(JOB_URL)
        .buildNumber(number)
        .buildUrl(JOB_URL + number + "/")
        .previousResults(previousResults())
        .startTime(Instant.now())
        .causes(List.of(cause))
        .branch("main");
  }

  private static List<String> successLog() {
    return List.of("[INFO] Results:", "[INFO] Tests run: 214, Failures: 0, Errors: 0, Skipped: 3",
        "[INFO] BUILD SUCCESS", "Finished: SUCCESS");
  }

  private synchronized List<BuildResult> previousResults() {
    return List.copyOf(history.subList(0, Math.min(BuildFacts.HISTORY_DEPTH, history.size())));
  }

  private void pause() throws InterruptedException {
    if (!pace.isZero()) {
      Thread.sleep(pace.toMillis());
    }
  }

  /** The scripted Jenkins knows its users: each author's account names its Mattermost username (the mail's name). */
  private static Change change(String commit, String author, String email, String message) {
    return Change.builder().commitId(commit).authorName(author).authorEmail(email)
        .authorUsername(email.substring(0, email.indexOf('@'))).message(message).build();
  }

  /** The last lines of a Maven console as Jenkins keeps it (ConsoleNote markup already stripped). */
  private static List<String> failureLog(int failures) {
    List<String> lines = new ArrayList<>(List.of(
        "[INFO] -------------------------------------------------------",
        "[INFO]  T E S T S",
        "[INFO] -------------------------------------------------------",
        "[INFO] Running com.factory.payments.CurrencyRoundingTest",
        "[ERROR] Tests run: 12, Failures: 1, Errors: 0, Skipped: 0, Time elapsed: 0.212 s <<< FAILURE!",
        "[ERROR] com.factory.payments.CurrencyRoundingTest.halfEven  Time elapsed: 0.014 s  <<< FAILURE!",
        "org.opentest4j.AssertionFailedError: expected: <10.04> but was: <10.05>",
        "\tat com.factory.payments.CurrencyRoundingTest.halfEven(CurrencyRoundingTest.java:41)"));
    if (failures > 1) {
      lines.addAll(List.of(
          "[INFO] Running com.factory.payments.PaymentGatewayIT",
          "[ERROR] com.factory.payments.PaymentGatewayIT.refundsTwice  Time elapsed: 1.870 s  <<< FAILURE!",
          "org.opentest4j.AssertionFailedError: expected: <1> but was: <2> (refunds sent to the gateway)",
          "\tat com.factory.payments.PaymentGatewayIT.refundsTwice(PaymentGatewayIT.java:88)"));
    }
    lines.addAll(List.of(
        "[INFO]",
        "[INFO] Results:",
        "[ERROR] Tests run: 214, Failures: " + failures + ", Errors: 0, Skipped: 3",
        "[INFO] BUILD FAILURE",
        "[ERROR] There are test failures.",
        "Finished: FAILURE"));
    return lines;
  }
}
