package org.commandcenter.jenkins.mattermost;

import hudson.model.Run;
import java.util.Locale;
import okhttp3.HttpUrl;
import org.commandcenter.mattermost.rules.HttpUrls;
import org.commandcenter.mattermost.rules.WebhookUrls;

/**
 * Where one notification goes and with which secret: an incoming webhook, or a site URL with a token. Decided once,
 * by the security rule that no Jenkinsfile can bend: the globally configured token only ever goes to the globally
 * configured site URL. A step's {@code endpoint} that is not a webhook is taken only with a {@code credentialId} the
 * job itself may use. Holds secrets: {@link #toString()} shows none.
 *
 * @param webhookUrl the incoming-webhook URL, or null for the REST API
 * @param siteUrl    the site for the REST API, or null for a webhook
 * @param token      the bot or personal access token for the REST API, or null for a webhook
 */
record MattermostConnection(String webhookUrl, String siteUrl, String token) {

  /**
   * What a job or a step asked for, over the global settings.
   *
   * @param credentialsId the job's or step's own credentials id, or null for the global default
   * @param field         the parameter's name for messages ({@code credentialId}, {@code credentialsId})
   * @param endpoint      the step's {@code endpoint} (webhook or site URL), or null
   */
  record Choice(String credentialsId, String field, String endpoint) {
    static Choice globalDefault() {
      return new Choice(null, "credentialsId", null);
    }
  }

  boolean isWebhook() {
    return webhookUrl != null;
  }

  /** The host the client talks to, for Jenkins' proxy decision. */
  String host() {
    return HttpUrls.parse(isWebhook() ? webhookUrl : siteUrl).host();
  }

  /**
   * @param run the build whose context job-level ids are resolved in, and whose fingerprints record the use; null only
   *            for the global "Test connection", which has no job choice
   * @throws IllegalArgumentException naming the field that is missing or wrong, never echoing a secret
   */
  static MattermostConnection resolve(ConnectionSettings settings, Choice choice, Run<?, ?> run) {
    String endpoint = fixEmpty(choice.endpoint());
    String jobCredentials = fixEmpty(choice.credentialsId());
    if (endpoint != null && WebhookUrls.isWebhookUrl(endpoint)) {
      // The key is the Jenkinsfile author's own; no Jenkins secret is involved.
      return new MattermostConnection(endpoint.strip(), null, null);
    }
    if (endpoint != null && !isSameSite(endpoint, settings.siteUrl())) {
      if (jobCredentials == null) {
        throw new IllegalArgumentException(Messages.get("client.endpointNeedsJobCredentials", choice.field()));
      }
      String secret = required(SecretTexts.forRun(choice.field(), jobCredentials, run));
      if (WebhookUrls.isWebhookUrl(secret)) {
        throw new IllegalArgumentException(Messages.get("client.endpointWithWebhookSecret"));
      }
      return new MattermostConnection(null, siteUrl(endpoint), secret);
    }
    String secret;
    if (jobCredentials != null) {
      secret = required(SecretTexts.forRun(choice.field(), jobCredentials, run));
    } else if (settings.credentialsId() != null) {
      secret = required(SecretTexts.forJenkins("credentialsId", settings.credentialsId(), run));
    } else {
      throw new IllegalArgumentException(Messages.get("client.credentialsRequired"));
    }
    if (WebhookUrls.isWebhookUrl(secret)) {
      return new MattermostConnection(secret, null, null);
    }
    if (settings.siteUrl() == null) {
      throw new IllegalArgumentException(Messages.get("client.siteUrlRequired"));
    }
    return new MattermostConnection(null, siteUrl(settings.siteUrl()), secret);
  }

  /** A site URL the form rules accept (an error names the field; a plain-http warning does not stop sending). */
  private static String siteUrl(String site) {
    FieldCheck check = FormChecks.siteUrl(site, true);
    if (check.kind() == FieldCheck.Kind.ERROR) {
      throw new IllegalArgumentException(check.message());
    }
    return site.strip();
  }

  /** The same scheme, host and port, and path up to trailing slashes: the endpoint names the configured site. */
  static boolean isSameSite(String endpoint, String configuredSite) {
    HttpUrl a = HttpUrls.parse(endpoint.strip());
    HttpUrl b = configuredSite == null ? null : HttpUrls.parse(configuredSite.strip());
    return a != null && b != null && a.scheme().equals(b.scheme())
        && a.host().toLowerCase(Locale.ROOT).equals(b.host().toLowerCase(Locale.ROOT)) && a.port() == b.port()
        && trimSlashes(a.encodedPath()).equals(trimSlashes(b.encodedPath()))
        && a.username().isEmpty() && a.query() == null;
  }

  private static String trimSlashes(String path) {
    return path.replaceAll("/+$", "");
  }

  private static String required(String secret) {
    String value = fixEmpty(secret);
    if (value == null) {
      throw new IllegalArgumentException(Messages.get("client.credentialsEmpty"));
    }
    return value;
  }

  private static String fixEmpty(String value) {
    return value == null || value.isBlank() ? null : value.strip();
  }

  @Override
  public String toString() {
    return isWebhook() ? "MattermostConnection{webhook}" : "MattermostConnection{rest " + siteUrl + "}";
  }
}
