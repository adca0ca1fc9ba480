package org.commandcenter.mattermost;

import static java.util.Objects.requireNonNull;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Consumer;
import java.util.function.DoubleSupplier;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import org.commandcenter.mattermost.rules.HttpUrls;
import org.commandcenter.mattermost.rules.WebhookUrls;
import org.commandcenter.mattermost.tls.CaTrust;

/**
 * Posts to Mattermost over an incoming webhook or the REST API v4 with a bot or personal access
 * token. Immutable and thread-safe: build one per configuration and share it.
 */
public final class MattermostClient {
  static final MediaType JSON = MediaType.get("application/json; charset=utf-8");
  static final String USER_AGENT = "command-center-mattermost-client/1.0";
  static final String PRIORITY_DISABLED = "api.post.post_priority.priority_post_not_allowed_for_user.request_error";

  private final String webhookUrl;
  private final String siteUrl;
  private final String token;
  private final String team;
  private final CaTrust trust;
  private final ProxySettings proxy;
  private final Duration connectTimeout;
  private final Duration readTimeout;
  private final RetryPolicy retryPolicy;
  private final int maxMessageLength;
  private final HttpExecutor.Sleeper sleeper;
  private final DoubleSupplier random;

  private final HttpExecutor executor;
  private final WebhookTransport webhook;
  private final RestApi rest;
  private final String fingerprint;

  private MattermostClient(Builder builder) {
    this.webhookUrl = builder.webhookUrl;
    this.siteUrl = builder.webhookUrl != null ? WebhookUrls.siteOf(builder.webhookUrl) : trimSlash(builder.siteUrl);
    this.token = builder.token;
    this.team = builder.team;
    this.trust = builder.trust;
    this.proxy = builder.proxy;
    this.connectTimeout = builder.connectTimeout;
    this.readTimeout = builder.readTimeout;
    this.retryPolicy = builder.retryPolicy;
    this.maxMessageLength = builder.maxMessageLength;
    this.sleeper = builder.sleeper;
    this.random = builder.random;

    Gson gson = new GsonBuilder().disableHtmlEscaping().create();
    Payloads payloads = new Payloads(gson);
    Redactor redactor = new Redactor(secretsOf(builder));
    OkHttpClient http = HttpClients.build(builder.okHttpClient, trust, proxy, connectTimeout, readTimeout,
        HttpUrl.get(siteUrl).host());
    this.executor = new HttpExecutor(http, retryPolicy, gson, redactor, sleeper, random);
    this.webhook = webhookUrl != null ? new WebhookTransport(webhookUrl, executor, payloads) : null;
    this.rest = webhookUrl == null
        ? new RestApi(HttpUrl.get(siteUrl), token, team, executor, payloads, gson, redactor) : null;
    this.fingerprint = Fingerprints.of(webhookUrl != null ? "webhook\n" + webhookUrl
        : "rest\n" + siteUrl + "\n" + team + "\n" + token);
  }

  public static Builder builder() {
    return new Builder();
  }

  /** A builder with this client's settings; clients built from it share its connection pool. */
  public Builder newBuilder() {
    return new Builder(this);
  }

  public boolean isWebhook() {
    return webhookUrl != null;
  }

  /** The Mattermost site, e.g. {@code https://chat.example.com}; derived from a webhook URL too. */
  public String siteUrl() {
    return siteUrl;
  }

  /** The default team for resolving channel names over REST, or null. */
  public String team() {
    return team;
  }

  public RetryPolicy retryPolicy() {
    return retryPolicy;
  }

  /**
   * How many posts {@link #send} makes of {@code text}: one, or more when it is longer than Mattermost takes in one
   * post. Lets a caller refuse a text that would flood a channel before anything is sent.
   */
  public int postsFor(String text) {
    return pieces(text).size();
  }

  /**
   * An opaque name of this client's Mattermost and credential: the same for clients built with the same site, team
   * and token (or webhook URL), different otherwise. It tells connections apart within this process (it is keyed
   * with a secret of the process, so it says nothing about the credential and means nothing to another process):
   * never a durable key.
   */
  public String fingerprint() {
    return fingerprint;
  }

