package org.commandcenter.notifier.core;

import java.nio.charset.StandardCharsets;

/**
 * What the adapter's endpoint writes back to Mattermost, as the core decided it: status, Content-Type and body.
 * Mattermost reads an action answer only with status 200 and a slash command answer as JSON only when the media
 * type is exactly {@code application/json}; everything else is an error the user sees as such.
 */
public record HttpReply(int status, String contentType, String body) {
  public static final String JSON = "application/json";
  public static final String TEXT = "text/plain; charset=utf-8";

  public static HttpReply json(String body) {
    return new HttpReply(200, JSON, body);
  }

  public static HttpReply error(int status, String message) {
    return new HttpReply(status, TEXT, message + "\n");
  }

  public byte[] bodyBytes() {
    return body.getBytes(StandardCharsets.UTF_8);
  }
}
