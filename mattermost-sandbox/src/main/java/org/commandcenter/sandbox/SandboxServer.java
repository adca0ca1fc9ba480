package org.commandcenter.sandbox;

import static java.util.Objects.requireNonNull;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.commandcenter.sandbox.internal.AppError;
import org.commandcenter.sandbox.internal.CallsPlugin;
import org.commandcenter.sandbox.internal.CustomCommands;
import org.commandcenter.sandbox.internal.HttpRequest;
import org.commandcenter.sandbox.internal.HttpResponse;
import org.commandcenter.sandbox.internal.Ids;
import org.commandcenter.sandbox.internal.RateLimiter;
import org.commandcenter.sandbox.internal.RestApi;
import org.commandcenter.sandbox.internal.WebhookHandler;

/**
 * The HTTP side: the JDK's HttpServer on a loopback port, routing to the Mattermost handlers behind the rate limiter
 * and the fault switches, and to the sandbox's own pages (never limited or faulted).
 */
final class SandboxServer implements Faults.Switch {
  private static final System.Logger LOG = System.getLogger(SandboxServer.class.getName());
  private static final int MAX_RECORDED = 10_000;
  /** Plugins read at most requestBodyMaxSizeBytes = 1 MB (mattermost-plugin-calls server/api.go). */
  private static final long PLUGIN_BODY_LIMIT = 1024 * 1024;
  /** web/handlers.go adds bytes.MinRead to the configured limits. */
  private static final long MIN_READ = 512;
  /** How much of an oversized body is read and dropped before answering; beyond it the connection is closed. */
  private static final long MAX_DRAIN = 256L * 1024 * 1024;

  /** Serves the sandbox's own routes (inbox, JSON endpoint); returns null for paths it does not own. */
  interface LocalRoutes {
    HttpResponse handle(HttpRequest request, String siteUrl) throws IOException;
  }

  private final String host;
  private final int requestedPort;
  private final Faults faults;
  private final Supplier<SandboxSettings> settings;
  private final WebhookHandler webhooks;
  private final CustomCommands commands;
  private final RestApi restApi;
  private final CallsPlugin calls;
  private final LocalRoutes localRoutes;
  private final Deque<RecordedRequest> recorded = new ArrayDeque<>();
  private final java.util.function.LongSupplier clockNanos;
  /** Mattermost requests being handled, and whether a graceful stop refuses new ones. */
  private final AtomicInteger inFlight = new AtomicInteger();
  private volatile boolean shuttingDown;
  private final ExecutorService executor;
  private RateLimiter rateLimiter;
  private HttpServer server;
  private int port;

  SandboxServer(String host, int port, Faults faults, Supplier<SandboxSettings> settings, WebhookHandler webhooks,
      CustomCommands commands, RestApi restApi, CallsPlugin calls, LocalRoutes localRoutes,
      java.util.function.LongSupplier clockNanos) {
    this.clockNanos = requireNonNull(clockNanos, "clockNanos == null");
    this.host = requireNonNull(host, "host == null");
    this.requestedPort = port;
    this.faults = requireNonNull(faults, "faults == null");
    this.settings = requireNonNull(settings, "settings == null");
    this.webhooks = webhooks;
    this.commands = commands;
    this.restApi = restApi;
    this.calls = calls;
    this.localRoutes = localRoutes;
    AtomicInteger threads = new AtomicInteger();
    this.executor = Executors.newCachedThreadPool(r -> {
      Thread t = new Thread(r, "mattermost-sandbox-" + threads.incrementAndGet());
      t.setDaemon(true);
      return t;
    });
  }

  static {
    // Go's net/http (Mattermost) sets TCP_NODELAY on every connection; the JDK's server only when asked. Without it
    // an answer written as headers and body waits for the client's delayed ACK: 40 ms a request on Linux.
    if (System.getProperty("sun.net.httpserver.nodelay") == null) {
      System.setProperty("sun.net.httpserver.nodelay", "true");
    }
  }

