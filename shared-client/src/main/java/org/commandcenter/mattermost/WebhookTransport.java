package org.commandcenter.mattermost;

import java.util.List;
import okhttp3.HttpUrl;
import okhttp3.Request;

/** Posts over an incoming webhook: {@code POST {site}/hooks/{key}}, answered 200 {@code ok}. */
final class WebhookTransport {
  private final HttpUrl webhookUrl;
  private final HttpExecutor executor;
  private final Payloads payloads;

  WebhookTransport(String webhookUrl, HttpExecutor executor, Payloads payloads) {
    this.webhookUrl = HttpUrl.get(webhookUrl);
    this.executor = executor;
    this.payloads = payloads;
  }

  /** Posts the parts one after another, starting after those {@code progress} already posted. */
  PostResult send(Post post, List<String> parts, SendProgress progress, long deadline)
      throws MattermostException {
    if (post.rootId() != null) {
      throw Checks.invalid("rootId", "threads need the REST API (siteUrl + token); webhooks cannot reply");
    }
    if (!post.fileIds().isEmpty()) {
      throw Checks.invalid("fileIds", "files need the REST API (siteUrl + token)");
    }
    for (int i = progress.completedParts; i < parts.size(); i++) {
      Request request = new Request.Builder()
          .url(webhookUrl)
          .header("Accept", "text/plain, application/json")
          .header("User-Agent", MattermostClient.USER_AGENT)
          .tag(HttpExecutor.StatusIsReceipt.class, HttpExecutor.StatusIsReceipt.INSTANCE)
          .post(payloads.body(payloads.webhook(post, parts.get(i), i == 0)))
          .build();
      String action = parts.size() == 1 ? "webhook post"
          : "webhook post (part " + (i + 1) + " of " + parts.size() + ")";
      HttpAnswer answer = executor.execute(action, request, deadline);
      // Mattermost answers exactly "ok" (server/channels/web/webhook.go); anything else is not
      // Mattermost (a proxy's login page, say) and the post was not made.
      if (answer.bodyComplete && !answer.body.trim().equalsIgnoreCase("ok")) {
        throw new MattermostException(action + " failed: HTTP " + answer.code
            + " without the 'ok' Mattermost answers; is the URL an incoming webhook?", answer.code,
            null, null, answer.headers.get("X-Request-ID"), false, null);
      }
      progress.completedParts = i + 1;
    }
    return PostResult.webhook();
  }
}
