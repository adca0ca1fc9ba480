package org.commandcenter.jenkins.mattermost;

import hudson.ProxyConfiguration;
import java.net.Proxy;
import java.util.Objects;
import okhttp3.OkHttpClient;
import org.commandcenter.mattermost.MattermostClient;
import org.commandcenter.mattermost.tls.CaTrust;

/**
 * Builds the {@link MattermostClient} for one resolved {@link MattermostConnection} with the global settings (team,
 * private CA, timeouts) and Jenkins' proxy. All clients share one OkHttp connection pool and dispatcher.
 */
final class MattermostClients {
  /** Shared by every client of the plugin; per-notification clients derive from it with {@code newBuilder()}. */
  private static final OkHttpClient SHARED = new OkHttpClient();

  private MattermostClients() {
  }

  /**
   * @param proxy Jenkins' proxy when the settings ask for it, else null for a direct connection
   * @throws IllegalArgumentException naming the field that is wrong (never echoing a secret)
   */
  static MattermostClient create(ConnectionSettings settings, MattermostConnection connection,
      ProxyConfiguration proxy) {
    Objects.requireNonNull(settings, "settings == null");
    Objects.requireNonNull(connection, "connection == null");
    MattermostClient.Builder builder = MattermostClient.builder();
    if (connection.isWebhook()) {
      builder.webhookUrl(connection.webhookUrl());
    } else {
      builder.siteUrl(connection.siteUrl()).token(connection.token());
      if (settings.team() != null) {
        builder.team(settings.team());
      }
    }
    // Never the JVM's proxy selector: Jenkins' proxy when the settings ask for it, else direct.
    builder.okHttpClient(SHARED.newBuilder().proxy(Proxy.NO_PROXY).build())
        .proxy(JenkinsProxy.forHost(proxy, connection.host()))
        .connectTimeout(settings.connectTimeout())
        .readTimeout(settings.readTimeout());
    if (settings.caCertificate() != null) {
      builder.trust(CaTrust.fromPem(settings.caCertificate()));
    }
    return builder.build();
  }
}