  /**
   * Posts a message. Over REST a text longer than Mattermost accepts becomes a root post and
   * continuation replies in its thread; over a webhook, consecutive posts. Attachments, files and
   * priority go with the first post.
   */
  public PostResult send(Post post) throws MattermostException {
    return send(post, new SendProgress());
  }

  /** A send that resumes where an earlier one with the same {@code progress} stopped. */
  PostResult send(Post post, SendProgress progress) throws MattermostException {
    requireNonNull(post, "post == null");
    List<String> pieces = pieces(post.text());
    // One deadline for the whole send: channel lookup and every part.
    long deadline = executor.newDeadline();
    return isWebhook() ? webhook.send(post, pieces, progress, deadline)
        : rest.send(post, pieces, progress, deadline);
  }

  /**
   * Sends a post whose priority the server may refuse, and never loses the message over it. Mattermost answers 403
   * {@code api.post.post_priority.priority_post_not_allowed_for_user.request_error} when message priority is turned
   * off, and 501 {@code license_error.feature_unavailable} for acknowledgements and persistent notifications without
   * a Professional licence (server/channels/app/post_priority.go postPriorityCheck) — common on self-hosted Team
   * Edition. The post then goes again with what the server allows, and {@code downgraded} hears why.
   */
  public PostResult sendAllowingLessPriority(Post post, Consumer<String> downgraded) throws MattermostException {
    requireNonNull(post, "post == null");
    requireNonNull(downgraded, "downgraded == null");
    return sendAllowingLessPriority(post, new SendProgress(), downgraded);
  }

  /** The same, resuming {@code progress}: a refused priority means nothing was created, so it carries over. */
  PostResult sendAllowingLessPriority(Post post, SendProgress progress, Consumer<String> downgraded)
      throws MattermostException {
    try {
      return send(post, progress);
    } catch (MattermostException e) {
      Priority priority = post.priority();
      if (priority == null) {
        throw e;
      }
      boolean extras = priority.requestedAck() || priority.persistentNotifications();
      if (e.statusCode() == 501 && extras) {
        downgraded.accept("This Mattermost has no licence for acknowledgements or persistent notifications; "
            + "sending the message as " + priority.level().wireValue() + " without them");
        return sendAllowingLessPriority(post.newBuilder().priority(Priority.builder(priority.level()).build()).build(),
            progress, downgraded);
      }
      boolean disabled = e.statusCode() == 403 && (PRIORITY_DISABLED.equals(e.errorId()) || isWebhook());
      if (disabled || (e.statusCode() == 501 && isWebhook())) {
        downgraded.accept("Message priority is turned off on this Mattermost; sending the message without priority");
        return send(post.newBuilder().priority(null).build(), progress);
      }
      throw e;
    }
  }

  /** Posts {@code post} as a reply in the thread of {@code rootId} (REST only). */
  public PostResult reply(String rootId, Post post) throws MattermostException {
    requireNonNull(rootId, "rootId == null");
    requireNonNull(post, "post == null");
    Checks.requireId("rootId", rootId);
    requireRest("reply in a thread");
    return send(post.newBuilder().rootId(rootId).build());
  }

  /**
   * Replaces the text, attachments, props and files of an existing post (REST only). The server
   * replaces props wholesale, so the whole post is resent. Priority cannot be changed afterwards.
   */
  public PostResult update(String postId, Post post) throws MattermostException {
    requireNonNull(postId, "postId == null");
    requireNonNull(post, "post == null");
    Checks.requireId("postId", postId);
    requireRest("update a post");
    if (post.text() != null && Checks.codePointLength(post.text()) > maxMessageLength) {
      throw Checks.invalid("text", "an update must fit in one post (" + maxMessageLength + " characters)");
    }
    return rest.patch(postId, post);
  }

  /**
   * Applies an update made from a stored post (REST only): {@code PUT /api/v4/posts/{id}/patch} with its message,
   * props and files. The server replaces props wholesale (server/channels/app/post.go PatchPost), as it does for an
   * action response's {@code update}.
   */
  public PostResult update(String postId, PostUpdate update) throws MattermostException {
    requireNonNull(postId, "postId == null");
    requireNonNull(update, "update == null");
    Checks.requireId("postId", postId);
    requireRest("update a post");
    return rest.patch(postId, update.toJsonTree());
  }

