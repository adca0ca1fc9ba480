package org.commandcenter.jenkins.mattermost;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.doAnswer;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import hudson.model.Action;
import hudson.model.Job;
import hudson.model.Run;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.commandcenter.notifier.core.Claim;
import org.junit.jupiter.api.Test;

/** Claims and once-per-build actions kept on the build itself, atomically, and saved only while the build exists. */
class BuildClaimStoreTest {
  private static final Claim ALICE = new Claim("aliceid000000000000000000a", "alice",
      Instant.parse("2026-11-29T10:00:00Z"));
  private static final Claim BOB = new Claim("bobid0000000000000000000bb", "bob",
      Instant.parse("2026-11-29T10:00:01Z"));

  @SuppressWarnings({"unchecked", "rawtypes"})
  private static Run build(String job, int number) {
    Run run = mock(Run.class);
    Job parent = mock(Job.class);
    when(parent.getFullName()).thenReturn(job);
    when(run.getParent()).thenReturn(parent);
    when(run.getNumber()).thenReturn(number);
    when(parent.getBuildByNumber(number)).thenReturn(run);
    List<Action> actions = new CopyOnWriteArrayList<>();
    when(run.getActions()).thenReturn(actions);
    doAnswer(i -> actions.add(i.getArgument(0, Action.class))).when(run).addAction(any(Action.class));
    return run;
  }

  @Test
  void aClaimIsKeptOnItsBuildAndSurvivesANewStore() throws Exception {
    Run<?, ?> run = build("team/app", 42);
    BuildClaimStore store = new BuildClaimStore((job, number) -> job.equals("team/app") && number == 42 ? run : null);

    assertThat(store.claim("claim:team/app#42", ALICE)).isSameAs(ALICE);
    assertThat(store.claim("claim:team/app#42", BOB)).isEqualTo(ALICE);

    verify(run, times(1)).save();
    BuildClaimStore afterRestart = new BuildClaimStore((job, number) -> run);
    assertThat(afterRestart.holder("claim:team/app#42")).contains(ALICE);
    assertThat(afterRestart.release("claim:team/app#42", BOB.mattermostUserId())).isFalse();
    assertThat(afterRestart.release("claim:team/app#42", ALICE.mattermostUserId())).isTrue();
    assertThat(afterRestart.holder("claim:team/app#42")).isEmpty();
    verify(run, times(2)).save();
  }

  @Test
  void aRebuildIsSpentOncePerBuildAndCanBeGivenBackWhenItFailed() throws Exception {
    Run<?, ?> run = build("team/app", 42);
    BuildClaimStore store = new BuildClaimStore((job, number) -> run);

    assertThat(store.spend("rebuild:team/app#42", ALICE)).isEmpty();
    assertThat(store.spend("rebuild:team/app#42", BOB)).contains(ALICE);
    assertThat(store.spent("rebuild:team/app#42")).contains(ALICE);
    store.unspend("rebuild:team/app#42");
    assertThat(store.spent("rebuild:team/app#42")).isEmpty();
    assertThat(store.spend("rebuild:team/app#42", BOB)).isEmpty();
    assertThat(store.spent("abort:team/app#42")).isEmpty();
  }

  @Test
  void twoPeopleClaimingAtOnceGetOneWinner() throws Exception {
    Run<?, ?> run = build("team/app", 42);
    BuildClaimStore store = new BuildClaimStore((job, number) -> run);
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      for (int round = 0; round < 50; round++) {
        String key = "claim:team/app#" + round;
        CountDownLatch go = new CountDownLatch(1);
        List<Future<Claim>> results = new CopyOnWriteArrayList<>();
        for (int i = 0; i < 8; i++) {
          Claim mine = new Claim("user" + i + "id0000000000000000000", "user" + i, Instant.EPOCH);
          Callable<Claim> claim = () -> {
            go.await();
            return store.claim(key, mine);
          };
          results.add(pool.submit(claim));
        }
        go.countDown();
        Claim first = results.get(0).get();
        for (Future<Claim> result : results) {
          assertThat(result.get()).as("round " + round).isEqualTo(first);
        }
      }
    } finally {
      pool.shutdownNow();
    }
    assertThat(run.getActions()).filteredOn(ChatOpsRunAction.class::isInstance).hasSize(1);
  }

  @Test
  void aBuildGoneFromItsJobIsNotSavedBackIntoExistence() throws Exception {
    Run<?, ?> run = build("team/app", 42);
    when(run.getParent().getBuildByNumber(42)).thenReturn(null);
    BuildClaimStore store = new BuildClaimStore((job, number) -> run);

    assertThat(store.claim("claim:team/app#42", ALICE)).isSameAs(ALICE);

    verify(run, never()).save();
  }

  @Test
  void aKeyWhoseBuildIsUnknownStaysInMemoryAndIsStillAtomic() {
    BuildClaimStore store = new BuildClaimStore((job, number) -> null);

    assertThat(store.claim("claim:team/gone#1", ALICE)).isSameAs(ALICE);
    assertThat(store.claim("claim:team/gone#1", BOB)).isEqualTo(ALICE);
    assertThat(store.holder("claim:team/gone#1")).contains(ALICE);
    assertThat(store.spend("odd key without a build", ALICE)).isEqualTo(Optional.empty());
    assertThat(store.spend("odd key without a build", BOB)).contains(ALICE);
  }

  @Test
  void findsTheBuildFromTheKeyWithFoldersInTheName() {
    Run<?, ?> run = build("org/team/app", 7);
    List<String> asked = new CopyOnWriteArrayList<>();
    BuildClaimStore store = new BuildClaimStore((job, number) -> {
      asked.add(job + " " + number);
      return run;
    });

    store.claim("claim:org/team/app#7", ALICE);
    store.spend("rebuild:org/team/app#7", ALICE);

    assertThat(asked).containsExactly("org/team/app 7", "org/team/app 7");
  }
}
