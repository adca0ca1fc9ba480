package org.commandcenter.jenkins.mattermost;

import hudson.model.Cause;
import hudson.model.Job;
import hudson.model.Result;
import hudson.model.Run;
import hudson.model.User;
import hudson.scm.ChangeLogSet;
import java.io.IOException;
import java.lang.reflect.Method;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;
import jenkins.scm.RunWithSCM;
import org.commandcenter.notifier.core.BuildFacts;
import org.commandcenter.notifier.core.BuildResult;
import org.commandcenter.notifier.core.Change;
import org.commandcenter.notifier.core.NotifyConfig;

/** Translates a Jenkins {@link Run} into the core's {@link BuildFacts}. Reads only; changes nothing. */
final class BuildFactsMapper {
  private static final Logger LOGGER = Logger.getLogger(BuildFactsMapper.class.getName());

  private final String rootUrl;
  private final Clock clock;

  /** @param rootUrl Jenkins' root URL with a trailing slash, or null when not configured */
  BuildFactsMapper(String rootUrl, Clock clock) {
    this.rootUrl = rootUrl == null || rootUrl.isBlank() ? null : (rootUrl.endsWith("/") ? rootUrl : rootUrl + "/");
    this.clock = clock;
  }

  /** The facts for the "started" notification: no result yet. */
  BuildFacts started(Run<?, ?> run, Map<String, String> env) {
    return common(run, env).result(null).build();
  }

  /**
   * The facts once the build's result is known. A publisher runs before Jenkins sets SUCCESS, so a run without a
   * result yet counts as successful so far, as in Jenkins' own notifiers.
   */
  BuildFacts completed(Run<?, ?> run, Map<String, String> env, int logTailLines) {
    Result result = run.getResult();
    BuildResult mapped = result == null ? BuildResult.SUCCESS : BuildResult.valueOf(result.toString());
    long durationMillis = run.getDuration();
    if (durationMillis <= 0) {
      durationMillis = Math.max(0, clock.millis() - run.getStartTimeInMillis());
    }
    BuildFacts.Builder facts = common(run, env)
        .result(mapped)
        .duration(Duration.ofMillis(durationMillis))
        .testSummary(TestResults.of(run));
    if (logTailLines > 0 && mapped != BuildResult.SUCCESS) {
      facts.logTail(logTail(run, Math.min(logTailLines, NotifyConfig.MAX_LOG_TAIL_LINES)));
    }
    return facts.build();
  }

  private BuildFacts.Builder common(Run<?, ?> run, Map<String, String> env) {
    Job<?, ?> job = run.getParent();
    return BuildFacts.builder()
        .jobName(job.getFullName())
        .jobDisplayName(job.getFullDisplayName())
        .jobUrl(absolute(job.getUrl()))
        .buildNumber(run.getNumber())
        .buildDisplayName(run.getDisplayName())
        .buildUrl(absolute(run.getUrl()))
        .previousResults(previousResults(run))
        .startTime(Instant.ofEpochMilli(run.getStartTimeInMillis()))
        .causes(causes(run))
        .changes(changes(run))
        .branch(branch(env));
  }

  private String absolute(String relativeUrl) {
    return rootUrl == null || relativeUrl == null ? null : rootUrl + relativeUrl;
  }

  static List<BuildResult> previousResults(Run<?, ?> run) {
    List<BuildResult> results = new ArrayList<>();
    Run<?, ?> previous = run.getPreviousCompletedBuild();
    while (previous != null && results.size() < BuildFacts.HISTORY_DEPTH) {
      Result r = previous.getResult();
      if (r != null) {
        results.add(BuildResult.valueOf(r.toString()));
      }
      previous = previous.getPreviousCompletedBuild();
    }
    return results;
  }

  private static List<String> causes(Run<?, ?> run) {
    List<String> causes = new ArrayList<>();
    for (Cause cause : run.getCauses()) {
      String description = cause.getShortDescription();
      if (description != null && !description.isBlank()) {
        causes.add(description);
      }
    }
    return causes;
  }

  static List<Change> changes(Run<?, ?> run) {
    List<Change> changes = new ArrayList<>();
    if (!(run instanceof RunWithSCM)) {
      return changes;
    }
    for (ChangeLogSet<? extends ChangeLogSet.Entry> set : ((RunWithSCM<?, ?>) run).getChangeSets()) {
      for (ChangeLogSet.Entry entry : set) {
        if (changes.size() >= NotifyConfig.MAX_LISTED_ITEMS) {
          return changes;
        }
        User author = entry.getAuthor();
        changes.add(Change.builder()
            .commitId(entry.getCommitId())
            .authorName(author == null ? null : author.getFullName())
            .authorEmail(authorEmail(entry))
            .authorUsername(MattermostUserProperty.of(author))
            .message(entry.getMsg())
            .build());
      }
    }
    return changes;
  }

  /**
   * The committer's e-mail, for mentions. Core's {@code ChangeLogSet.Entry} has none; SCM plugins add a public
   * {@code getAuthorEmail()} (git's {@code GitChangeSet}), which is read when present, without depending on them.
   */
  static String authorEmail(ChangeLogSet.Entry entry) {
    try {
      Method m = entry.getClass().getMethod("getAuthorEmail");
      if (m.getReturnType() == String.class) {
        Object email = m.invoke(entry);
        return email == null || ((String) email).isBlank() ? null : ((String) email).trim();
      }
    } catch (NoSuchMethodException e) {
      return null;
    } catch (ReflectiveOperationException | RuntimeException e) {
      LOGGER.log(Level.FINE, "Could not read the author e-mail of a change", e);
    }
    return null;
  }

  /** The branch of a multibranch job, or of a freestyle job checked out with git; null otherwise. */
  static String branch(Map<String, String> env) {
    if (env == null) {
      return null;
    }
    String branch = env.get("BRANCH_NAME");
    if (branch == null || branch.isBlank()) {
      branch = env.get("GIT_BRANCH");
      if (branch != null) {
        branch = branch.replaceFirst("^refs/heads/", "").replaceFirst("^refs/remotes/[^/]+/", "")
            .replaceFirst("^origin/", "");
      }
    }
    return branch == null || branch.isBlank() ? null : branch.trim();
  }

  private static List<String> logTail(Run<?, ?> run, int lines) {
    try {
      return run.getLog(lines);
    } catch (IOException e) {
      LOGGER.log(Level.FINE, "Could not read the log of " + run, e);
      return List.of();
    }
  }
}
