package org.commandcenter.mattermost;

import com.google.gson.Gson;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.concurrent.TimeUnit;
import java.util.Locale;
import java.util.function.DoubleSupplier;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.net.ssl.SSLHandshakeException;
import okhttp3.Call;
import okhttp3.Headers;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;

/**
 * Runs one logical request with the {@link RetryPolicy}: retries I/O errors, 5xx and 429 with
 * exponential backoff and jitter (or the wait the server asked for), never other 4xx, and never
 * past the send's overall deadline. The same {@link Request} (same body, same pending post id) is
 * sent on every attempt.
 */
final class HttpExecutor {
  private static final Logger LOG = Logger.getLogger(MattermostClient.class.getName());
  /** Error bodies are short; anything bigger is not Mattermost talking. */
  private static final long MAX_BODY_BYTES = 4L * 1024 * 1024;

  /**
   * Tags a request whose 2xx status line alone proves it took effect, so a body cut off afterwards is not
   * retried: an incoming webhook stores the post before it writes its {@code ok} (server/channels/web/webhook.go),
   * and has no de-duplication id that would make a retry harmless.
   */
  enum StatusIsReceipt { INSTANCE }

  interface Sleeper {
    void sleep(long millis) throws InterruptedException;
  }

  /**
   * Makes a non-idempotent request (creating a post) safe to repeat: hears of every attempt whose outcome is
   * unknown, and may answer an attempt itself, before it is sent, when it finds that an earlier one took effect.
   */
  interface Guard {
    /** @return the answer of an earlier attempt that took effect, or null to send this one */
    HttpAnswer beforeAttempt(long deadlineNanos) throws MattermostException;

    /** The guard's wall clock, read as each attempt begins. */
    long millis();

    /** The attempt that began at {@code startedMillis} may or may not have reached the server. */
    void outcomeUnknown(long startedMillis);
  }

  private static final Guard NO_GUARD = new Guard() {
    @Override
    public HttpAnswer beforeAttempt(long deadlineNanos) {
      return null;
    }

    @Override
    public long millis() {
      return 0;
    }

    @Override
    public void outcomeUnknown(long startedMillis) {
      // Nothing to remember: the request is idempotent.
    }
  };

  private final OkHttpClient http;
  private final RetryPolicy policy;
  private final Gson gson;
  private final Redactor redactor;
  private final Sleeper sleeper;
  private final DoubleSupplier random;
  /** What Mattermost's rate limiter said last; read by the delivery engine to pace itself. */
  private volatile RateLimitStatus rateLimit;

  HttpExecutor(OkHttpClient http, RetryPolicy policy, Gson gson, Redactor redactor, Sleeper sleeper,
      DoubleSupplier random) {
    this.http = http;
    this.policy = policy;
    this.gson = gson;
    this.redactor = redactor;
    this.sleeper = sleeper;
    this.random = random;
  }

  OkHttpClient http() {
    return http;
  }

  /** The rate-limit headers of the last answer that had them, or null. */
  RateLimitStatus rateLimit() {
    return rateLimit;
  }

  /**
   * @param action a secret-free description for errors and logs, e.g. {@code create post}
   * @return the first 2xx answer
   */
  HttpAnswer execute(String action, Request request) throws MattermostException {
    return execute(action, request, newDeadline());
  }

  /** The {@link System#nanoTime()} by which a send starting now must be done. */
  long newDeadline() {
    return System.nanoTime() + policy.deadline().toNanos();
  }

  /** Like {@link #execute(String, Request)}, within a deadline shared by all requests of one send. */
  HttpAnswer execute(String action, Request request, long deadlineNanos) throws MattermostException {
    return execute(action, request, deadlineNanos, NO_GUARD);
  }

  /**
   * One attempt, within the deadline: for a request made inside another's retries (reading a channel back before a
   * repeat), whose failure that one's retries take care of.
   */
  HttpAnswer executeOnce(String action, Request request, long deadlineNanos) throws MattermostException {
    long remainingMillis = TimeUnit.NANOSECONDS.toMillis(deadlineNanos - System.nanoTime());
    if (remainingMillis <= 0) {
      throw deadlineExceeded(action, null);
    }
    HttpAnswer answer;
    try {
      answer = attempt(request, remainingMillis);
    } catch (IOException e) {
      String reason = e instanceof InterruptedIOException ? "timed out" : "I/O error";
      throw new MattermostException(redactor.redact(action + " failed: " + reason + ": " + e), 0, null, null, null,
          true, redactor.safeCause(e));
    }
    observeRateLimit(answer.headers);
    if (answer.code >= 200 && answer.code < 300 && answer.bodyComplete) {
      return answer;
    }
    if (answer.code >= 200 && answer.code < 300) {
      throw new MattermostException(redactor.redact(action + " failed: HTTP " + answer.code
          + " answer cut off before its body was read"), 0, null, null, answer.headers.get("X-Request-ID"), true,
          null);
    }
    throw ErrorBodies.fromAnswer(action, answer, gson, redactor);
  }

