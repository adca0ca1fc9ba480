package org.commandcenter.jenkins.mattermost;

import hudson.model.Job;
import hudson.model.Run;
import java.lang.ref.WeakReference;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The jobs ChatOps' port has resolved as the person asking, by full name. The {@link BuildClaimStore} finds builds
 * through it instead of looking jobs up itself (which would need SYSTEM: Jenkins filters every lookup by the current
 * authentication, and ChatOps' own threads have none). ChatOps reads and writes claims only after the port found the
 * job and checked the asker's Job/Read, so every job a claim needs is here by then. Held weakly: a deleted job goes.
 */
final class ResolvedJobs {
  /** A bound on names kept; far above any real instance's job count, it only stops unbounded growth. */
  static final int MAX_JOBS = 50_000;

  private final Map<String, WeakReference<Job<?, ?>>> jobs = new ConcurrentHashMap<>();

  void seen(Job<?, ?> job) {
    if (jobs.size() >= MAX_JOBS) {
      jobs.values().removeIf(ref -> ref.get() == null);
      if (jobs.size() >= MAX_JOBS) {
        jobs.clear();
      }
    }
    jobs.put(job.getFullName(), new WeakReference<>(job));
  }

  /** Build {@code number} of the job last resolved under this full name, or null. */
  Run<?, ?> build(String fullName, int number) {
    WeakReference<Job<?, ?>> ref = jobs.get(fullName);
    Job<?, ?> job = ref == null ? null : ref.get();
    return job == null ? null : job.getBuildByNumber(number);
  }
}
