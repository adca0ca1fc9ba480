package org.commandcenter.jenkins.mattermost;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.doAnswer;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import hudson.model.Action;
import hudson.model.Job;
import hudson.model.Run;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.commandcenter.notifier.core.PostRef;
import org.junit.jupiter.api.Test;

class RunThreadStoreTest {
  /** A run whose persisted action list is real; it never holds its own monitor while asked for earlier builds. */
  @SuppressWarnings({"unchecked", "rawtypes", "deprecation"})
  private static Run runWithActionSlot(Run previous) {
    Run run = mock(Run.class);
    List<Action> actions = new CopyOnWriteArrayList<>();
    when(run.getActions()).thenReturn(actions);
    doAnswer(i -> actions.add(i.getArgument(0, Action.class))).when(run).addAction(any(Action.class));
    when(run.getPreviousBuild()).thenAnswer(i -> {
      assertThat(Thread.holdsLock(run)).as("the run's monitor (Run.save's) is not held while loading builds").isFalse();
      return previous;
    });
    return run;
  }

  @Test
  void remembersTheBuildThreadOnTheRunAndSavesIt() throws Exception {
    Run<?, ?> run = runWithActionSlot(null);
    RunThreadStore store = new RunThreadStore(run);

    assertThat(store.buildThread("builds")).isEmpty();
    store.saveBuildThread("builds", PostRef.of("root1", "chan1"));

    assertThat(store.buildThread("builds")).contains(PostRef.of("root1", "chan1"));
    assertThat(new RunThreadStore(run).buildThread("builds")).contains(PostRef.of("root1", "chan1"));
    verify(run).save();
  }

  @Test
  void openIncidentTravelsToTheNextBuildUntilClosed() {
    Run<?, ?> first = runWithActionSlot(null);
    new RunThreadStore(first).saveOpenIncident("builds", PostRef.of("incident", "chan1"));
    Run<?, ?> second = runWithActionSlot(first);
    Run<?, ?> third = runWithActionSlot(second);

    RunThreadStore secondStore = new RunThreadStore(second);
    assertThat(secondStore.openIncident("builds")).contains(PostRef.of("incident", "chan1"));
    assertThat(secondStore.buildThread("builds")).isEmpty();
    secondStore.closeIncident("builds");

    assertThat(new RunThreadStore(third).openIncident("builds")).isEmpty();
    assertThat(new RunThreadStore(first).openIncident("builds")).isPresent();
  }

  @Test
  void looksPastBuildsThatNeverNotified() {
    Run<?, ?> first = runWithActionSlot(null);
    new RunThreadStore(first).saveOpenIncident("alerts", PostRef.of("incident", null));
    Run<?, ?> quiet = runWithActionSlot(first);
    Run<?, ?> now = runWithActionSlot(quiet);

    assertThat(new RunThreadStore(now).openIncident("alerts")).contains(PostRef.of("incident", null));
  }

  @Test
  void neverAsksOtherPluginsActionFactories() {
    Run<?, ?> run = runWithActionSlot(null);

    new RunThreadStore(run).saveBuildThread("builds", PostRef.of("root1", "chan1"));

    verify(run, never()).getAction(any());
  }

  @Test
  @SuppressWarnings({"unchecked", "rawtypes"})
  void aBuildGoneFromItsJobIsNotSavedBackIntoExistence() throws Exception {
    Run run = runWithActionSlot(null);
    Job job = mock(Job.class);
    when(run.getParent()).thenReturn(job);
    when(run.getNumber()).thenReturn(7);
    when(job.getBuildByNumber(7)).thenReturn(null);

    new RunThreadStore(run).saveBuildThread("builds", PostRef.of("root1", "chan1"));

    verify(run, never()).save();
  }
}