  synchronized void start() throws IOException {
    server = bind(requestedPort);
    port = server.getAddress().getPort();
    faults.attach(this);
  }

  private HttpServer bind(int port) throws IOException {
    HttpServer s = HttpServer.create(new InetSocketAddress(host, port), 64);
    s.createContext("/", this::handle);
    s.setExecutor(executor);
    s.start();
    return s;
  }

  /**
   * Stops as Mattermost's StopHTTPServer does (server/channels/app/server.go): no new connections, and the requests
   * under way get up to TimeToWaitForConnectionsToCloseOnServerShutdown (1 s) to finish.
   */
  void stopGracefully() {
    HttpServer stopping;
    synchronized (this) {
      stopping = server;
      if (stopping == null) {
        return;
      }
      shuttingDown = true;
    }
    // The JDK's own stop(1) always waits the full second (before JDK 21): wait for the requests under way instead.
    long deadline = System.nanoTime() + 1_000_000_000L;
    while (inFlight.get() > 0 && System.nanoTime() < deadline) {
      try {
        Thread.sleep(1);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
    }
    synchronized (this) {
      stopping.stop(0);
      if (server == stopping) {
        server = null;
      }
      shuttingDown = false;
    }
  }

  /** The rate limiter's buckets live in the server's memory (app/ratelimit.go, a memstore): a restart empties them. */
  synchronized void forgetRateLimits() {
    rateLimiter = null;
  }

  synchronized int port() {
    return port;
  }

  String host() {
    return host;
  }

  @Override
  public synchronized void down() {
    if (server != null) {
      server.stop(0);
      server = null;
    }
  }

  @Override
  public synchronized void up() {
    if (server == null && port != 0) {
      try {
        server = bind(port);
      } catch (IOException e) {
        throw new UncheckedIOException("cannot listen again on port " + port, e);
      }
    }
  }

  synchronized void stop() {
    if (server != null) server.stop(0);
    server = null;
    executor.shutdownNow();
  }

  List<RecordedRequest> recorded() {
    synchronized (recorded) {
      return new ArrayList<>(recorded);
    }
  }

  // ---- request handling --------------------------------------------------------------------------------------------

  /** Thrown to make the JDK server drop the connection (a fault). */
  private static final class DropConnection extends RuntimeException {
    private static final long serialVersionUID = 1L;

    DropConnection() {
      super("connection dropped on purpose", null, false, false);
    }
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      String method = exchange.getRequestMethod();
      String path = exchange.getRequestURI().getPath();
      String siteUrl = siteUrl(exchange);
      if (!isMattermostRoute(path)) {
        HttpRequest request = read(exchange, path, Ids.newId(), 1024 * 1024);
        HttpResponse response = localRoutes.handle(request, siteUrl);
        write(exchange, response == null ? HttpResponse.goHttpError(404, "404 page not found") : response, false);
        return;
      }
      handleMattermost(exchange, method, path);
    }
  }

  private static boolean isMattermostRoute(String path) {
    return path.startsWith("/hooks/") || path.startsWith("/api/") || path.startsWith("/plugins/");
  }

  private void handleMattermost(HttpExchange exchange, String method, String path) throws IOException {
    if (shuttingDown) {
      throw new DropConnection(); // as a closed listener: nothing of it is processed
    }
    inFlight.incrementAndGet();
    try {
      handleMattermostRequest(exchange, method, path);
    } finally {
      inFlight.decrementAndGet();
    }
  }

