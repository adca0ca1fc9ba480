package org.commandcenter.sandbox;

import java.nio.charset.StandardCharsets;

/**
 * One request that reached a Mattermost route, with the status it was answered (0 when a fault cut the connection).
 * Paths of webhooks contain the hook id, which is a secret: never print them in product code.
 */
public final class RecordedRequest {
  private final String method;
  private final String path;
  private final int status;
  private final byte[] body;
  private final String authorization;

  RecordedRequest(String method, String path, int status, byte[] body, String authorization) {
    this.method = method;
    this.path = path;
    this.status = status;
    this.body = body;
    this.authorization = authorization;
  }

  public String method() { return method; }
  public String path() { return path; }
  /** The status sent, or 0 when the response was lost on purpose (a fault) before the status line. */
  public int status() { return status; }
  public String body() { return new String(body, StandardCharsets.UTF_8); }
  /** The Authorization header as sent, or null. */
  public String authorization() { return authorization; }

  @Override
  public String toString() {
    return method + " " + (path.startsWith("/hooks/") ? "/hooks/***" : path) + " -> " + status;
  }
}
