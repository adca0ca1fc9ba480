package org.commandcenter.sonar.mattermost;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.commandcenter.mattermost.Attachment;
import org.commandcenter.mattermost.Delivery;
import org.commandcenter.mattermost.Post;
import org.commandcenter.mattermost.warroom.WarRoom;
import org.sonar.api.Startable;
import org.sonar.api.ce.posttask.PostProjectAnalysisTask;
import org.sonar.api.config.Configuration;
import org.sonar.api.platform.Server;
import org.sonar.api.utils.log.Logger;
import org.sonar.api.utils.log.Loggers;

/**
 * Posts a Mattermost alert when a project analysis finishes. Thin: the decision, the route and the message are
 * made elsewhere, and the alert goes to the outbox of {@link AlertDelivery}: the task only writes it and returns.
 * It never throws and never waits on the network: the previous gate status ({@code notify = changes}) comes from
 * {@link LastGateStatuses}, and for a branch not seen yet the Web API is asked later, on a delivery thread, before
 * the alert would be sent ({@link GateCondition}).
 */
public class QualityGateAlertTask implements PostProjectAnalysisTask, Startable {

  static final String LOG_STATISTIC = "mattermostAlert";
  private static final Logger LOG = Loggers.get(QualityGateAlertTask.class);

  private final Configuration config;
  private final Server server;
  private final AlertDelivery delivery;
  private final LastGateStatuses lastStatuses;
  private final GateSettingsSource settingsSource;

  public QualityGateAlertTask(Configuration config, Server server, AlertDelivery delivery,
      LastGateStatuses lastStatuses, GateSettingsSource settingsSource) {
    this.config = Objects.requireNonNull(config, "config == null");
    this.server = Objects.requireNonNull(server, "server == null");
    this.delivery = Objects.requireNonNull(delivery, "delivery == null");
    this.lastStatuses = Objects.requireNonNull(lastStatuses, "lastStatuses == null");
    this.settingsSource = Objects.requireNonNull(settingsSource, "settingsSource == null");
  }

  /**
   * With the Compute Engine: warms the alert's path up in the background ({@link AlertWarmUp}), and again with the
   * new connection when an administrator changes it.
   */
  @Override
  public void start() {
    settingsSource.onConnectionChange(() -> AlertWarmUp.run(this));
    AlertWarmUp.startInBackground(this);
  }

  @Override
  public void stop() {
    // Nothing to stop: the warm-up thread is a daemon that ends by itself.
  }

  @Override
  public String getDescription() {
    return "Mattermost quality gate alert";
  }

  @Override
  public void finished(Context context) {
    String outcome;
    try {
      outcome = alert(context.getProjectAnalysis(), settingsSource, false);
    } catch (Exception | LinkageError e) {
      // An alert is never worth failing or stalling the analysis over.
      LOG.warn("Mattermost: alert failed: {}", e.toString());
      outcome = "error";
    }
    try {
      // Whatever the settings: the next analysis compares with this one even if alerts were off in between.
      lastStatuses.remember(context.getProjectAnalysis());
    } catch (RuntimeException | LinkageError e) {
      LOG.warn("Mattermost: cannot remember the quality gate status: {}", e.toString());
    }
    try {
      context.getLogStatistics().add(LOG_STATISTIC, outcome);
    } catch (RuntimeException e) {
      LOG.debug("Mattermost: cannot add log statistic", e);
    }
  }

  /**
   * Goes through an alert for {@code analysis} as {@link #finished} would, without writing or sending anything and
   * without logging about the analysis: the warm-up's way of loading and linking what the first real alert runs.
   * With the settings as they are, or with {@code standIn} while they make no alert (not configured yet).
   */
  void rehearse(ProjectAnalysis analysis, GateSettingsSource standIn) {
    GateSettingsSource source = settingsSource;
    try {
      if (!settingsSource.current().isActive()) {
        source = standIn;
      }
    } catch (IllegalArgumentException e) {
      source = standIn;
    }
    alert(analysis, source, true);
    lastStatuses.rehearse(analysis);
  }

