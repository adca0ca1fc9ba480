package org.commandcenter.sonar.mattermost;

import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import okhttp3.HttpUrl;
import org.commandcenter.mattermost.Attachment;
import org.commandcenter.mattermost.Field;
import org.commandcenter.mattermost.Post;
import org.commandcenter.mattermost.text.SafeText;
import org.sonar.api.ce.posttask.Branch;
import org.sonar.api.ce.posttask.PostProjectAnalysisTask.ProjectAnalysis;
import org.sonar.api.ce.posttask.QualityGate;

/**
 * Renders an analysis as a Mattermost post: a coloured attachment with the gate, the project and branch linked to
 * their dashboard, each failed condition (value against threshold), revision, date and, on failure, a War Room
 * link. Pure: everything it needs is passed in. Text that comes from the analysis (names, branches, revisions) is
 * neutralized so it cannot ping {@code @channel} or inject Markdown.
 */
public final class AlertMessage {

  static final String RED = "#d6202c";
  static final String GREEN = "#2eb886";
  static final String ORANGE = "#f0a020";
  static final String GREY = "#8c8c8c";
  private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'", Locale.ROOT)
      .withZone(ZoneOffset.UTC);

  private AlertMessage() {
  }

  /**
   * @param serverUrl the SonarQube server's public root URL, without trailing slash
   * @param warRoomUrl link to the War Room call, added to failure alerts; may be null
   */
  public static Post build(AlertKind kind, ProjectAnalysis analysis, String serverUrl, String warRoomUrl) {
    Objects.requireNonNull(kind, "kind == null");
    Objects.requireNonNull(analysis, "analysis == null");
    Objects.requireNonNull(serverUrl, "serverUrl == null");
    Links links = new Links(HttpUrl.get(serverUrl), analysis);
    String project = SafeText.neutralize(analysis.getProject().getName());
    String where = where(analysis);
    String headline = headline(kind) + ": " + project;

    Attachment.Builder attachment = Attachment.builder()
        .fallback(headline + (where.isEmpty() ? "" : " (" + where + ")"))
        .color(color(kind))
        .authorName("SonarQube")
        .authorLink(links.root())
        .title(headline)
        .titleLink(kind == AlertKind.ANALYSIS_FAILED ? links.backgroundTasks() : links.dashboard())
        .text(body(kind, analysis, links, warRoomUrl))
        .footer("SonarQube · " + SafeText.neutralize(analysis.getProject().getKey()));

    QualityGate gate = analysis.getQualityGate();
    if (gate != null && kind != AlertKind.ANALYSIS_FAILED) {
      attachment.addField(Field.of("Quality gate", SafeText.neutralize(gate.getName()), true));
      attachment.addField(Field.of("Status", isFailed(gate) ? "Failed" : "Passed", true));
    }
    branchField(analysis, links).ifPresent(attachment::addField);
    revision(analysis).ifPresent(revision -> attachment.addField(Field.of("Revision", revision, true)));
    analysis.getAnalysis().ifPresent(a -> attachment.addField(
        Field.of("Analysis date", DATE.format(a.getDate().toInstant()), true)));
    return Post.builder().addAttachment(attachment.build()).build();
  }

  static String headline(AlertKind kind) {
    switch (kind) {
      case GATE_FAILED:
        return "Quality gate failed";
      case BACK_TO_GREEN:
        return "Back to green";
      case GATE_PASSED:
        return "Quality gate passed";
      case NO_GATE:
        return "Analysis finished without a quality gate";
      case ANALYSIS_FAILED:
      default:
        return "Analysis failed";
    }
  }

  private static String color(AlertKind kind) {
    switch (kind) {
      case GATE_FAILED:
        return RED;
      case BACK_TO_GREEN:
      case GATE_PASSED:
        return GREEN;
      case ANALYSIS_FAILED:
        return ORANGE;
      case NO_GATE:
      default:
        return GREY;
    }
  }

  private static String body(AlertKind kind, ProjectAnalysis analysis, Links links, String warRoomUrl) {
    StringBuilder text = new StringBuilder();
    QualityGate gate = analysis.getQualityGate();
    switch (kind) {
      case ANALYSIS_FAILED:
        text.append("SonarQube could not process the analysis report of ")
            .append(SafeText.link(analysis.getProject().getName(), links.dashboard()))
            .append(". See its [background tasks](").append(links.backgroundTasks()).append(").");
        break;
      case NO_GATE:
        text.append("No quality gate is set for this project.");
        break;
      case BACK_TO_GREEN:
        text.append("The quality gate passes again").append(conditionCount(gate)).append('.');
        break;
      case GATE_PASSED:
        text.append("The quality gate passes").append(conditionCount(gate)).append('.');
        break;
      case GATE_FAILED:
      default:
        failedConditions(gate, links, text);
        notEvaluated(gate, text);
        break;
    }
    if ((kind == AlertKind.GATE_FAILED || kind == AlertKind.ANALYSIS_FAILED) && warRoomUrl != null) {
      text.append("\n\n:rotating_light: [Join the War Room](").append(urlForMarkdown(warRoomUrl)).append(')');
    }
    return text.toString();
  }

