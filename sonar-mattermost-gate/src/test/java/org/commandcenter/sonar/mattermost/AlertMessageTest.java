package org.commandcenter.sonar.mattermost;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Date;
import java.util.stream.Collectors;
import org.commandcenter.mattermost.Attachment;
import org.commandcenter.mattermost.Post;
import org.junit.jupiter.api.Test;
import org.sonar.api.ce.posttask.PostProjectAnalysisTask.ProjectAnalysis;
import org.sonar.api.ce.posttask.PostProjectAnalysisTaskTester;
import org.sonar.api.ce.posttask.QualityGate;

class AlertMessageTest {

  private static final String SERVER = "https://sonar.example.com";
  private static final String WAR_ROOM = "https://chat.example.com/factory/channels/war-room?join_call=true";

  @Test
  void rendersEachFailedConditionWithValueThresholdAndLink() {
    ProjectAnalysis analysis = Analyses.tester(Analyses.noop(), Analyses.failingGate()).execute();

    Attachment attachment = single(AlertMessage.build(AlertKind.GATE_FAILED, analysis, SERVER, WAR_ROOM));

    assertThat(attachment.color()).isEqualTo(AlertMessage.RED);
    assertThat(attachment.title()).isEqualTo("Quality gate failed: Shop Backend");
    assertThat(attachment.titleLink()).isEqualTo("https://sonar.example.com/dashboard?id=shop");
    assertThat(attachment.fallback()).isEqualTo("Quality gate failed: Shop Backend (branch main)");
    assertThat(attachment.text()).contains("**2 failed conditions**")
        .contains("- [Coverage on New Code](https://sonar.example.com/component_measures?id=shop&metric=new_coverage)"
            + ": **45.2%**, required ≥ 80.0%")
        .contains("- [Reliability Rating on New Code](https://sonar.example.com/component_measures?id=shop"
            + "&metric=new_reliability_rating): **C**, required A")
        .doesNotContain("Duplicated Lines")
        .contains("Not evaluated (no value yet): Security Hotspots Reviewed on New Code")
        .contains(":rotating_light: [Join the War Room](" + WAR_ROOM + ")");
    assertThat(fields(attachment)).isEqualTo("Quality gate=Sonar way | Status=Failed"
        + " | Branch=[main](https://sonar.example.com/dashboard?id=shop) | Revision=`4f2c9e1b7a3d`"
        + " | Analysis date=2026-11-29 10:15 UTC");
    assertThat(attachment.footer()).isEqualTo("SonarQube · shop");
  }

  @Test
  void rendersEveryMetricTypeReadably() {
    QualityGate gate = Analyses.gate(QualityGate.Status.ERROR,
        Analyses.failed("ncloc", QualityGate.Operator.GREATER_THAN, "5", "23"),
        Analyses.failed("comment_lines_density", QualityGate.Operator.LESS_THAN, "50", "4.3478"),
        Analyses.failed("sqale_index", QualityGate.Operator.GREATER_THAN, "60", "600"),
        Analyses.failed("new_maintainability_rating", QualityGate.Operator.GREATER_THAN, "2", "4"),
        Analyses.failed("test_execution_time", QualityGate.Operator.GREATER_THAN, "1000", "125000"),
        Analyses.failed("function_complexity", QualityGate.Operator.GREATER_THAN, "2", "3.5"));
    ProjectAnalysis analysis = Analyses.tester(Analyses.noop(), gate).execute();

    String text = single(AlertMessage.build(AlertKind.GATE_FAILED, analysis, SERVER, null)).text();

    assertThat(text)
        .contains("Lines of Code](").contains("): **23**, required ≤ 5")
        .contains("Comments (%)](").contains("): **4.3%**, required ≥ 50.0%")
        .contains("Technical Debt](").contains("): **1d 2h**, required ≤ 1h")
        .contains("Maintainability Rating on New Code](").contains("): **D**, required B or better")
        .contains("): **2 min 5 s**, required ≤ 1.0 s")
        .contains("): **3.5**, required ≤ 2")
        .doesNotContain("War Room");
  }

