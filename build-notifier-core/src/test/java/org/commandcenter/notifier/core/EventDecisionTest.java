package org.commandcenter.notifier.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.commandcenter.notifier.core.BuildResult.ABORTED;
import static org.commandcenter.notifier.core.BuildResult.FAILURE;
import static org.commandcenter.notifier.core.BuildResult.NOT_BUILT;
import static org.commandcenter.notifier.core.BuildResult.SUCCESS;
import static org.commandcenter.notifier.core.BuildResult.UNSTABLE;
import static org.commandcenter.notifier.core.Fixtures.build;
import static org.commandcenter.notifier.core.Fixtures.tests;

import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class EventDecisionTest {
  private static final NotifyConfig ALL = NotifyConfig.builder().events(EnumSet.allOf(BuildEvent.class)).build();

  private static Optional<BuildEvent> decide(BuildFacts.Builder facts, NotifyConfig config) {
    return NotificationEngine.decide(facts.build(), config);
  }

  private static NotifyConfig only(BuildEvent... events) {
    return NotifyConfig.builder().events(events.length == 0 ? EnumSet.noneOf(BuildEvent.class)
        : EnumSet.copyOf(List.of(events))).build();
  }

  @Test
  void defaultConfigurationNotifiesFirstFailureAndBackToNormalOnly() {
    NotifyConfig defaults = NotifyConfig.builder().build();
    assertThat(decide(build(FAILURE, SUCCESS), defaults)).contains(BuildEvent.FAILURE);
    assertThat(decide(build(FAILURE, FAILURE), defaults)).isEmpty();
    assertThat(decide(build(SUCCESS, FAILURE), defaults)).contains(BuildEvent.BACK_TO_NORMAL);
    assertThat(decide(build(SUCCESS, SUCCESS), defaults)).isEmpty();
    assertThat(decide(build(null, SUCCESS), defaults)).isEmpty();
  }

  @Test
  void startedWhenRunningAndStartIsEnabled() {
    assertThat(decide(build(null), only(BuildEvent.STARTED))).contains(BuildEvent.STARTED);
    assertThat(decide(build(null), only(BuildEvent.FAILURE, BuildEvent.SUCCESS))).isEmpty();
  }

  @Test
  void successNotifiesOnlyWhenEnabled() {
    assertThat(decide(build(SUCCESS, SUCCESS), only(BuildEvent.SUCCESS))).contains(BuildEvent.SUCCESS);
    assertThat(decide(build(SUCCESS), only(BuildEvent.SUCCESS))).contains(BuildEvent.SUCCESS);
    assertThat(decide(build(SUCCESS, SUCCESS), only(BuildEvent.BACK_TO_NORMAL))).isEmpty();
  }

  @Test
  void backToNormalAfterFailureOrUnstableAndSuccessAsFallback() {
    assertThat(decide(build(SUCCESS, FAILURE), ALL)).contains(BuildEvent.BACK_TO_NORMAL);
    assertThat(decide(build(SUCCESS, UNSTABLE), ALL)).contains(BuildEvent.BACK_TO_NORMAL);
    assertThat(decide(build(SUCCESS, FAILURE), only(BuildEvent.SUCCESS))).contains(BuildEvent.SUCCESS);
  }

  @Test
  void abortedAndNotBuiltBuildsDoNotBreakTransitions() {
    assertThat(decide(build(SUCCESS, ABORTED, NOT_BUILT, FAILURE), ALL)).contains(BuildEvent.BACK_TO_NORMAL);
    assertThat(decide(build(FAILURE, ABORTED, FAILURE), only(BuildEvent.FAILURE))).isEmpty();
    assertThat(decide(build(FAILURE, ABORTED, FAILURE), only(BuildEvent.REPEATED_FAILURE)))
        .contains(BuildEvent.REPEATED_FAILURE);
    assertThat(decide(build(SUCCESS, ABORTED), only(BuildEvent.BACK_TO_NORMAL))).isEmpty();
  }

  @Test
  void firstFailureOnlyByDefault() {
    assertThat(decide(build(FAILURE), only(BuildEvent.FAILURE))).contains(BuildEvent.FAILURE);
    assertThat(decide(build(FAILURE, SUCCESS), only(BuildEvent.FAILURE))).contains(BuildEvent.FAILURE);
    assertThat(decide(build(FAILURE, UNSTABLE), only(BuildEvent.FAILURE))).contains(BuildEvent.FAILURE);
    assertThat(decide(build(FAILURE, FAILURE), only(BuildEvent.FAILURE))).isEmpty();
  }

  @Test
  void everyFailureNotifiesRepeatedFailuresToo() {
    NotifyConfig every = only(BuildEvent.FAILURE).newBuilder().everyFailure(true).build();
    assertThat(decide(build(FAILURE, SUCCESS), every)).contains(BuildEvent.FAILURE);
    assertThat(decide(build(FAILURE, FAILURE), every)).contains(BuildEvent.REPEATED_FAILURE);
    assertThat(decide(build(FAILURE, FAILURE, FAILURE), every)).contains(BuildEvent.REPEATED_FAILURE);
  }

  @Test
  void repeatedFailureAloneDoesNotNotifyTheFirstFailure() {
    NotifyConfig repeated = only(BuildEvent.REPEATED_FAILURE);
    assertThat(decide(build(FAILURE, FAILURE), repeated)).contains(BuildEvent.REPEATED_FAILURE);
    assertThat(decide(build(FAILURE, SUCCESS), repeated)).isEmpty();
  }

  @Test
  void unstableAbortedAndNotBuiltNotifyWhenEnabled() {
    assertThat(decide(build(UNSTABLE, SUCCESS), only(BuildEvent.UNSTABLE))).contains(BuildEvent.UNSTABLE);
    assertThat(decide(build(UNSTABLE, UNSTABLE), only(BuildEvent.UNSTABLE))).contains(BuildEvent.UNSTABLE);
    assertThat(decide(build(UNSTABLE, FAILURE), ALL)).contains(BuildEvent.UNSTABLE);
    assertThat(decide(build(ABORTED, SUCCESS), only(BuildEvent.ABORTED))).contains(BuildEvent.ABORTED);
    assertThat(decide(build(NOT_BUILT, SUCCESS), only(BuildEvent.NOT_BUILT))).contains(BuildEvent.NOT_BUILT);
    assertThat(decide(build(ABORTED, SUCCESS), only(BuildEvent.FAILURE))).isEmpty();
    assertThat(decide(build(NOT_BUILT), ALL.newBuilder().event(BuildEvent.NOT_BUILT, false).build())).isEmpty();
  }

  @Test
  void regressionWhenTheResultGetsWorse() {
    NotifyConfig regression = only(BuildEvent.REGRESSION);
    assertThat(decide(build(FAILURE, SUCCESS), regression)).contains(BuildEvent.REGRESSION);
    assertThat(decide(build(FAILURE, UNSTABLE), regression)).contains(BuildEvent.REGRESSION);
    assertThat(decide(build(UNSTABLE, SUCCESS), regression)).contains(BuildEvent.REGRESSION);
    assertThat(decide(build(UNSTABLE, FAILURE), regression)).isEmpty();
    assertThat(decide(build(SUCCESS, FAILURE), regression)).isEmpty();
    assertThat(decide(build(FAILURE), regression)).as("no earlier build to regress from").isEmpty();
  }

  @Test
  void statusEventWinsOverRegressionWhenBothAreEnabled() {
    assertThat(decide(build(FAILURE, SUCCESS), ALL)).contains(BuildEvent.FAILURE);
    assertThat(decide(build(UNSTABLE, SUCCESS), ALL)).contains(BuildEvent.UNSTABLE);
  }

  @Test
  void regressionWhenMoreTestsFailWithTheSameResult() {
    BuildFacts.Builder moreFailures = build(UNSTABLE, UNSTABLE)
        .testSummary(tests(100, List.of("a", "b", "c"), List.of("a", "b")));
    assertThat(decide(moreFailures, ALL)).contains(BuildEvent.REGRESSION);
    assertThat(decide(moreFailures, only(BuildEvent.UNSTABLE))).contains(BuildEvent.UNSTABLE);
  }

  @Test
  void regressionWhenDifferentTestsFailWithTheSameCount() {
    BuildFacts.Builder different = build(FAILURE, FAILURE)
        .testSummary(tests(100, List.of("a", "x"), List.of("a", "b")));
    assertThat(decide(different, ALL)).contains(BuildEvent.REGRESSION);
    assertThat(decide(different, only(BuildEvent.REPEATED_FAILURE))).contains(BuildEvent.REPEATED_FAILURE);
  }

  @Test
  void regressionFromFailedCountWhenNamesAreUnknown() {
    TestSummary summary = TestSummary.builder().total(10).failed(3).previousFailedCount(1).build();
    assertThat(decide(build(UNSTABLE, UNSTABLE).testSummary(summary), only(BuildEvent.REGRESSION)))
        .contains(BuildEvent.REGRESSION);
  }

  @Test
  void noRegressionWhenTheSameOrFewerTestsFail() {
    BuildFacts.Builder same = build(UNSTABLE, UNSTABLE).testSummary(tests(100, List.of("a"), List.of("a", "b")));
    assertThat(decide(same, only(BuildEvent.REGRESSION))).isEmpty();
    BuildFacts.Builder unknown = build(UNSTABLE, UNSTABLE).testSummary(tests(100, List.of("a", "b"), null));
    assertThat(decide(unknown, only(BuildEvent.REGRESSION))).isEmpty();
    assertThat(decide(build(FAILURE, FAILURE), only(BuildEvent.REGRESSION))).isEmpty();
  }

  @Test
  void resultOrderMatchesJenkins() {
    assertThat(FAILURE.isWorseThan(UNSTABLE)).isTrue();
    assertThat(UNSTABLE.isWorseThan(SUCCESS)).isTrue();
    assertThat(ABORTED.isWorseThan(NOT_BUILT)).isTrue();
    assertThat(SUCCESS.isWorseThan(SUCCESS)).isFalse();
  }
}
