package org.commandcenter.local;

import static org.sonar.api.ce.posttask.PostProjectAnalysisTaskTester.newBranchBuilder;
import static org.sonar.api.ce.posttask.PostProjectAnalysisTaskTester.newCeTaskBuilder;
import static org.sonar.api.ce.posttask.PostProjectAnalysisTaskTester.newConditionBuilder;
import static org.sonar.api.ce.posttask.PostProjectAnalysisTaskTester.newProjectBuilder;
import static org.sonar.api.ce.posttask.PostProjectAnalysisTaskTester.newQualityGateBuilder;
import static org.sonar.api.ce.posttask.PostProjectAnalysisTaskTester.newScannerContextBuilder;

import java.time.Instant;
import java.util.Date;
import java.util.Map;
import java.util.Optional;
import org.commandcenter.sonar.mattermost.AlertDelivery;
import org.commandcenter.sonar.mattermost.MattermostProperties;
import org.commandcenter.sonar.mattermost.QualityGateAlertTask;
import org.sonar.api.ce.posttask.Branch;
import org.sonar.api.ce.posttask.CeTask;
import org.sonar.api.ce.posttask.PostProjectAnalysisTaskTester;
import org.sonar.api.ce.posttask.QualityGate;
import org.sonar.api.config.Configuration;
import org.sonar.api.platform.Server;

/**
 * The #alerts post without a SonarQube server: the SonarQube plugin's own post-analysis task, configured as an admin
 * would, handed a failed quality gate by SonarQube's {@link PostProjectAnalysisTaskTester} (as the Compute Engine
 * hands it a real analysis), posting as sonar-bot to the stand-in.
 */
final class PluginGateAlert {
  static final String PROJECT_NAME = "Payments Service";
  static final String SONAR_URL = "https://sonar.factory.example";

  private PluginGateAlert() {
  }

  /** Runs the task once; the alert is delivered in the background by the plugin's delivery queue. */
  static AlertDelivery postFailedGate(String mattermostUrl) {
    Map<String, String> settings = Map.of(
        MattermostProperties.SITE_URL, mattermostUrl,
        MattermostProperties.BOT_TOKEN, LocalMattermost.SONAR_BOT_TOKEN,
        MattermostProperties.TEAM, LocalMattermost.TEAM,
        MattermostProperties.DEFAULT_CHANNEL, LocalMattermost.ALERTS,
        MattermostProperties.WAR_ROOM_CHANNEL, LocalMattermost.WAR_ROOM,
        MattermostProperties.NOTIFY, "failed");
    AlertDelivery delivery = new AlertDelivery();
    delivery.start();
    QualityGateAlertTask task = new QualityGateAlertTask(new MapConfiguration(settings), new PublicServer(SONAR_URL),
        delivery);
    PostProjectAnalysisTaskTester.of(task)
        .withCeTask(newCeTaskBuilder().setId("AYz9-ce-task-142").setStatus(CeTask.Status.SUCCESS).build())
        .withProject(newProjectBuilder().setUuid("uuid-payments").setKey(ScriptedBuilds.JOB).setName(PROJECT_NAME).build())
        .withBranch(newBranchBuilder().setName("main").setType(Branch.Type.BRANCH).setIsMain(true).build())
        .withQualityGate(newQualityGateBuilder().setId("1").setName("Sonar way").setStatus(QualityGate.Status.ERROR)
            .add(condition("new_coverage", QualityGate.Operator.LESS_THAN, "80", QualityGate.EvaluationStatus.ERROR, "61.2"))
            .add(condition("new_reliability_rating", QualityGate.Operator.GREATER_THAN, "1",
                QualityGate.EvaluationStatus.ERROR, "3"))
            .add(condition("new_security_hotspots_reviewed", QualityGate.Operator.LESS_THAN, "100",
                QualityGate.EvaluationStatus.ERROR, "50.0"))
            .add(condition("new_duplicated_lines_density", QualityGate.Operator.GREATER_THAN, "3",
                QualityGate.EvaluationStatus.OK, "1.4"))
            .build())
        .withScannerContext(newScannerContextBuilder().build())
        .withAnalysisUuid("AYz9-analysis-142")
        .withRevision("4f9c2e1b7a3d5c6e8f9a0b1c2d3e4f5a6b7c8d9e")
        .at(Date.from(Instant.now()))
        .execute();
    return delivery;
  }

  private static QualityGate.Condition condition(String metric, QualityGate.Operator operator, String threshold,
      QualityGate.EvaluationStatus status, String value) {
    return newConditionBuilder().setMetricKey(metric).setOperator(operator).setErrorThreshold(threshold)
        .build(status, value);
  }

  /** The Compute Engine's view of the server, as SonarQube's ServerImpl gives it with a server base URL set. */
  @SuppressWarnings("deprecation")
  private static final class PublicServer extends Server {
    private final String publicRootUrl;

    PublicServer(String publicRootUrl) {
      this.publicRootUrl = publicRootUrl;
    }

    @Override
    public String getId() {
      return "AYlocal-command-center";
    }

    @Override
    public String getPermanentServerId() {
      return getId();
    }

    @Override
    public String getVersion() {
      return "26.9.0.129388";
    }

    @Override
    public Date getStartedAt() {
      return new Date();
    }

    @Override
    public String getContextPath() {
      return "";
    }

    @Override
    public String getPublicRootUrl() {
      return publicRootUrl;
    }

    @Override
    public boolean isSecured() {
      return publicRootUrl.startsWith("https://");
    }
  }

  /** SonarQube's settings as the plugin reads them. */
  private static final class MapConfiguration implements Configuration {
    private final Map<String, String> values;

    MapConfiguration(Map<String, String> values) {
      this.values = values;
    }

    @Override
    public Optional<String> get(String key) {
      return Optional.ofNullable(values.get(key));
    }

    @Override
    public boolean hasKey(String key) {
      return values.containsKey(key);
    }

    @Override
    public String[] getStringArray(String key) {
      String value = values.get(key);
      return value == null ? new String[0] : value.split(",");
    }
  }
}
