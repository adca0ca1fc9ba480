package org.commandcenter.sonar.mattermost;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Date;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The status kept per branch: recalled at once, written in the background, still there after a restart. */
class LastGateStatusesTest {

  @TempDir
  Path dataDir;

  @Test
  void recallsAStatusAtOnceAndKeepsItOnDiskForTheNextStart() throws Exception {
    MapConfiguration config = new MapConfiguration().set(AlertDelivery.PATH_DATA, dataDir.toString());
    LastGateStatuses statuses = new LastGateStatuses(config);
    statuses.remember(Analyses.tester(Analyses.noop(), Analyses.failingGate()).withAnalysisUuid("AYz-1").execute());

    // The next analysis, whether or not the write is done yet.
    assertThat(statuses.recall(Analyses.tester(Analyses.noop(), Analyses.passingGate()).withAnalysisUuid("AYz-2")
        .at(Date.from(Analyses.DATE.plusSeconds(60))).execute())).contains(PreviousStatus.ERROR);
    statuses.stop();

    try (var files = Files.list(dataDir.resolve(LastGateStatuses.DIRECTORY))) {
      assertThat(files.map(Path::toString)).singleElement().asString().doesNotEndWith(".tmp");
    }
    LastGateStatuses afterRestart = new LastGateStatuses(config);
    assertThat(afterRestart.recall(Analyses.tester(Analyses.noop(), Analyses.passingGate()).withAnalysisUuid("AYz-2")
        .at(Date.from(Analyses.DATE.plusSeconds(60))).execute())).contains(PreviousStatus.ERROR);
    // The analysis itself is not "the one before".
    assertThat(afterRestart.recall(Analyses.tester(Analyses.noop(), Analyses.failingGate()).withAnalysisUuid("AYz-1")
        .execute())).isEmpty();
  }

  @Test
  void theLatestOfTwoQuickAnalysesWins() throws Exception {
    MapConfiguration config = new MapConfiguration().set(AlertDelivery.PATH_DATA, dataDir.toString());
    LastGateStatuses statuses = new LastGateStatuses(config);
    statuses.remember(Analyses.tester(Analyses.noop(), Analyses.failingGate()).withAnalysisUuid("AYz-1").execute());
    statuses.remember(Analyses.tester(Analyses.noop(), Analyses.passingGate()).withAnalysisUuid("AYz-2")
        .at(Date.from(Analyses.DATE.plusSeconds(60))).execute());
    statuses.awaitWritten();

    assertThat(new LastGateStatuses(config).recall(Analyses.tester(Analyses.noop(), Analyses.failingGate())
        .withAnalysisUuid("AYz-3").at(Date.from(Analyses.DATE.plusSeconds(120))).execute()))
        .contains(PreviousStatus.OK);
  }

  @Test
  void aRehearsalKeepsNothing() throws Exception {
    MapConfiguration config = new MapConfiguration().set(AlertDelivery.PATH_DATA, dataDir.toString());
    LastGateStatuses statuses = new LastGateStatuses(config);
    statuses.start();

    statuses.rehearse(Analyses.tester(Analyses.noop(), Analyses.failingGate()).withAnalysisUuid("AYz-1").execute());
    statuses.stop();

    assertThat(dataDir.resolve(LastGateStatuses.DIRECTORY)).doesNotExist();
    assertThat(statuses.recall(Analyses.tester(Analyses.noop(), Analyses.passingGate()).withAnalysisUuid("AYz-2")
        .at(Date.from(Analyses.DATE.plusSeconds(60))).execute())).isEmpty();
  }
}
