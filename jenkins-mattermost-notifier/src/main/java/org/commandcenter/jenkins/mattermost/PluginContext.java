package org.commandcenter.jenkins.mattermost;

import hudson.ProxyConfiguration;
import hudson.model.Job;
import hudson.model.Run;
import hudson.security.ACL;
import hudson.security.ACLContext;
import hudson.util.ClassLoaderSanityThreadFactory;
import hudson.util.DaemonThreadFactory;
import hudson.util.NamingThreadFactory;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.ThreadFactory;
import jenkins.model.Jenkins;
import org.commandcenter.mattermost.MattermostClient;
import org.commandcenter.notifier.core.ChatOps;
import org.commandcenter.notifier.core.NotificationEngine;
import org.commandcenter.notifier.core.NotificationLog;
import org.commandcenter.notifier.core.PostOwner;
import org.commandcenter.notifier.core.ThreadStore;

/**
 * What the adapters take from Jenkins' singletons and from the core: the one place tests replace, since Jenkins'
 * own singletons cannot run outside Jenkins.
 */
class PluginContext {
  private static volatile PluginContext current = new PluginContext();

  static PluginContext current() {
    return current;
  }

  /** For tests only. */
  static void set(PluginContext context) {
    current = context == null ? new PluginContext() : context;
  }

  ConnectionSettings settings() {
    return MattermostGlobalConfiguration.get().toSettings();
  }

  /** Jenkins' root URL with a trailing slash, or null when the administrator has not set it. */
  String rootUrl() {
    return Jenkins.get().getRootUrl();
  }

  /**
   * The stamp on the posts of {@code run}'s job: this Jenkins' instance id (a digest of its secret key, stable across
   * restarts, jenkins-2.479.3 {@code Jenkins.getLegacyInstanceId}) with the job's full name, hashed.
   */
  PostOwner postOwner(Run<?, ?> run) {
    return PostOwner.of(Jenkins.get().getLegacyInstanceId(), run.getParent().getFullName());
  }

  ProxyConfiguration proxy() {
    return Jenkins.get().getProxy();
  }

  Clock clock() {
    return Clock.systemUTC();
  }

  /** Where a notification goes and with which secret (see {@link MattermostConnection#resolve}). */
  MattermostConnection connection(ConnectionSettings settings, MattermostConnection.Choice choice, Run<?, ?> run) {
    return MattermostConnection.resolve(settings, choice, run);
  }

  /** The proxy decision is made here, once: Jenkins' proxy when the settings ask for it. */
  MattermostClient client(ConnectionSettings settings, MattermostConnection connection) {
    return MattermostClients.create(settings, connection, settings.useProxy() ? proxy() : null);
  }

  /**
   * @param route the engine and connection key from {@link #delivery()}, or null for the core's shared in-memory
   *              engine (before the plugin's engines are started)
   */
  NotificationEngine engine(MattermostClient client, JenkinsDelivery.Route route, ThreadStore threads,
      NotificationLog log) {
    NotificationEngine.Builder engine = NotificationEngine.builder().client(client).threadStore(threads).log(log);
    if (route != null) {
      engine.delivery(route.engine(), route.connection());
    }
    return engine.build();
  }

  /** This Jenkins' delivery engines (durable outbox, started once the jobs are loaded). */
  JenkinsDelivery delivery() {
    return JenkinsDelivery.shared();
  }

  /** {@code $JENKINS_HOME}. */
  Path jenkinsHome() {
    return Jenkins.get().getRootDir().toPath();
  }

  /**
   * Every thread the plugin makes, made the way Jenkins makes its pools (workflow-step-api's
   * {@code SynchronousNonBlockingStepExecution} does the same): daemon, named for what it does, and with Jenkins
   * core's class loader as the context loader rather than whatever loader the first caller had.
   */
  ThreadFactory threadFactory(String name) {
    return new NamingThreadFactory(new ClassLoaderSanityThreadFactory(new DaemonThreadFactory()), name);
  }

  /**
   * The thread store of a build found by its job's full name and number, for a notification delivered after a
   * restart. As SYSTEM: on the engine's threads there is no user, and Jenkins hides jobs from anonymous.
   */
  Optional<ThreadStore> threadStore(String jobName, int buildNumber) {
    try (ACLContext ignored = ACL.as2(ACL.SYSTEM2)) {
      Job<?, ?> job = Jenkins.get().getItemByFullName(jobName, Job.class);
      Run<?, ?> run = job == null ? null : job.getBuildByNumber(buildNumber);
      return run == null ? Optional.empty() : Optional.of(new RunThreadStore(run));
    }
  }

  /** The last build of a job, as SYSTEM (see {@link #threadStore}), or null when the job or its builds are gone. */
  Run<?, ?> lastBuild(String jobName) {
    try (ACLContext ignored = ACL.as2(ACL.SYSTEM2)) {
      Job<?, ?> job = Jenkins.get().getItemByFullName(jobName, Job.class);
      return job == null ? null : job.getLastBuild();
    }
  }

  /** The ChatOps part of the global configuration. */
  ChatOpsSettings chatOpsSettings() {
    return MattermostGlobalConfiguration.get().toChatOpsSettings();
  }

  /** ChatOps as configured now (built once per configuration), or null while it is off or cannot work. */
  ChatOps chatOps() {
    return ChatOpsRuntime.shared().current(this);
  }
}
