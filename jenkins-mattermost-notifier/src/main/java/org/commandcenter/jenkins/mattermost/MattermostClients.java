package org.commandcenter.jenkins.mattermost;

import hudson.ProxyConfiguration;
import java.net.Proxy;
import java.util.Objects;
import okhttp3.OkHttpClient;
import org.commandcenter.mattermost.MattermostClient;
import org.commandcenter.mattermost.rules.HttpUrls;
import org.commandcenter.mattermost.rules.WebhookUrls;
import org.commandcenter.mattermost.tls.CaTrust;

/**
 * Builds the {@link MattermostClient} for one notification from the global settings, the resolved secret and
 * Jenkins' proxy. All clients share one OkHttp connection pool and dispatcher.
 */
final class MattermostClients {
  /** Shared by every client of the plugin; per-notification clients derive from it with {@code newBuilder()}. */
  private static final OkHttpClient SHARED = new OkHttpClient();

  private MattermostClients() {
  }

  /**
   * @param secret   the Secret Text: a bot/personal access token, or an incoming-webhook URL; may be null when
   *                 {@code endpoint} is a webhook URL
   * @param endpoint the old plugin's {@code endpoint} override: a webhook URL, or a site URL used with the token
   * @param proxy    Jenkins' proxy, or null for a direct connection
   * @throws IllegalArgumentException naming the field that is missing or wrong (never echoing a secret)
   */
  static MattermostClient create(ConnectionSettings settings, String secret, String endpoint,
      ProxyConfiguration proxy) {
    Objects.requireNonNull(settings, "settings == null");
    MattermostClient.Builder builder = MattermostClient.builder();
    String trimmedEndpoint = endpoint == null || endpoint.isBlank() ? null : endpoint.trim();
    String trimmedSecret = secret == null || secret.isBlank() ? null : secret.trim();
    String target;
    if (trimmedEndpoint != null && WebhookUrls.isWebhookUrl(trimmedEndpoint)) {
      target = trimmedEndpoint;
      builder.webhookUrl(target);
    } else if (trimmedSecret != null && WebhookUrls.isWebhookUrl(trimmedSecret)) {
      if (trimmedEndpoint != null) {
        throw new IllegalArgumentException(Messages.get("client.endpointWithWebhookSecret"));
      }
      target = trimmedSecret;
      builder.webhookUrl(target);
    } else if (trimmedSecret != null) {
      String site = trimmedEndpoint != null ? trimmedEndpoint : settings.siteUrl();
      if (site == null) {
        throw new IllegalArgumentException(Messages.get("client.siteUrlRequired"));
      }
      FieldCheck siteCheck = FormChecks.siteUrl(site, true);
      if (siteCheck.kind() == FieldCheck.Kind.ERROR) {
        throw new IllegalArgumentException(siteCheck.message());
      }
      target = site;
      builder.siteUrl(site).token(trimmedSecret);
    } else if (trimmedEndpoint != null) {
      throw new IllegalArgumentException(Messages.get("client.endpointNeedsToken"));
    } else {
      throw new IllegalArgumentException(Messages.get("client.credentialsRequired"));
    }
    if (settings.team() != null) {
      builder.team(settings.team());
    }
    // Never the JVM's proxy selector: Jenkins' proxy when the settings ask for it, else direct.
    builder.okHttpClient(SHARED.newBuilder().proxy(Proxy.NO_PROXY).build())
        .proxy(JenkinsProxy.forHost(proxy, HttpUrls.parse(target.strip()).host()))
        .connectTimeout(settings.connectTimeout())
        .readTimeout(settings.readTimeout());
    if (settings.caCertificate() != null) {
      builder.trust(CaTrust.fromPem(settings.caCertificate()));
    }
    return builder.build();
  }
}