  private static void failedConditions(QualityGate gate, Links links, StringBuilder text) {
    List<QualityGate.Condition> failed = new ArrayList<>();
    if (gate != null) {
      for (QualityGate.Condition condition : gate.getConditions()) {
        if ("ERROR".equals(condition.getStatus().name())) {
          failed.add(condition);
        }
      }
    }
    if (failed.isEmpty()) {
      text.append("The quality gate failed.");
      return;
    }
    text.append(failed.size() == 1 ? "**1 failed condition**" : "**" + failed.size() + " failed conditions**");
    for (QualityGate.Condition condition : failed) {
      text.append("\n- ").append(describe(condition, links));
    }
  }

  /** "[Coverage on New Code](…): **45.2%**, required ≥ 80.0%". */
  static String describe(QualityGate.Condition condition, Links links) {
    MetricFormat metric = MetricFormat.of(condition.getMetricKey());
    String name = link(metric.name(), links.measure(condition.getMetricKey()));
    if ("NO_VALUE".equals(condition.getStatus().name())) {
      return name + ": no value";
    }
    boolean greaterFails = "GREATER_THAN".equals(condition.getOperator().name());
    return name + ": **" + metric.format(condition.getValue()) + "**, required "
        + metric.requirement(greaterFails, condition.getErrorThreshold());
  }

  private static void notEvaluated(QualityGate gate, StringBuilder text) {
    if (gate == null) {
      return;
    }
    List<String> names = new ArrayList<>();
    for (QualityGate.Condition condition : gate.getConditions()) {
      if ("NO_VALUE".equals(condition.getStatus().name())) {
        names.add(MetricFormat.of(condition.getMetricKey()).name());
      }
    }
    if (!names.isEmpty()) {
      text.append("\n\nNot evaluated (no value yet): ").append(String.join(", ", names));
    }
  }

  private static String conditionCount(QualityGate gate) {
    if (gate == null) {
      return "";
    }
    int count = 0;
    for (QualityGate.Condition condition : gate.getConditions()) {
      if (!"NO_VALUE".equals(condition.getStatus().name())) {
        count++;
      }
    }
    return count == 0 ? "" : count == 1 ? ": its condition is met" : ": all " + count + " conditions are met";
  }

  private static boolean isFailed(QualityGate gate) {
    return "ERROR".equals(gate.getStatus().name());
  }

  private static String where(ProjectAnalysis analysis) {
    Optional<Branch> branch = analysis.getBranch();
    if (branch.isEmpty() || branch.get().getName().isEmpty()) {
      return "";
    }
    String name = SafeText.neutralize(branch.get().getName().get());
    return branch.get().getType() == Branch.Type.PULL_REQUEST ? "pull request " + name : "branch " + name;
  }

  private static Optional<Field> branchField(ProjectAnalysis analysis, Links links) {
    Optional<Branch> branch = analysis.getBranch();
    if (branch.isEmpty() || branch.get().getName().isEmpty()) {
      return Optional.empty();
    }
    boolean pullRequest = branch.get().getType() == Branch.Type.PULL_REQUEST;
    return Optional.of(Field.of(pullRequest ? "Pull request" : "Branch",
        SafeText.link(branch.get().getName().get(), links.dashboard()), true));
  }

  private static Optional<String> revision(ProjectAnalysis analysis) {
    return analysis.getAnalysis().flatMap(a -> a.getRevision()).map(String::trim).filter(r -> !r.isEmpty())
        .map(r -> r.matches("[0-9a-fA-F]{7,64}") ? "`" + r.substring(0, Math.min(12, r.length())) + "`"
            : SafeText.neutralize(r));
  }

  /** A link whose label is ours (metric names), not the analysis'. */
  private static String link(String trustedLabel, String url) {
    return "[" + trustedLabel.replace("[", "\\[").replace("]", "\\]") + "](" + url + ")";
  }

  /** Parentheses and spaces would end a Markdown link early. */
  static String urlForMarkdown(String url) {
    return url.replace("(", "%28").replace(")", "%29").replace(" ", "%20");
  }

  /** Links into SonarQube for one analysis' project and branch or pull request. */
  static final class Links {
    private final HttpUrl root;
    private final String projectKey;
    private final String branchParameter;
    private final String branchValue;

    Links(HttpUrl root, ProjectAnalysis analysis) {
      this.root = root;
      this.projectKey = analysis.getProject().getKey();
      Optional<Branch> branch = analysis.getBranch();
      if (branch.isPresent() && !branch.get().isMain() && branch.get().getName().isPresent()) {
        this.branchParameter = branch.get().getType() == Branch.Type.PULL_REQUEST ? "pullRequest" : "branch";
        this.branchValue = branch.get().getName().get();
      } else {
        this.branchParameter = null;
        this.branchValue = null;
      }
    }

    String root() {
      return urlForMarkdown(root.toString().replaceAll("/$", ""));
    }

    String dashboard() {
      return page("dashboard", null);
    }

    String measure(String metricKey) {
      return page("component_measures", metricKey);
    }

    String backgroundTasks() {
      return urlForMarkdown(root.newBuilder().addPathSegments("project/background_tasks")
          .addQueryParameter("id", projectKey).build().toString());
    }

    private String page(String path, String metricKey) {
      HttpUrl.Builder url = root.newBuilder().addPathSegment(path).addQueryParameter("id", projectKey);
      if (branchParameter != null) {
        url.addQueryParameter(branchParameter, branchValue);
      }
      if (metricKey != null) {
        url.addQueryParameter("metric", metricKey);
      }
      return urlForMarkdown(url.build().toString());
    }
  }
}
