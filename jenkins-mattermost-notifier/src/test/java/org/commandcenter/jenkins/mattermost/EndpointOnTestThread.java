package org.commandcenter.jenkins.mattermost;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Jenkins' HTTP side for the ChatOps endpoint, on loopback: requests Mattermost (the stand-in) sends to
 * {@code <root>/mattermost/…} are handed to {@link ChatOpsEndpoint} the way Stapler dispatches them ({@code actions}
 * to {@code doActions}, {@code command} to {@code doCommand}, anything else 404), with the request as a servlet
 * request. They are served on the test's own thread, because Mockito's static and construction mocks (Jenkins,
 * users, ACL) only work on the thread that made them: {@link #serveWhile} runs the Mattermost side in the background.
 */
final class EndpointOnTestThread implements AutoCloseable {
  private final ChatOpsEndpoint endpoint;
  private final HttpServer server;
  private final ExecutorService threads = Executors.newCachedThreadPool();
  private final BlockingQueue<Pending> pending = new LinkedBlockingQueue<>();

  EndpointOnTestThread(ChatOpsEndpoint endpoint) throws IOException {
    this.endpoint = endpoint;
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
    server.setExecutor(threads);
    server.createContext("/", exchange -> {
      Pending request = new Pending(exchange);
      pending.add(request);
      try {
        if (!request.served.await(60, TimeUnit.SECONDS)) {
          exchange.sendResponseHeaders(504, -1);
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      } finally {
        exchange.close();
      }
    });
    server.start();
  }

  /** Jenkins' root URL, with a trailing slash. */
  String rootUrl() {
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/";
  }

  /** Runs {@code mattermostSide} in the background and serves what it makes Mattermost send until it returns. */
  <T> T serveWhile(Callable<T> mattermostSide) throws Exception {
    Future<T> done = threads.submit(mattermostSide);
    while (!done.isDone()) {
      Pending request = pending.poll(20, TimeUnit.MILLISECONDS);
      if (request != null) {
        serve(request);
      }
    }
    return done.get();
  }

  private void serve(Pending pending) throws IOException {
    HttpExchange exchange = pending.exchange;
    try {
      String path = exchange.getRequestURI().getPath();
      byte[] body;
      try (InputStream in = exchange.getRequestBody()) {
        body = in.readAllBytes();
      }
      Map<String, String> headers = new HashMap<>();
      exchange.getRequestHeaders().forEach((name, values) -> headers.put(name, values.get(0)));
      String length = exchange.getRequestHeaders().getFirst("Content-Length");
      HttpServletRequest request = ServletFakes.request(exchange.getRequestMethod(), path,
          exchange.getRequestHeaders().getFirst("Content-Type"), length == null ? -1 : Long.parseLong(length), body,
          caseInsensitive(headers));
      ServletFakes.RecordedResponse response = new ServletFakes.RecordedResponse();
      if (path.startsWith(ChatOpsEndpoint.ACTIONS_PATH)) {
        endpoint.doActions(request, response.response);
      } else if (path.startsWith(ChatOpsEndpoint.COMMAND_PATH)) {
        endpoint.doCommand(request, response.response);
      } else {
        response.status = 404;
      }
      if (response.contentType != null) {
        exchange.getResponseHeaders().set("Content-Type", response.contentType);
      }
      response.headers.forEach((name, value) -> exchange.getResponseHeaders().set(name, value));
      byte[] bytes = response.body.toByteArray();
      exchange.sendResponseHeaders(response.status, bytes.length == 0 ? -1 : bytes.length);
      if (bytes.length > 0) {
        try (OutputStream out = exchange.getResponseBody()) {
          out.write(bytes);
        }
      }
    } finally {
      pending.served.countDown();
    }
  }

  private static Map<String, String> caseInsensitive(Map<String, String> headers) {
    Map<String, String> map = new java.util.TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    map.putAll(headers);
    return map;
  }

  @Override
  public void close() {
    server.stop(0);
    threads.shutdownNow();
  }

  private static final class Pending {
    final HttpExchange exchange;
    final CountDownLatch served = new CountDownLatch(1);

    Pending(HttpExchange exchange) {
      this.exchange = exchange;
    }
  }
}