  /**
   * @param source the plugin's settings: {@link #settingsSource}, but for a rehearsal
   * @param rehearsal the warm-up's: log nothing, deliver nothing
   */
  private String alert(ProjectAnalysis analysis, GateSettingsSource source, boolean rehearsal) {
    String projectKey = analysis.getProject().getKey();
    GateSettings settings;
    try {
      settings = source.current();
    } catch (IllegalArgumentException e) {
      if (!rehearsal) {
        LOG.warn("Mattermost: no alert for {}, invalid setting {}", projectKey, e.getMessage());
      }
      return "invalid-settings";
    }
    if (!settings.isActive()) {
      return settings.enabled() ? "not-configured" : "disabled";
    }
    // A rehearsal runs the same lines, with nothing to say: what it leaves for later is only the logging.
    (rehearsal ? List.<String>of() : settings.warnings())
        .forEach(warning -> LOG.warn("Mattermost: invalid setting {}", warning));
    PreviousStatus previous = settings.notifyMode() != NotifyMode.CHANGES ? PreviousStatus.UNKNOWN
        : lastStatuses.recall(analysis).orElseGet(() -> canAskWebApi(settings, source.configuration(), rehearsal)
            ? PreviousStatus.ASK_LATER : PreviousStatus.UNKNOWN);
    AlertDecision decision = AlertPolicy.decide(settings, analysis, previous);
    if (decision.fellBack() && !rehearsal) {
      LOG.warn("Mattermost: previous quality gate status of {} unknown, alerting as for '{}' ({})", projectKey,
          NotifyMode.FAILED.value(), settings.webApiToken().isPresent()
              ? "see the warning above" : "set " + MattermostProperties.WEB_API_TOKEN);
    }
    if (!decision.shouldSend()) {
      LOG.debug("Mattermost: no alert for {}: {}", projectKey, decision.reason());
      return "skipped";
    }
    Map<String, String> scannerContext = analysis.getScannerContext().getProperties();
    ChannelRoute route = ChannelRouter.route(settings, projectKey, scannerContext);
    (rehearsal ? Optional.<String>empty() : route.warning()).ifPresent(warning -> LOG.warn("Mattermost: {}", warning));
    if (route.channel().isEmpty() && settings.botToken().isPresent()) {
      if (!rehearsal) {
        LOG.warn("Mattermost: no channel for {}: set {} or route the project", projectKey,
            MattermostProperties.DEFAULT_CHANNEL);
      }
      return "no-channel";
    }
    AlertKind kind = decision.kind().orElseThrow();
    Post post = AlertMessage.build(kind, analysis, ServerUrls.publicRootUrl(server, config),
            warRoomUrl(settings, rehearsal))
        .newBuilder()
        .channel(route.channel().orElse(null))
        .username(settings.username().orElse(null))
        .build();
    String what = projectKey + " (" + kind + " to " + route + ")";
    AlertDelivery.Alert alert = new AlertDelivery.Alert(post, what, summary(kind, post), coalesceKey(analysis));
    if (decision.condition().isPresent()) {
      alert = alert.onlyIf(decision.condition().get(), AnalysisRef.of(analysis));
    }
    if (rehearsal) {
      delivery.warmUp(settings, alert);
      return "rehearsed";
    }
    DeliveryOutcome outcome = delivery.deliver(settings, alert);
    LOG.info("Mattermost: alert for {}: {}{}", what, outcome, decision.condition().isPresent()
        ? " (sent if the previous quality gate status, asked of the Web API, differs)" : "");
    return outcome.name().toLowerCase(java.util.Locale.ROOT);
  }

  /** The alert's line in a digest: its title, linked like the title (the dashboard or the background tasks). */
  private static Delivery.Summary summary(AlertKind kind, Post post) {
    Attachment attachment = post.attachments().get(0);
    String text = attachment.title().length() > 300 ? attachment.title().substring(0, 299) + "…" : attachment.title();
    return Delivery.Summary.of(severity(kind), text, attachment.titleLink());
  }

  private static Delivery.Severity severity(AlertKind kind) {
    switch (kind) {
      case GATE_FAILED:
      case ANALYSIS_FAILED:
        return Delivery.Severity.ERROR;
      case BACK_TO_GREEN:
      case GATE_PASSED:
        return Delivery.Severity.SUCCESS;
      default:
        return Delivery.Severity.NOTICE;
    }
  }

  /** A newer alert of the same project and branch replaces an older one still waiting: only the latest state. */
  private static String coalesceKey(ProjectAnalysis analysis) {
    String branch = analysis.getBranch().flatMap(b -> b.getName()).orElse("");
    return "sonar:" + analysis.getProject().getKey() + "@" + branch;
  }

  /** Whether a delivery thread can ask the Web API for the previous gate status (token set, URL usable). */
  private boolean canAskWebApi(GateSettings settings, Configuration settingsSource, boolean rehearsal) {
    if (settings.webApiToken().isEmpty()) {
      return false;
    }
    if (WebApiPreviousStatus.of(delivery.httpClient(), settings, settingsSource).isEmpty()) {
      if (!rehearsal) {
        LOG.warn("Mattermost: invalid setting {}: must be an http:// or https:// URL",
            MattermostProperties.WEB_API_URL);
      }
      return false;
    }
    return true;
  }

  private static String warRoomUrl(GateSettings settings, boolean rehearsal) {
    Optional<String> channel = settings.warRoomChannel();
    Optional<String> site = settings.linkSiteUrl();
    if (channel.isEmpty() || site.isEmpty() || settings.team().isEmpty()) {
      return null;
    }
    try {
      return WarRoom.link(site.get(), settings.team().get(), channel.get());
    } catch (IllegalArgumentException e) {
      if (!rehearsal) {
        LOG.warn("Mattermost: no War Room link: {}", e.getMessage());
      }
      return null;
    }
  }
}
