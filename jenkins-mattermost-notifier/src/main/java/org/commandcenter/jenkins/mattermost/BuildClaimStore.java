package org.commandcenter.jenkins.mattermost;

import hudson.model.Run;
import java.util.Optional;
import java.util.function.BiFunction;
import org.commandcenter.notifier.core.Claim;
import org.commandcenter.notifier.core.ClaimStore;
import org.commandcenter.notifier.core.InMemoryClaimStore;

/**
 * The core's {@link ClaimStore} kept on the builds themselves ({@link ChatOpsRunAction}), so claims and
 * once-per-build actions survive a restart. ChatOps makes its keys from the job's full name and the build number
 * ({@code claim:team/app/main#42}, {@code rebuild:team/app/main#42}); Jenkins names hold neither ':' nor '#'
 * ({@code Jenkins.checkGoodName}), so the build is found from the key. A key whose build cannot be found falls back to
 * memory: still atomic, only not durable.
 *
 * <p>The build is looked up through {@code builds}, which knows only jobs ChatOps' port resolved as the person
 * asking ({@link ResolvedJobs}): ChatOps touches claims only after that person's Job/Read was checked, and this store
 * never looks anything up as SYSTEM.
 */
final class BuildClaimStore implements ClaimStore {
  private final BiFunction<String, Integer, Run<?, ?>> builds;
  private final InMemoryClaimStore memory = new InMemoryClaimStore();

  /** @param builds the build of a job (full name) by number, or null when unknown */
  BuildClaimStore(BiFunction<String, Integer, Run<?, ?>> builds) {
    this.builds = builds;
  }

  @Override
  public Claim claim(String key, Claim claim) {
    Run<?, ?> run = run(key);
    if (run == null) {
      return memory.claim(key, claim);
    }
    Claim holder = action(run).claim(key, claim);
    if (holder == claim) {
      RunActions.save(run, "the ChatOps claim");
    }
    return holder;
  }

  @Override
  public Optional<Claim> holder(String key) {
    Run<?, ?> run = run(key);
    if (run == null) {
      return memory.holder(key);
    }
    ChatOpsRunAction action = RunActions.persisted(run, ChatOpsRunAction.class);
    return action == null ? Optional.empty() : action.holder(key);
  }

  @Override
  public boolean release(String key, String mattermostUserId) {
    Run<?, ?> run = run(key);
    if (run == null) {
      return memory.release(key, mattermostUserId);
    }
    ChatOpsRunAction action = RunActions.persisted(run, ChatOpsRunAction.class);
    if (action == null || !action.release(key, mattermostUserId)) {
      return false;
    }
    RunActions.save(run, "the ChatOps claim");
    return true;
  }

  @Override
  public Optional<Claim> spend(String key, Claim by) {
    Run<?, ?> run = run(key);
    if (run == null) {
      return memory.spend(key, by);
    }
    Optional<Claim> earlier = action(run).spend(key, by);
    if (earlier.isEmpty()) {
      RunActions.save(run, "the ChatOps action record");
    }
    return earlier;
  }

  @Override
  public Optional<Claim> spent(String key) {
    Run<?, ?> run = run(key);
    if (run == null) {
      return memory.spent(key);
    }
    ChatOpsRunAction action = RunActions.persisted(run, ChatOpsRunAction.class);
    return action == null ? Optional.empty() : action.spent(key);
  }

  @Override
  public void unspend(String key) {
    Run<?, ?> run = run(key);
    if (run == null) {
      memory.unspend(key);
      return;
    }
    ChatOpsRunAction action = RunActions.persisted(run, ChatOpsRunAction.class);
    if (action != null && action.unspend(key)) {
      RunActions.save(run, "the ChatOps action record");
    }
  }

  private static ChatOpsRunAction action(Run<?, ?> run) {
    return RunActions.getOrAdd(run, ChatOpsRunAction.class, ChatOpsRunAction::new);
  }

  /** The build a key names ({@code <what>:<job full name>#<number>}), or null. */
  private Run<?, ?> run(String key) {
    int colon = key.indexOf(':');
    int hash = key.lastIndexOf('#');
    if (colon < 0 || hash <= colon + 1) {
      return null;
    }
    int number;
    try {
      number = Integer.parseInt(key.substring(hash + 1));
    } catch (NumberFormatException e) {
      return null;
    }
    return number < 1 ? null : builds.apply(key.substring(colon + 1, hash), number);
  }
}
