package org.commandcenter.notifier.core;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What ChatOps needs from Jenkins, implemented by the adapter. Every call but {@link #identify} names the
 * {@link ChatUser} asking, and the adapter does it as that user: resolving the job under the user's authentication
 * (so folders they cannot see stay hidden), and never as SYSTEM. ChatOps checks {@link #permissions} itself before
 * every action, but the adapter must not rely on that alone. Calls may block; ChatOps keeps them off Mattermost's
 * clock (it answers within its own deadlines and reports later).
 */
public interface ChatOpsPort {
  /**
   * The Jenkins user a Mattermost user acts as, by the configured mapping (same username, e-mail, explicit table);
   * empty when there is none, and ChatOps then refuses.
   */
  Optional<ChatUser> identify(MattermostUser who);

  /**
   * The job with this full name ({@code team/app/main}, case-sensitive, as Jenkins resolves it) as {@code user}
   * sees it; empty when it does not exist or the user may not read it (Jenkins throws AccessDeniedException for a
   * user with only Job/Discover: that is "empty" too, so existence does not leak).
   */
  Optional<JobInfo> findJob(ChatUser user, String fullName);

  /**
   * Full names of jobs {@code user} can see, for "did you mean" (ChatOps picks the near ones); resolved under the
   * user's authentication, so a name they may not see never appears in a suggestion.
   */
  List<String> jobNames(ChatUser user);

  /** Which of READ, BUILD, CANCEL {@code user} has on the job. */
  Set<JobPermission> permissions(ChatUser user, String fullName);

  /** Queues the job with these parameters (the others keep their defaults). */
  ScheduledBuild build(ChatUser user, String fullName, Map<String, String> parameters) throws ChatOpsException;

  /**
   * Queues the job again with the parameters of build {@code number} (parameters defined since get their defaults;
   * file parameters cannot be replayed: refuse with a ChatOpsException saying so).
   */
  ScheduledBuild rebuild(ChatUser user, String fullName, int number) throws ChatOpsException;

  /** Stops build {@code number}, running or queued. */
  AbortOutcome abort(ChatUser user, String fullName, int number) throws ChatOpsException;

  /** The last {@code maxLines} lines of build {@code number}'s log, console notes stripped, secrets masked. */
  List<String> logTail(ChatUser user, String fullName, int number, int maxLines) throws ChatOpsException;

  /** Build {@code number} of the job, or its last build when {@code number} is 0; empty when there is none. */
  Optional<BuildStatus> status(ChatUser user, String fullName, int number);

  /** The last build of jobs {@code user} can see that are failing or running, worst first, at most {@code limit}. */
  List<BuildStatus> overview(ChatUser user, int limit);

  /** The thread where the job's notifications go in a channel (its open incident, else its last build), if any. */
  Optional<PostRef> jobThread(ChatUser user, String fullName, String channelName);
}
