package org.commandcenter.jenkins.mattermost;

import org.commandcenter.mattermost.rules.WebhookUrls;

/** Last line of defence: masks a known secret (token or webhook URL) in text bound for a log. */
final class Redaction {
  static final String MASK = WebhookUrls.MASK;

  private Redaction() {
  }

  static String redact(String text, String secret) {
    if (text == null) {
      return "";
    }
    String out = text;
    if (secret != null && secret.length() >= 4) {
      out = out.replace(secret, MASK);
    }
    // A webhook URL's key is the secret part, whatever it came with.
    return WebhookUrls.redact(out);
  }
}
