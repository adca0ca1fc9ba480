package org.commandcenter.jenkins.mattermost;

import hudson.ProxyConfiguration;
import hudson.model.Run;
import java.time.Clock;
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

  NotificationEngine engine(MattermostClient client, ThreadStore threads, NotificationLog log) {
    return NotificationEngine.builder().client(client).threadStore(threads).log(log).build();
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
