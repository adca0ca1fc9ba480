package org.commandcenter.sonar.mattermost;

import java.util.Collection;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.sonar.api.ce.posttask.Analysis;
import org.sonar.api.ce.posttask.Branch;
import org.sonar.api.ce.posttask.CeTask;
import org.sonar.api.ce.posttask.PostProjectAnalysisTask.ProjectAnalysis;
import org.sonar.api.ce.posttask.Project;
import org.sonar.api.ce.posttask.QualityGate;
import org.sonar.api.ce.posttask.ScannerContext;
import org.sonar.api.config.Configuration;
import org.sonar.api.utils.log.Logger;
import org.sonar.api.utils.log.Loggers;

/**
 * Rehearses an alert for a made-up analysis on a background thread when the Compute Engine starts, so that the first
 * real analysis does not pay, on the Compute Engine's thread and in the task time SonarQube logs for it, for loading
 * and linking what an alert runs (a few hundred classes: settings, rendering, the client, the outbox's encoding).
 * Nothing is sent or written; the client for the current settings is built as the first alert would build it.
 * While the plugin is not configured yet, stand-in settings take the rehearsal all the way.
 */
final class AlertWarmUp {

  private static final Logger LOG = Loggers.get(AlertWarmUp.class);
  /**
   * What the rehearsal uses while the plugin is not configured yet (settings are often made after the server
   * started): a bot connection with "changes", so the whole path is gone through. Nothing is ever sent with it.
   */
  private static final GateSettingsSource STAND_IN_SETTINGS = GateSettingsSource.readEveryTime(
      new StandInSettings(Map.of(
          MattermostProperties.SITE_URL, "http://localhost:8065",
          MattermostProperties.BOT_TOKEN, "warmupwarmupwarmupwarmupwa",
          MattermostProperties.TEAM, "warm-up",
          MattermostProperties.DEFAULT_CHANNEL, "warm-up",
          MattermostProperties.WAR_ROOM_CHANNEL, "war-room",
          MattermostProperties.NOTIFY, NotifyMode.CHANGES.value(),
          MattermostProperties.WEB_API_TOKEN, "warm-up")));

  private AlertWarmUp() {
  }

  static void startInBackground(QualityGateAlertTask task) {
    Thread thread = new Thread(() -> run(task), "mattermost-alert-warm-up");
    thread.setDaemon(true);
    thread.start();
  }

  static void run(QualityGateAlertTask task) {
    try {
      task.rehearse(new MadeUpAnalysis(QualityGate.Status.ERROR), STAND_IN_SETTINGS);
      task.rehearse(new MadeUpAnalysis(QualityGate.Status.OK), STAND_IN_SETTINGS);
    } catch (RuntimeException | LinkageError e) {
      // Only a head start: the first alert does whatever is left.
      LOG.debug("Mattermost: warm-up stopped early", e);
    }
  }

  private static final class StandInSettings implements Configuration {
    private final Map<String, String> values;

    StandInSettings(Map<String, String> values) {
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
      return get(key).map(value -> value.split(",")).orElse(new String[0]);
    }
  }

  /** A failing or passing gate, with the kinds of condition an alert explains. */
  private static final class MadeUpAnalysis implements ProjectAnalysis, Project, Analysis, ScannerContext {

    private final Date date = new Date();
    private final QualityGate.Status status;

    MadeUpAnalysis(QualityGate.Status status) {
      this.status = status;
    }

    @Override
    public Optional<org.sonar.api.ce.posttask.Organization> getOrganization() {
      return Optional.empty();
    }

    @Override
    public CeTask getCeTask() {
      return new CeTask() {
        @Override
        public String getId() {
          return "warm-up";
        }

        @Override
        public Status getStatus() {
          return Status.SUCCESS;
        }
      };
    }

    @Override
    public Project getProject() {
      return this;
    }

    /** The main branch: no branch filter keeps the rehearsal from going all the way. */
    @Override
    public Optional<Branch> getBranch() {
      return Optional.empty();
    }

    @Override
    public QualityGate getQualityGate() {
      return new QualityGate() {
        @Override
        public String getId() {
          return "warm-up";
        }

        @Override
        public String getName() {
          return "Warm-up way";
        }

        @Override
        public Status getStatus() {
          return status;
        }

        @Override
        public Collection<Condition> getConditions() {
          boolean failed = status == Status.ERROR;
          return List.of(condition("new_coverage", Operator.LESS_THAN, "80", failed ? "45.2" : "85.0", failed),
              condition("new_reliability_rating", Operator.GREATER_THAN, "1", failed ? "3" : "1", failed),
              condition("new_duplicated_lines_density", Operator.GREATER_THAN, "3", null, false));
        }
      };
    }

    @Override
    public Optional<Analysis> getAnalysis() {
      return Optional.of(this);
    }

    @Override
    public ScannerContext getScannerContext() {
      return this;
    }

    @Override
    public String getScmRevisionId() {
      return null;
    }

    @Override
    public String getUuid() {
      return "mattermost-warm-up";
    }

    @Override
    public String getKey() {
      return "mattermost-warm-up";
    }

    @Override
    public String getName() {
      return "Warm-up";
    }

    @Override
    public String getAnalysisUuid() {
      return "warm-up";
    }

    @Override
    public Date getDate() {
      return date;
    }

    @Override
    public Optional<String> getRevision() {
      return Optional.empty();
    }

    @Override
    public Map<String, String> getProperties() {
      return Map.of();
    }

    private static QualityGate.Condition condition(String metric, QualityGate.Operator operator, String threshold,
        String value, boolean failed) {
      return new QualityGate.Condition() {
        @Override
        public QualityGate.EvaluationStatus getStatus() {
          return value == null ? QualityGate.EvaluationStatus.NO_VALUE
              : failed ? QualityGate.EvaluationStatus.ERROR : QualityGate.EvaluationStatus.OK;
        }

        @Override
        public String getMetricKey() {
          return metric;
        }

        @Override
        public QualityGate.Operator getOperator() {
          return operator;
        }

        @Override
        public String getErrorThreshold() {
          return threshold;
        }

        @Override
        @Deprecated
        public String getWarningThreshold() {
          return null;
        }

        @Override
        @Deprecated
        public boolean isOnLeakPeriod() {
          return true;
        }

        @Override
        public String getValue() {
          if (value == null) {
            throw new IllegalStateException("no value");
          }
          return value;
        }
      };
    }
  }
}