  /** Like {@link #execute(String, Request, long)}, for a request that must not take effect twice. */
  HttpAnswer execute(String action, Request request, long deadlineNanos, Guard guard)
      throws MattermostException {
    MattermostException last = null;
    for (int attempt = 1; ; attempt++) {
      long remainingMillis = TimeUnit.NANOSECONDS.toMillis(deadlineNanos - System.nanoTime());
      if (remainingMillis <= 0) {
        throw deadlineExceeded(action, last);
      }
      HttpAnswer earlier;
      try {
        earlier = guard.beforeAttempt(deadlineNanos);
      } catch (MattermostException readBackFailed) {
        // Could not tell whether an earlier attempt took effect: this attempt failed, retried like one.
        if (!readBackFailed.isRetryable() || attempt >= policy.maxAttempts()) {
          throw readBackFailed;
        }
        last = readBackFailed;
        backOff(action, attempt, policy.backoffMillis(attempt, random.getAsDouble()), last, deadlineNanos);
        continue;
      }
      if (earlier != null) {
        return earlier;
      }
      HttpAnswer answer;
      long startedMillis = guard.millis();
      try {
        answer = attempt(request, remainingMillis);
      } catch (IOException e) {
        answer = null;
        if (!isNotSent(e)) {
          guard.outcomeUnknown(startedMillis);
        }
        if (Thread.currentThread().isInterrupted()) {
          throw new MattermostException(redactor.redact(action + " interrupted"), 0, null, null, null,
              true, redactor.safeCause(e));
        }
        String reason = e instanceof InterruptedIOException ? "timed out" : "I/O error";
        last = new MattermostException(
            redactor.redact(action + " failed: " + reason + ": " + e), 0, null, null, null, true,
            redactor.safeCause(e));
      }
      long waitMillis;
      if (answer != null) {
        observeRateLimit(answer.headers);
        boolean success = answer.code >= 200 && answer.code < 300;
        if (success && (answer.bodyComplete || request.tag(StatusIsReceipt.class) != null)) {
          return answer;
        }
        last = success
            ? new MattermostException(redactor.redact(action + " failed: HTTP " + answer.code
                + " answer cut off before its body was read"), 0, null, null,
                answer.headers.get("X-Request-ID"), true, null)
            : ErrorBodies.fromAnswer(action, answer, gson, redactor);
        if (!last.isRetryable()) {
          throw last;
        }
        if (success || !provesNothingWasDone(answer.code, last)) {
          guard.outcomeUnknown(startedMillis);
        }
        long requested = serverRequestedWaitMillis(answer);
        waitMillis = requested >= 0 ? requested : policy.backoffMillis(attempt, random.getAsDouble());
      } else {
        waitMillis = policy.backoffMillis(attempt, random.getAsDouble());
      }
      if (attempt >= policy.maxAttempts()) {
        throw last;
      }
      backOff(action, attempt, waitMillis, last, deadlineNanos);
    }
  }

