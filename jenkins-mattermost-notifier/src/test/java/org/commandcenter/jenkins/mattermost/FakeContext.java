package org.commandcenter.jenkins.mattermost;

import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import hudson.ProxyConfiguration;
import hudson.model.Run;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import org.commandcenter.mattermost.MattermostClient;
import org.commandcenter.notifier.core.ChatOps;
import org.commandcenter.notifier.core.NotificationEngine;
import org.commandcenter.notifier.core.NotificationLog;
import org.commandcenter.notifier.core.PostOwner;
import org.commandcenter.notifier.core.ThreadStore;
import org.mockito.Mockito;

/** A {@link PluginContext} without Jenkins: fixed settings and root URL, a mocked engine, recorded calls. */
class FakeContext extends PluginContext {
  static final Instant NOW = Instant.parse("2026-11-29T10:00:00Z");

  ConnectionSettings settings = ConnectionSettings.builder()
      .siteUrl("https://chat.example.test")
      .credentialsId("mm-bot")
      .team("factory")
      .channel("builds")
      .warRoomChannel("war-room")
      .build();
  String rootUrl = "https://jenkins.example.test/";
  final NotificationEngine engine = mock(NotificationEngine.class);
  final MattermostClient client = clientWhoseCopiesAreItself();
  final List<String> secrets = new ArrayList<>();
  final List<String> endpoints = new ArrayList<>();
  final List<MattermostConnection> connections = new ArrayList<>();
  final List<ThreadStore> threadStores = new ArrayList<>();
  final List<JenkinsDelivery.Route> routes = new ArrayList<>();
  final List<String> threadNames = new java.util.concurrent.CopyOnWriteArrayList<>();
  /** Builds Jenkins would find by job full name and number ({@code "app#2"}), and each job's last build. */
  final Map<String, Run<?, ?>> buildsByName = new ConcurrentHashMap<>();
  final Map<String, Run<?, ?>> lastBuilds = new ConcurrentHashMap<>();
  JenkinsDelivery delivery = new JenkinsDelivery();
  /** {@code $JENKINS_HOME} for the delivery engines' outbox. */
  java.nio.file.Path jenkinsHome;
  boolean realEngine;
  boolean realClient;
  ProxyConfiguration proxy;
  /** What {@link #chatOps()} answers; null (ChatOps off) unless a test turns it on. */
  ChatOps chatOps;
  ChatOpsSettings chatOpsSettings = ChatOpsSettings.OFF;

  /**
   * The real engine and client against the Mattermost stand-in at {@code siteUrl}: 2 s to connect, 5 s to read, and
   * {@code deadline} for a notification's first attempt.
   */
  FakeContext againstSandbox(String siteUrl, java.time.Duration deadline) {
    realEngine = true;
    realClient = true;
    settings = settings.newBuilder()
        .siteUrl(siteUrl)
        .deadline(deadline)
        .connectTimeout(java.time.Duration.ofSeconds(2))
        .readTimeout(java.time.Duration.ofSeconds(5))
        .build();
    return this;
  }

  /** A mocked client; {@code newBuilder()...build()} (a copy with other timeouts) is the same mock. */
  private static MattermostClient clientWhoseCopiesAreItself() {
    MattermostClient client = mock(MattermostClient.class);
    MattermostClient.Builder builder = mock(MattermostClient.Builder.class, Mockito.RETURNS_SELF);
    when(client.newBuilder()).thenReturn(builder);
    when(builder.build()).thenReturn(client);
    return client;
  }

  @Override
  ConnectionSettings settings() {
    return settings;
  }

  @Override
  String rootUrl() {
    return rootUrl;
  }

  /** The instance id a real Jenkins would give; the job's full name as Jenkins knows it (a mocked run may have none). */
  @Override
  PostOwner postOwner(Run<?, ?> run) {
    String job = run == null || run.getParent() == null ? "job" : run.getParent().getFullName();
    return PostOwner.of("test-instance", job == null ? "job" : job);
  }

  @Override
  ProxyConfiguration proxy() {
    return proxy;
  }

  @Override
  Clock clock() {
    return Clock.fixed(NOW, ZoneOffset.UTC);
  }

  /** Records the secret the connection resolved (null when the step's webhook endpoint needed none) and the endpoint. */
  @Override
  MattermostConnection connection(ConnectionSettings s, MattermostConnection.Choice choice, Run<?, ?> run) {
    MattermostConnection connection = super.connection(s, choice, run);
    boolean endpointWebhook = connection.isWebhook() && connection.webhookUrl().equals(choice.endpoint());
    secrets.add(endpointWebhook ? null : connection.isWebhook() ? connection.webhookUrl() : connection.token());
    endpoints.add(choice.endpoint());
    connections.add(connection);
    return connection;
  }

  @Override
  MattermostClient client(ConnectionSettings s, MattermostConnection connection) {
    return realClient ? super.client(s, connection) : client;
  }

  @Override
  ChatOpsSettings chatOpsSettings() {
    return chatOpsSettings;
  }

  @Override
  ChatOps chatOps() {
    return chatOps;
  }

  @Override
  NotificationEngine engine(MattermostClient c, JenkinsDelivery.Route route, ThreadStore threads,
      NotificationLog log) {
    threadStores.add(threads);
    routes.add(route);
    return realEngine ? super.engine(c, route, threads, log) : engine;
  }

  /** This context's own delivery engines (the process-wide one is never started in tests). */
  @Override
  JenkinsDelivery delivery() {
    return delivery;
  }

  /** Named like Jenkins' own ({@link PluginContext#threadFactory} needs Jenkins' classes, compile-only here). */
  @Override
  ThreadFactory threadFactory(String name) {
    AtomicInteger count = new AtomicInteger();
    return task -> {
      Thread thread = new Thread(task, name + " [#" + count.incrementAndGet() + "]");
      thread.setDaemon(true);
      threadNames.add(thread.getName());
      return thread;
    };
  }

  @Override
  java.nio.file.Path jenkinsHome() {
    return jenkinsHome;
  }

  @Override
  Optional<ThreadStore> threadStore(String jobName, int buildNumber) {
    return Optional.ofNullable(buildsByName.get(jobName + "#" + buildNumber)).map(RunThreadStore::new);
  }

  @Override
  Run<?, ?> lastBuild(String jobName) {
    return lastBuilds.get(jobName);
  }
}
