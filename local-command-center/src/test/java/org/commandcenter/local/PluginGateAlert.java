package org.commandcenter.local;

import static org.sonar.api.ce.posttask.PostProjectAnalysisTaskTester.newBranchBuilder;
import static org.sonar.api.ce.posttask.PostProjectAnalysisTaskTester.newCeTaskBuilder;
import static org.sonar.api.ce.posttask.PostProjectAnalysisTaskTester.newConditionBuilder;
import static org.sonar.api.ce.posttask.PostProjectAnalysisTaskTester.newProjectBuilder;
import static org.sonar.api.ce.posttask.PostProjectAnalysisTaskTester.newQualityGateBuilder;
import static org.sonar.api.ce.posttask.PostProjectAnalysisTaskTester.newScannerContextBuilder;

import java.time.Instant;
import java.util.Date;
import org.commandcenter.sonar.mattermost.AlertDelivery;
import org.commandcenter.sonar.mattermost.FixedServer;
import org.commandcenter.sonar.mattermost.GateSettingsSource;
import org.commandcenter.sonar.mattermost.LastGateStatuses;
import org.commandcenter.sonar.mattermost.MapConfiguration;
import org.commandcenter.sonar.mattermost.MattermostProperties;
import org.commandcenter.sonar.mattermost.QualityGateAlertTask;
import org.sonar.api.ce.posttask.Branch;
import org.sonar.api.ce.posttask.CeTask;
import org.sonar.api.ce.posttask.PostProjectAnalysisTaskTester;
import org.sonar.api.ce.posttask.QualityGate;

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

  /** Runs the task once; the alert is delivered in the background by the plugin's delivery engine. */
  static AlertDelivery postFailedGate(String mattermostUrl) {
    MapConfiguration settings = new MapConfiguration()
        .set(MattermostProperties.SITE_URL, mattermostUrl)
        .set(MattermostProperties.BOT_TOKEN, LocalMattermost.SONAR_BOT_TOKEN)
        .set(MattermostProperties.TEAM, LocalMattermost.TEAM)
        .set(MattermostProperties.DEFAULT_CHANNEL, LocalMattermost.ALERTS)
        .set(MattermostProperties.WAR_ROOM_CHANNEL, LocalMattermost.WAR_ROOM)
        .set(MattermostProperties.NOTIFY, "failed");
    // No sonar.path.data here: the outbox stays in memory, which is all a one-alert demo needs.
    GateSettingsSource source = new GateSettingsSource(settings); // not started: read once, when the alert is made
    AlertDelivery delivery = new AlertDelivery(settings, source);
    delivery.start();
    QualityGateAlertTask task = new QualityGateAlertTask(settings, new FixedServer(SONAR_URL), delivery,
        new LastGateStatuses(settings), source);
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
}