  /** Uploads a file to a channel (REST only); attach the returned id with {@link Post.Builder#addFileId}. */
  public String uploadFile(String channelId, String fileName, byte[] content) throws MattermostException {
    requireNonNull(content, "content == null");
    return uploadFile(channelId, fileName, FileContent.of(content));
  }

  /**
   * Uploads a file to a channel (REST only), streaming it from {@code content}: a large file is never held in
   * memory, and a retry reads it again.
   */
  public String uploadFile(String channelId, String fileName, FileContent content) throws MattermostException {
    requireNonNull(channelId, "channelId == null");
    requireNonNull(fileName, "fileName == null");
    requireNonNull(content, "content == null");
    Checks.requireId("channelId", channelId);
    Checks.requireNotBlank("fileName", fileName);
    requireRest("upload a file");
    return rest.uploadFile(channelId, fileName, content);
  }

  /** Looks up a channel by team and channel name (REST only); answers are cached. */
  public Channel channel(String team, String channelName) throws MattermostException {
    requireNonNull(team, "team == null");
    requireNonNull(channelName, "channelName == null");
    Checks.requireNotBlank("team", team);
    Checks.requireNotBlank("channel", channelName);
    requireRest("look up a channel");
    return rest.namedChannel(team, channelName, executor.newDeadline());
  }

  /**
   * The direct-message channel between the token's user and {@code username}, created if needed
   * (REST only); cached like named channels.
   */
  public Channel directChannelWith(String username) throws MattermostException {
    requireNonNull(username, "username == null");
    Checks.requireNotBlank("username", username);
    requireRest("open a direct message");
    return rest.directChannel(username, executor.newDeadline());
  }

  /** Finds a user by e-mail address (REST only), e.g. to mention a committer. */
  public Optional<User> userByEmail(String email) throws MattermostException {
    requireNonNull(email, "email == null");
    if (email.isBlank() || !email.contains("@")) {
      throw Checks.invalid("email", "must be an e-mail address");
    }
    requireRest("look up a user");
    return rest.userByEmail(email);
  }

  /** The user behind the token (REST only); a cheap connection and credentials test. */
  public User me() throws MattermostException {
    requireRest("read the current user");
    return rest.me(executor.newDeadline());
  }

  /**
   * A post as the server stores it (REST only), e.g. to edit it in an action response. Its actions come back without
   * their integration (server/public/model/post.go Post.StripActionIntegrations).
   */
  public StoredPost post(String postId) throws MattermostException {
    requireNonNull(postId, "postId == null");
    Checks.requireId("postId", postId);
    requireRest("read a post");
    return rest.post(postId);
  }

  /**
   * A user by id (REST only): who Mattermost says clicked a button or typed a command. The e-mail address is empty
   * unless the server shows addresses to this token (PrivacySettings.ShowEmailAddress, or a system admin's token).
   */
  public User user(String userId) throws MattermostException {
    requireNonNull(userId, "userId == null");
    Checks.requireId("userId", userId);
    requireRest("look up a user");
    return rest.user(userId);
  }

  /**
   * Sends a slash command's later answer to its {@code response_url}: at most five answers within 30 minutes of the
   * command (server/channels/app/webhook.go HandleCommandWebhook, model.CommandWebhookLifetime). Only the hook id is
   * taken from the URL: the answer always goes to this client's own site, so a forged response_url cannot send it
   * elsewhere, and a Mattermost whose SiteURL differs from the address Jenkins uses still gets it. Like an incoming
   * webhook, a status 200 is the receipt (it answers {@code ok}); the id is never part of an error.
   *
   * @throws IllegalArgumentException {@code responseUrl: ...} when it is not {@code …/hooks/commands/<id>}
   */
  public void respond(String responseUrl, CommandResponse response) throws MattermostException {
    requireNonNull(responseUrl, "responseUrl == null");
    requireNonNull(response, "response == null");
    String hookId = WebhookUrls.commandHookIdOf(responseUrl);
    HttpUrl url = HttpUrl.get(siteUrl).newBuilder()
        .addPathSegment("hooks").addPathSegment("commands").addPathSegment(hookId).build();
    Request request = new Request.Builder()
        .url(url)
        .header("Accept", "text/plain, application/json")
        .header("User-Agent", USER_AGENT)
        .tag(HttpExecutor.StatusIsReceipt.class, HttpExecutor.StatusIsReceipt.INSTANCE)
        .post(RequestBody.create(response.toJson().getBytes(StandardCharsets.UTF_8), JSON))
        .build();
    try {
      executor.execute("slash command answer", request);
    } catch (MattermostException e) {
      throw new MattermostException(WebhookUrls.redact(e.getMessage()), e.statusCode(), e.errorId(),
          e.serverMessage(), e.requestId(), e.isRetryable(), null);
    }
  }

