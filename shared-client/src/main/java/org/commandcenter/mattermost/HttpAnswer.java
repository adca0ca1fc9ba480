package org.commandcenter.mattermost;

import okhttp3.Headers;

/** A fully read HTTP answer, so no response body outlives the call that produced it. */
final class HttpAnswer {
  final int code;
  final String body;
  final Headers headers;
  /** False when the status line arrived but the connection broke while the body was read. */
  final boolean bodyComplete;

  HttpAnswer(int code, String body, Headers headers) {
    this(code, body, headers, true);
  }

  HttpAnswer(int code, String body, Headers headers, boolean bodyComplete) {
    this.code = code;
    this.body = body;
    this.headers = headers;
    this.bodyComplete = bodyComplete;
  }
}