  private void handleMattermostRequest(HttpExchange exchange, String method, String path) throws IOException {
    SandboxSettings s = settings.get();
    Faults.Plan plan = faults.next();
    sleep(plan.delay);
    String requestId = Ids.newId();
    RateLimiter.Result rate = rateLimit(exchange, s);
    HttpResponse response;
    HttpRequest request;
    if (plan.failWithStatus != 0) {
      request = read(exchange, path, requestId, limitFor(path, s));
      response = faultResponse(plan, requestId, s);
    } else if (rate != null && rate.limited) {
      // app/ratelimit.go RateLimitWriter: http.Error(w, "limit exceeded", 429), before any routing.
      request = read(exchange, path, requestId, limitFor(path, s));
      response = HttpResponse.goHttpError(429, "limit exceeded");
    } else {
      request = read(exchange, path, requestId, limitFor(path, s));
      response = route(request, path, s);
    }
    if (rate != null) rate.addHeaders(response);
    boolean apiHandler = path.startsWith("/api/") || path.startsWith("/hooks/");
    if (apiHandler && response.status() != 429) {
      // web/handlers.go ServeHTTP: headers of every API and webhook response.
      response.header("X-Request-Id", requestId);
      response.header("X-Version-Id", s.serverVersion() + ".sandbox.0.false");
      response.header("X-Content-Type-Options", "nosniff");
      response.header("Referrer-Policy", "no-referrer");
    }
    switch (plan.ending) {
      case LOSE_RESPONSE:
        record(request, 0);
        throw new DropConnection();
      case RESET_MID_RESPONSE:
        record(request, response.status());
        write(exchange, response, true);
        throw new DropConnection();
      default:
        record(request, response.status());
        write(exchange, response, false);
    }
  }

  private HttpResponse route(HttpRequest request, String path, SandboxSettings s) {
    try {
      if (path.startsWith("/hooks/commands/")) {
        // web/webhook.go: /hooks/commands/{id:[A-Za-z0-9]+}, POST, no session.
        String id = path.substring("/hooks/commands/".length());
        if (!request.method().equals("POST") || !id.matches("[A-Za-z0-9]+")) {
          throw AppError.of("", "api.context.404.app_error", 404);
        }
        return commands.handleWebhook(request, id);
      }
      if (path.startsWith("/hooks/")) {
        String id = path.substring("/hooks/".length());
        if (!request.method().equals("POST") || !id.matches("[A-Za-z0-9]+")) {
          throw AppError.of("", "api.context.404.app_error", 404);
        }
        return webhooks.handle(request, id);
      }
      if (path.startsWith("/api/")) return restApi.handle(request);
      if (path.equals(CallsPlugin.PREFIX) || path.startsWith(CallsPlugin.PREFIX + "/")) return calls.handle(request);
      // plugin_requests.go: no such plugin.
      return HttpResponse.goHttpError(404, "404 page not found");
    } catch (AppError e) {
      return HttpResponse.json(e.statusCode(), e.toJson(request.requestId(), s.developerMode()));
    } catch (RuntimeException e) {
      // A sandbox bug, not Mattermost behaviour: say so loudly.
      LOG.log(System.Logger.Level.ERROR, "mattermost-sandbox failed on " + request.method() + " " + safePath(path), e);
      AppError internal = AppError.of("ServeHTTP", "app.sandbox.unexpected.app_error", 500).wrap(String.valueOf(e));
      return HttpResponse.json(500, internal.toJson(request.requestId(), true));
    }
  }

  private HttpResponse faultResponse(Faults.Plan plan, String requestId, SandboxSettings s) {
    int status = plan.failWithStatus;
    if (status == 429) {
      int limit = s.rateLimit() == null ? 101 : s.rateLimit().maxBurst() + 1;
      return HttpResponse.goHttpError(429, "limit exceeded")
          .header("X-RateLimit-Limit", Integer.toString(limit))
          .header("X-RateLimit-Remaining", "0")
          .header("X-RateLimit-Reset", Integer.toString(plan.retryAfterSeconds))
          .header("Retry-After", Integer.toString(plan.retryAfterSeconds));
    }
    if (status == 503) {
      // Context.SetServerBusyError (web/context.go).
      return HttpResponse.json(503, AppError.of("", "api.context.server_busy.app_error", 503)
          .toJson(requestId, s.developerMode()));
    }
    if (status == 500) {
      return HttpResponse.json(500, AppError.of("SqlPostStore.Save", "app.post.save.app_error", 500)
          .toJson(requestId, s.developerMode()));
    }
    String reason = status == 502 ? "Bad Gateway" : status == 504 ? "Gateway Time-out" : "Server Error";
    String html = "<html>\r\n<head><title>" + status + " " + reason + "</title></head>\r\n<body>\r\n<center><h1>"
        + status + " " + reason + "</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n";
    return HttpResponse.text(status, "text/html", html);
  }