  @Test
  void linksBranchesAndPullRequestsToTheirOwnDashboards() {
    ProjectAnalysis onBranch = Analyses.tester(Analyses.noop(), Analyses.failingGate())
        .withBranch(Analyses.branch("release/2.1")).execute();
    ProjectAnalysis onPullRequest = Analyses.tester(Analyses.noop(), Analyses.failingGate())
        .withBranch(Analyses.pullRequest("42")).execute();

    Attachment branch = single(AlertMessage.build(AlertKind.GATE_FAILED, onBranch, SERVER + "/sonar/", null));
    Attachment pullRequest = single(AlertMessage.build(AlertKind.GATE_FAILED, onPullRequest, SERVER, null));

    assertThat(branch.titleLink()).isEqualTo("https://sonar.example.com/sonar/dashboard?id=shop&branch=release%2F2.1");
    assertThat(fields(branch)).contains("Branch=[release/2.1](https://sonar.example.com/sonar/dashboard?id=shop"
        + "&branch=release%2F2.1)");
    assertThat(branch.text()).contains("component_measures?id=shop&branch=release%2F2.1&metric=new_coverage");
    assertThat(pullRequest.titleLink()).isEqualTo("https://sonar.example.com/dashboard?id=shop&pullRequest=42");
    assertThat(fields(pullRequest)).contains("Pull request=[42](");
    assertThat(pullRequest.fallback()).endsWith("(pull request 42)");
  }

  @Test
  void neutralizesNamesBranchesAndRevisionsFromTheAnalysis() {
    ProjectAnalysis analysis = PostProjectAnalysisTaskTester.of(Analyses.noop())
        .withCeTask(PostProjectAnalysisTaskTester.newCeTaskBuilder().setId("t")
            .setStatus(org.sonar.api.ce.posttask.CeTask.Status.SUCCESS).build())
        .withProject(PostProjectAnalysisTaskTester.newProjectBuilder().setUuid("u").setKey("evil")
            .setName("@channel [click](http://evil.example)").build())
        .withBranch(Analyses.branch("@all-hands) [x](y"))
        .withQualityGate(Analyses.failingGate())
        .withScannerContext(PostProjectAnalysisTaskTester.newScannerContextBuilder().build())
        .withAnalysisUuid("a").withRevision("@here")
        .at(new Date())
        .execute();

    Attachment attachment = single(AlertMessage.build(AlertKind.GATE_FAILED, analysis, SERVER, null));
    String everything = attachment.title() + attachment.text() + attachment.fallback() + fields(attachment);

    assertThat(everything).doesNotContainPattern("(?<![\\w`])@(channel|all|here)\\b")
        .doesNotContain("[click](http://evil.example)");
    assertThat(attachment.titleLink()).isEqualTo(
        "https://sonar.example.com/dashboard?id=evil&branch=%40all-hands%29%20%5Bx%5D%28y");
  }

  @Test
  void saysBackToGreenWhenTheGatePassesAgain() {
    ProjectAnalysis analysis = Analyses.tester(Analyses.noop(), Analyses.passingGate()).execute();

    Attachment attachment = single(AlertMessage.build(AlertKind.BACK_TO_GREEN, analysis, SERVER, WAR_ROOM));

    assertThat(attachment.color()).isEqualTo(AlertMessage.GREEN);
    assertThat(attachment.title()).isEqualTo("Back to green: Shop Backend");
    assertThat(attachment.text()).isEqualTo("The quality gate passes again: all 2 conditions are met.");
    assertThat(fields(attachment)).contains("Status=Passed");
  }

  @Test
  void explainsAFailedAnalysisWithoutAQualityGate() {
    ProjectAnalysis analysis = Analyses.failedTask(Analyses.noop()).execute();

    Attachment attachment = single(AlertMessage.build(AlertKind.ANALYSIS_FAILED, analysis, SERVER, WAR_ROOM));

    assertThat(attachment.color()).isEqualTo(AlertMessage.ORANGE);
    assertThat(attachment.title()).isEqualTo("Analysis failed: Shop Backend");
    assertThat(attachment.titleLink()).isEqualTo("https://sonar.example.com/project/background_tasks?id=shop");
    assertThat(attachment.text()).startsWith("SonarQube could not process the analysis report of [Shop Backend](")
        .contains("[Join the War Room](");
    assertThat(fields(attachment)).doesNotContain("Quality gate").doesNotContain("Analysis date");
  }

  @Test
  void handlesAGateWhoseConditionsAllHaveNoValue() {
    QualityGate gate = Analyses.gate(QualityGate.Status.ERROR,
        Analyses.noValue("new_coverage", QualityGate.Operator.LESS_THAN, "80"));
    ProjectAnalysis analysis = Analyses.tester(Analyses.noop(), gate).execute();

    String text = single(AlertMessage.build(AlertKind.GATE_FAILED, analysis, SERVER, null)).text();

    assertThat(text).isEqualTo("The quality gate failed.\n\nNot evaluated (no value yet): Coverage on New Code");
  }

  private static Attachment single(Post post) {
    assertThat(post.attachments()).hasSize(1);
    return post.attachments().get(0);
  }

  private static String fields(Attachment attachment) {
    return attachment.fields().stream().map(f -> f.title() + "=" + f.value()).collect(Collectors.joining(" | "));
  }
}