  /** Waits before the next attempt, or gives up when it would come after the deadline. */
  private void backOff(String action, int attempt, long waitMillis, MattermostException last, long deadlineNanos)
      throws MattermostException {
    long leftMillis = TimeUnit.NANOSECONDS.toMillis(deadlineNanos - System.nanoTime());
    if (waitMillis >= leftMillis) {
      throw new MattermostException(
          last.getMessage() + " (gave up: the next attempt would be after the "
              + policy.deadline().toMillis() + " ms deadline)",
          last.statusCode(), last.errorId(), last.serverMessage(), last.requestId(), true,
          last.getCause());
    }
    if (LOG.isLoggable(Level.FINE)) {
      LOG.fine(last.getMessage() + "; attempt " + attempt + " of " + policy.maxAttempts()
          + ", retrying in " + waitMillis + " ms");
    }
    try {
      sleeper.sleep(waitMillis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new MattermostException(redactor.redact(action + " interrupted"), last.statusCode(),
          last.errorId(), last.serverMessage(), last.requestId(), true, last);
    }
  }

  /** The body as text, at most {@link #MAX_BODY_BYTES} of it: read once, decoded once. */
  private static String bodyText(Response response) throws IOException {
    okio.BufferedSource source = response.body().source();
    if (source.request(MAX_BODY_BYTES + 1)) {
      return source.readString(MAX_BODY_BYTES, charsetOf(response));
    }
    return source.readString(charsetOf(response));
  }

  /**
   * The declared charset, else UTF-8 (JSON's, RFC 8259). Mattermost declares none ({@code application/json}), so the
   * header is only parsed when it names one: OkHttp's media-type parsing is a regular expression per answer.
   */
  private static java.nio.charset.Charset charsetOf(Response response) {
    String contentType = response.header("Content-Type");
    if (contentType == null || !contentType.toLowerCase(java.util.Locale.ROOT).contains("charset")) {
      return java.nio.charset.StandardCharsets.UTF_8;
    }
    okhttp3.MediaType type = okhttp3.MediaType.parse(contentType);
    java.nio.charset.Charset charset = type == null ? null : type.charset(null);
    return charset != null ? charset : java.nio.charset.StandardCharsets.UTF_8;
  }

  /**
   * Failures that happen before a request can reach the server: nothing was sent. A timeout or reset later on
   * leaves the outcome unknown.
   */
  static boolean isNotSent(IOException e) {
    if (e instanceof ConnectException || e instanceof UnknownHostException || e instanceof NoRouteToHostException
        || e instanceof SSLHandshakeException) {
      return true;
    }
    String message = e.getMessage();
    return e instanceof SocketTimeoutException && message != null
        && message.toLowerCase(Locale.ROOT).contains("connect");
  }

  /**
   * Answers that prove the request was not carried out: the rate limiter's 429 and the server's own "busy" 503,
   * both written before any handler runs (server/channels/app/ratelimit.go, web/handlers.go). Any other 5xx (a
   * proxy's 502/504, a 500 of a handler) may come after the post was stored.
   */
  private static boolean provesNothingWasDone(int code, MattermostException error) {
    return code == 429 || (code == 503 && "api.context.server_busy.app_error".equals(error.errorId()));
  }

  private void observeRateLimit(Headers headers) {
    RateLimitStatus status = RateLimitStatus.from(headers);
    if (status != null) {
      rateLimit = status;
    }
  }

  private HttpAnswer attempt(Request request, long timeoutMillis) throws IOException {
    Call call = http.newCall(request);
    call.timeout().timeout(timeoutMillis, TimeUnit.MILLISECONDS);
    try (Response response = call.execute()) {
      String text;
      try {
        text = bodyText(response);
      } catch (IOException bodyCutOff) {
        if (response.code() < 200 || response.code() >= 300) {
          throw bodyCutOff;
        }
        return new HttpAnswer(response.code(), "", response.headers(), false);
      }
      return new HttpAnswer(response.code(), text, response.headers());
    }
  }

  /**
   * Retry-After (seconds or an HTTP date), else X-RateLimit-Reset, which Mattermost sends as
   * seconds until the limit resets (server/channels/app/ratelimit.go setRateLimitHeaders).
   * Returns -1 when the server gave no hint.
   */
  static long serverRequestedWaitMillis(HttpAnswer answer) {
    long retryAfter = parseRetryAfter(answer.headers.get("Retry-After"));
    if (retryAfter >= 0) {
      return retryAfter;
    }
    if (answer.code == 429) {
      String reset = answer.headers.get("X-RateLimit-Reset");
      if (reset != null) {
        try {
          long seconds = Long.parseLong(reset.trim());
          if (seconds >= 0) {
            return TimeUnit.SECONDS.toMillis(seconds);
          }
        } catch (NumberFormatException ignored) {
          // Not a number: fall back to our own backoff.
        }
      }
    }
    return -1;
  }

  private static long parseRetryAfter(String value) {
    if (value == null || value.isBlank()) {
      return -1;
    }
    String trimmed = value.trim();
    try {
      long seconds = Long.parseLong(trimmed);
      return seconds < 0 ? -1 : TimeUnit.SECONDS.toMillis(seconds);
    } catch (NumberFormatException notSeconds) {
      try {
        Instant at = ZonedDateTime.parse(trimmed, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
        return Math.max(0, at.toEpochMilli() - System.currentTimeMillis());
      } catch (DateTimeParseException notDate) {
        return -1;
      }
    }
  }

  private MattermostException deadlineExceeded(String action, MattermostException last) {
    String message = action + " failed: deadline of " + policy.deadline().toMillis() + " ms exceeded";
    if (last == null) {
      return new MattermostException(redactor.redact(message), 0, null, null, null, true, null);
    }
    return new MattermostException(redactor.redact(message + "; last error: " + last.getMessage()),
        last.statusCode(), last.errorId(), last.serverMessage(), last.requestId(), true, last.getCause());
  }
}
