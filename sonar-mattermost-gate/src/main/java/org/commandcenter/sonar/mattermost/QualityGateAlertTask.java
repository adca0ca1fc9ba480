package org.commandcenter.sonar.mattermost;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import okhttp3.HttpUrl;
import org.commandcenter.mattermost.Attachment;
import org.commandcenter.mattermost.Delivery;
import org.commandcenter.mattermost.Post;
import org.commandcenter.mattermost.warroom.WarRoom;
import org.sonar.api.ce.posttask.PostProjectAnalysisTask;
import org.sonar.api.config.Configuration;
import org.sonar.api.platform.Server;
import org.sonar.api.utils.log.Logger;
import org.sonar.api.utils.log.Loggers;

/**
 * Posts a Mattermost alert when a project analysis finishes. Thin: the decision, the route and the message are
 * made elsewhere, and the alert goes to the outbox of {@link AlertDelivery}: the task only writes it and returns.
 * It never throws and never holds the Compute Engine thread longer than {@link #BUDGET} (spent, if at all, on
 * asking SonarQube's Web API for the previous gate status of a branch that {@link LastGateStatuses} has not seen).
 */
public class QualityGateAlertTask implements PostProjectAnalysisTask {

  /** The longest the Compute Engine thread spends here, whatever Mattermost or the Web API do. */
  static final Duration BUDGET = Duration.ofMillis(1800);
  static final String LOG_STATISTIC = "mattermostAlert";
  private static final Logger LOG = Loggers.get(QualityGateAlertTask.class);

  private final Configuration config;
  private final Server server;
  private final AlertDelivery delivery;
  private final LastGateStatuses lastStatuses;
  private final Clock clock;

  public QualityGateAlertTask(Configuration config, Server server, AlertDelivery delivery,
      LastGateStatuses lastStatuses) {
    this(config, server, delivery, lastStatuses, Clock.systemUTC());
  }

  QualityGateAlertTask(Configuration config, Server server, AlertDelivery delivery, LastGateStatuses lastStatuses,
      Clock clock) {
    this.config = Objects.requireNonNull(config, "config == null");
    this.server = Objects.requireNonNull(server, "server == null");
    this.delivery = Objects.requireNonNull(delivery, "delivery == null");
    this.lastStatuses = Objects.requireNonNull(lastStatuses, "lastStatuses == null");
    this.clock = Objects.requireNonNull(clock, "clock == null");
  }

  @Override
  public String getDescription() {
    return "Mattermost quality gate alert";
  }

  @Override
  public void finished(Context context) {
    String outcome;
    try {
      outcome = alert(context.getProjectAnalysis());
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

  private String alert(ProjectAnalysis analysis) {
    Instant deadline = clock.instant().plus(BUDGET);
    String projectKey = analysis.getProject().getKey();
    GateSettings settings;
    try {
      settings = GateSettings.from(config);
    } catch (IllegalArgumentException e) {
      LOG.warn("Mattermost: no alert for {}, invalid setting {}", projectKey, e.getMessage());
      return "invalid-settings";
    }
    if (!settings.isActive()) {
      return settings.enabled() ? "not-configured" : "disabled";
    }
    settings.warnings().forEach(warning -> LOG.warn("Mattermost: invalid setting {}", warning));
    PreviousStatusSource previous = lastStatuses.before(previousStatusSource(settings));
    AlertDecision decision = AlertPolicy.decide(settings, analysis, previous, deadline);
    if (decision.fellBack()) {
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
    route.warning().ifPresent(warning -> LOG.warn("Mattermost: {}", warning));
    if (route.channel().isEmpty() && settings.botToken().isPresent()) {
      LOG.warn("Mattermost: no channel for {}: set {} or route the project", projectKey,
          MattermostProperties.DEFAULT_CHANNEL);
      return "no-channel";
    }
    AlertKind kind = decision.kind().orElseThrow();
    Post post = AlertMessage.build(kind, analysis, ServerUrls.publicRootUrl(server, config), warRoomUrl(settings))
        .newBuilder()
        .channel(route.channel().orElse(null))
        .username(settings.username().orElse(null))
        .build();
    String what = projectKey + " (" + kind + " to " + route + ")";
    DeliveryOutcome outcome = delivery.deliver(settings, post, what, summary(kind, post),
        coalesceKey(analysis));
    LOG.info("Mattermost: alert for {}: {}", what, outcome);
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

  private PreviousStatusSource previousStatusSource(GateSettings settings) {
    if (settings.notifyMode() != NotifyMode.CHANGES || settings.webApiToken().isEmpty()) {
      return (analysis, deadline) -> PreviousStatus.UNKNOWN;
    }
    HttpUrl baseUrl = HttpUrl.parse(ServerUrls.localWebApiUrl(settings, config));
    if (baseUrl == null) {
      LOG.warn("Mattermost: invalid setting {}: must be an http:// or https:// URL", MattermostProperties.WEB_API_URL);
      return (analysis, deadline) -> PreviousStatus.UNKNOWN;
    }
    return new WebApiPreviousStatus(delivery.httpClient(), baseUrl, settings.webApiToken().get());
  }

  private static String warRoomUrl(GateSettings settings) {
    Optional<String> channel = settings.warRoomChannel();
    Optional<String> site = settings.linkSiteUrl();
    if (channel.isEmpty() || site.isEmpty() || settings.team().isEmpty()) {
      return null;
    }
    try {
      return WarRoom.link(site.get(), settings.team().get(), channel.get());
    } catch (IllegalArgumentException e) {
      LOG.warn("Mattermost: no War Room link: {}", e.getMessage());
      return null;
    }
  }
}