  private RateLimiter.Result rateLimit(HttpExchange exchange, SandboxSettings s) {
    RateLimit quota = s.rateLimit();
    if (quota == null) return null;
    RateLimiter limiter;
    synchronized (this) {
      if (rateLimiter == null || rateLimiter.quota() != quota) rateLimiter = new RateLimiter(quota);
      limiter = rateLimiter;
    }
    return limiter.take(exchange.getRemoteAddress().getAddress().getHostAddress(), clockNanos.getAsLong());
  }

  private static long limitFor(String path, SandboxSettings s) {
    if (path.startsWith("/plugins/")) return PLUGIN_BODY_LIMIT;
    if (RestApi.isFileApi(path)) return s.maxFileSize() + MIN_READ;
    return s.maximumPayloadSizeBytes() + MIN_READ;
  }

  private static HttpRequest read(HttpExchange exchange, String path, String requestId, long limit) throws IOException {
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    boolean tooLarge = false;
    try (InputStream in = exchange.getRequestBody()) {
      byte[] buffer = new byte[16 * 1024];
      int n;
      while ((n = in.read(buffer)) != -1) {
        long room = limit - body.size();
        if (n > room) {
          body.write(buffer, 0, (int) Math.max(room, 0));
          tooLarge = true;
          break;
        }
        body.write(buffer, 0, n);
      }
      // Read (and drop) what is left, so the client reads our answer instead of a reset while it still sends.
      long drained = 0;
      while (tooLarge && drained < MAX_DRAIN && (n = in.read(buffer)) != -1) drained += n;
    }
    Headers headers = exchange.getRequestHeaders();
    return new HttpRequest(exchange.getRequestMethod(), path, exchange.getRequestURI().getRawQuery(),
        headers, body.toByteArray(), tooLarge, exchange.getRemoteAddress().getAddress().getHostAddress(), requestId);
  }

  private static void write(HttpExchange exchange, HttpResponse response, boolean cutBody) throws IOException {
    Headers headers = exchange.getResponseHeaders();
    for (Map.Entry<String, String> h : response.headers().entrySet()) headers.set(h.getKey(), h.getValue());
    byte[] body = response.body();
    boolean noBody = body.length == 0 || exchange.getRequestMethod().equals("HEAD");
    if (cutBody) {
      // Announce the full length, send half of it, and let the caller drop the connection.
      long announced = Math.max(body.length, 16);
      exchange.sendResponseHeaders(response.status(), announced);
      OutputStream out = exchange.getResponseBody();
      out.write(body, 0, body.length / 2);
      out.flush();
      return;
    }
    exchange.sendResponseHeaders(response.status(), noBody ? -1 : body.length);
    if (!noBody) {
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(body);
      }
    }
  }

  /** Hook ids are secrets: keep them out of logs. */
  private static String safePath(String path) {
    return path.startsWith("/hooks/") ? "/hooks/***" : path;
  }

  private void record(HttpRequest request, int status) {
    synchronized (recorded) {
      if (recorded.size() == MAX_RECORDED) recorded.removeFirst();
      recorded.addLast(new RecordedRequest(request.method(), request.path(), status, request.body(),
          request.header("Authorization")));
    }
  }

  private String siteUrl(HttpExchange exchange) {
    String hostHeader = exchange.getRequestHeaders().getFirst("Host");
    if (hostHeader == null || hostHeader.isEmpty()) hostHeader = urlHost() + ":" + port();
    return "http://" + hostHeader;
  }

  String urlHost() {
    return host.contains(":") ? "[" + host + "]" : host;
  }

  private static void sleep(Duration delay) {
    if (delay.isZero()) return;
    try {
      Thread.sleep(delay.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
