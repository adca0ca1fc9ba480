package org.commandcenter.jenkins.mattermost;

import static org.mockito.Mockito.mock;

import hudson.ProxyConfiguration;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.commandcenter.mattermost.MattermostClient;
import org.commandcenter.notifier.core.NotificationEngine;
import org.commandcenter.notifier.core.NotificationLog;
import org.commandcenter.notifier.core.ThreadStore;

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
  final MattermostClient client = mock(MattermostClient.class);
  final List<String> secrets = new ArrayList<>();
  final List<String> endpoints = new ArrayList<>();
  final List<ThreadStore> threadStores = new ArrayList<>();
  boolean realEngine;
  boolean realClient;
  ProxyConfiguration proxy;

  @Override
  ConnectionSettings settings() {
    return settings;
  }

  @Override
  String rootUrl() {
    return rootUrl;
  }

  @Override
  ProxyConfiguration proxy() {
    return proxy;
  }

  @Override
  Clock clock() {
    return Clock.fixed(NOW, ZoneOffset.UTC);
  }

  @Override
  MattermostClient client(ConnectionSettings s, String secret, String endpoint) {
    secrets.add(secret);
    endpoints.add(endpoint);
    return realClient ? super.client(s, secret, endpoint) : client;
  }

  @Override
  NotificationEngine engine(MattermostClient c, ThreadStore threads, NotificationLog log) {
    threadStores.add(threads);
    return realEngine ? super.engine(c, threads, log) : engine;
  }
}