  /** The Mattermost Calls plugin's REST API on this site (REST only). */
  public CallsClient calls() {
    requireRest("use the Calls plugin");
    return new CallsClient(rest);
  }

  @Override
  public String toString() {
    return "MattermostClient{" + (isWebhook() ? "webhook " + siteUrl + "/hooks/" + Redactor.MASK
        : "rest " + siteUrl + (team != null ? ", team=" + team : "")) + "}";
  }

  /** The rate-limit headers of the last answer that had them, or null (rate limiting off, nothing sent yet). */
  RateLimitStatus rateLimit() {
    return executor.rateLimit();
  }

  /** The REST API of this client, or null over a webhook. */
  RestApi rest() {
    return rest;
  }

  /** A new deadline by this client's retry policy, as every send starts with. */
  long newDeadline() {
    return executor.newDeadline();
  }

  List<String> pieces(String text) {
    if (text == null || text.isEmpty()) {
      return Collections.singletonList(text);
    }
    return TextSplitter.split(text, maxMessageLength);
  }

  private void requireRest(String what) {
    if (isWebhook()) {
      throw new IllegalStateException("To " + what + " the client needs the REST API (siteUrl + token), "
          + "not an incoming webhook");
    }
  }

  private static List<String> secretsOf(Builder builder) {
    List<String> secrets = new ArrayList<>();
    if (builder.webhookUrl != null) {
      secrets.add(builder.webhookUrl);
      secrets.add(WebhookUrls.keyOf(builder.webhookUrl));
    }
    secrets.add(builder.token);
    if (builder.proxy != null) {
      secrets.add(builder.proxy.password());
    }
    return secrets;
  }

  private static String trimSlash(String url) {
    String result = url;
    while (result.endsWith("/")) {
      result = result.substring(0, result.length() - 1);
    }
    return result;
  }

  public static final class Builder {
    private String webhookUrl;
    private String siteUrl;
    private String token;
    private String team;
    private OkHttpClient okHttpClient;
    private CaTrust trust;
    private ProxySettings proxy;
    private Duration connectTimeout;
    private Duration readTimeout;
    private RetryPolicy retryPolicy = RetryPolicy.defaults();
    private int maxMessageLength = TextSplitter.MAX_POST_RUNES;
    private HttpExecutor.Sleeper sleeper = Thread::sleep;
    private DoubleSupplier random = () -> ThreadLocalRandom.current().nextDouble();

    Builder() {}

    Builder(MattermostClient client) {
      this.webhookUrl = client.webhookUrl;
      this.siteUrl = client.webhookUrl == null ? client.siteUrl : null;
      this.token = client.token;
      this.team = client.team;
      this.okHttpClient = client.executor.http();
      this.trust = client.trust;
      this.proxy = client.proxy;
      this.connectTimeout = client.connectTimeout;
      this.readTimeout = client.readTimeout;
      this.retryPolicy = client.retryPolicy;
      this.maxMessageLength = client.maxMessageLength;
      this.sleeper = client.sleeper;
      this.random = client.random;
    }

    /** An incoming webhook, {@code https://chat.example.com/hooks/<key>}. The key is a secret. */
    public Builder webhookUrl(String webhookUrl) {
      this.webhookUrl = webhookUrl;
      return this;
    }

    /** The site for the REST API, {@code https://chat.example.com}; use with {@link #token}. */
    public Builder siteUrl(String siteUrl) {
      this.siteUrl = siteUrl;
      return this;
    }

    /** A bot or personal access token. */
    public Builder token(String token) {
      this.token = token;
      return this;
    }

    /** The team (name) used to resolve channel names over REST. */
    public Builder team(String team) {
      this.team = team;
      return this;
    }

    /** The caller's client (its proxy, pool and dispatcher); this client derives its own from it. */
    public Builder okHttpClient(OkHttpClient okHttpClient) {
      this.okHttpClient = okHttpClient;
      return this;
    }

