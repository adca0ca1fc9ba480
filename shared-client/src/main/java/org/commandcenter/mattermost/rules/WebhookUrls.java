package org.commandcenter.mattermost.rules;

import java.util.List;
import java.util.regex.Pattern;
import okhttp3.HttpUrl;

/**
 * Incoming-webhook URLs, {@code {site}/hooks/{key}}: the server routes {@code /hooks/{id:[A-Za-z0-9]+}}
 * ({@code server/channels/web/webhook.go}), below the site's subpath if it has one. The key is a secret: it alone
 * lets anyone post, so no message ever repeats a webhook URL.
 */
public final class WebhookUrls {
  /** What a redacted key reads as. */
  public static final String MASK = "****";

  /** Incoming-webhook keys and slash-command response URLs ({@code /hooks/commands/{id}}) in any text. */
  private static final Pattern KEY_IN_TEXT = Pattern.compile("(/hooks/(?:commands/)?)[A-Za-z0-9]+");

  private WebhookUrls() {}

  /** True for an http(s) URL, as the server takes it, whose path ends in {@code /hooks/<key>}. */
  public static boolean isWebhookUrl(String value) {
    if (value == null) {
      return false;
    }
    HttpUrl url = HttpUrls.parse(value.strip());
    if (url == null) {
      return false;
    }
    List<String> segments = url.pathSegments();
    int last = segments.size() - 1;
    return last >= 1 && segments.get(last - 1).equals("hooks") && isKey(segments.get(last));
  }

  /**
   * Everything before {@code /hooks/<key>}: the site URL, without a trailing slash.
   *
   * @throws IllegalArgumentException {@code webhookUrl: ...} (without the URL) when it is no webhook URL
   */
  public static String siteOf(String webhookUrl) {
    if (!isWebhookUrl(webhookUrl)) {
      throw Fields.invalid("webhookUrl", "must look like https://chat.example.com/hooks/<key>");
    }
    HttpUrl url = HttpUrl.get(webhookUrl.strip());
    List<String> segments = url.pathSegments();
    HttpUrl.Builder site = url.newBuilder().query(null).fragment(null).encodedPath("/");
    for (int i = 0; i < segments.size() - 2; i++) {
      site.addPathSegment(segments.get(i));
    }
    String result = site.build().toString();
    return result.endsWith("/") ? result.substring(0, result.length() - 1) : result;
  }

  /** The key of a webhook URL, the part to treat as a secret. */
  public static String keyOf(String webhookUrl) {
    if (!isWebhookUrl(webhookUrl)) {
      throw Fields.invalid("webhookUrl", "must look like https://chat.example.com/hooks/<key>");
    }
    List<String> segments = HttpUrl.get(webhookUrl.strip()).pathSegments();
    return segments.get(segments.size() - 1);
  }

  /**
   * The id of a slash command's {@code response_url}, {@code <SiteURL>/hooks/commands/<id>}
   * ({@code server/channels/app/command.go} tryExecuteCustomCommand; route {@code /hooks/commands/{id:[A-Za-z0-9]+}}).
   *
   * @throws IllegalArgumentException {@code responseUrl: ...} (without the URL, which is a capability)
   */
  public static String commandHookIdOf(String responseUrl) {
    HttpUrl url = responseUrl == null ? null : HttpUrls.parse(responseUrl.strip());
    if (url == null) {
      throw Fields.invalid("responseUrl", "must be an http(s) URL ending in /hooks/commands/<id>");
    }
    List<String> segments = url.pathSegments();
    int last = segments.size() - 1;
    if (last < 2 || !segments.get(last - 2).equals("hooks") || !segments.get(last - 1).equals("commands")
        || !isKey(segments.get(last))) {
      throw Fields.invalid("responseUrl", "must end in /hooks/commands/<id>");
    }
    return segments.get(last);
  }

  /** {@code text} with every webhook key (and slash-command response id) replaced by {@link #MASK}. */
  public static String redact(String text) {
    if (text == null || !text.contains("/hooks/")) {
      return text;
    }
    return KEY_IN_TEXT.matcher(text).replaceAll("$1" + MASK);
  }

  private static boolean isKey(String segment) {
    if (segment.isEmpty()) {
      return false;
    }
    for (int i = 0; i < segment.length(); i++) {
      char c = segment.charAt(i);
      if (!(c >= 'a' && c <= 'z') && !(c >= 'A' && c <= 'Z') && !(c >= '0' && c <= '9')) {
        return false;
      }
    }
    return true;
  }
}