    public Builder trust(CaTrust trust) {
      this.trust = trust;
      return this;
    }

    public Builder proxy(ProxySettings proxy) {
      this.proxy = proxy;
      return this;
    }

    /** Default 10 s (or the caller client's). */
    public Builder connectTimeout(Duration connectTimeout) {
      this.connectTimeout = connectTimeout;
      return this;
    }

    /** Read and write timeout of one attempt; default 30 s (or the caller client's). */
    public Builder readTimeout(Duration readTimeout) {
      this.readTimeout = readTimeout;
      return this;
    }

    public Builder retryPolicy(RetryPolicy retryPolicy) {
      this.retryPolicy = requireNonNull(retryPolicy, "retryPolicy == null");
      return this;
    }

    /** For tests: a smaller post size than Mattermost's, so splitting is cheap to exercise. */
    Builder maxMessageLength(int maxMessageLength) {
      this.maxMessageLength = maxMessageLength;
      return this;
    }

    /** For tests: how backoff waits are spent. */
    Builder sleeper(HttpExecutor.Sleeper sleeper) {
      this.sleeper = requireNonNull(sleeper, "sleeper == null");
      return this;
    }

    /** For tests: the jitter source, uniform in [0, 1). */
    Builder random(DoubleSupplier random) {
      this.random = requireNonNull(random, "random == null");
      return this;
    }

    public MattermostClient build() {
      if (webhookUrl != null && (siteUrl != null || token != null)) {
        throw Checks.invalid("webhookUrl", "set either webhookUrl, or siteUrl and token, not both");
      }
      if (webhookUrl != null) {
        checkWebhookUrl(webhookUrl);
      } else {
        if (siteUrl == null && token == null) {
          throw Checks.invalid("siteUrl", "set webhookUrl, or siteUrl and token");
        }
        checkSiteUrl();
        if (token == null || token.isBlank()) {
          throw Checks.invalid("token", "required with siteUrl");
        }
        if (!token.chars().allMatch(c -> c > 0x20 && c < 0x7f)) {
          throw Checks.invalid("token", "must be printable ASCII without spaces");
        }
      }
      if (team != null && team.isBlank()) {
        throw Checks.invalid("team", "must not be blank when set");
      }
      checkTimeout("connectTimeout", connectTimeout);
      checkTimeout("readTimeout", readTimeout);
      if (okHttpClient == null) {
        if (connectTimeout == null) {
          connectTimeout = Duration.ofSeconds(10);
        }
        if (readTimeout == null) {
          readTimeout = Duration.ofSeconds(30);
        }
      }
      return new MattermostClient(this);
    }

    /** Never echoes the URL: it contains the webhook key. */
    private static void checkWebhookUrl(String url) {
      HttpUrl parsed = WebhookUrls.isWebhookUrl(url) ? HttpUrl.parse(url) : null;
      if (parsed == null || parsed.query() != null) {
        throw Checks.invalid("webhookUrl", "must look like https://chat.example.com/hooks/<key>");
      }
      if (!parsed.username().isEmpty() || !parsed.password().isEmpty()) {
        // They would end up in siteUrl() and toString(); proxies take credentials via ProxySettings.
        throw Checks.invalid("webhookUrl", "must not contain user:password@");
      }
    }

    private void checkSiteUrl() {
      if (siteUrl == null || siteUrl.isBlank()) {
        throw Checks.invalid("siteUrl", "required with token");
      }
      HttpUrl parsed = HttpUrls.parse(siteUrl);
      if (parsed == null || parsed.query() != null || parsed.fragment() != null) {
        throw Checks.invalid("siteUrl", "must be an http:// or https:// URL such as https://chat.example.com");
      }
      if (!parsed.username().isEmpty() || !parsed.password().isEmpty()) {
        throw Checks.invalid("siteUrl", "must not contain user:password@ (use token)");
      }
      if (parsed.encodedPath().contains("/api/v4")) {
        throw Checks.invalid("siteUrl", "must be the site root, without /api/v4");
      }
    }

    private static void checkTimeout(String field, Duration timeout) {
      if (timeout != null && (timeout.isNegative() || timeout.isZero())) {
        throw Checks.invalid(field, "must be positive");
      }
    }
  }
}
