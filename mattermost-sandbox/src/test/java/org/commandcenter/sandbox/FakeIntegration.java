package org.commandcenter.sandbox;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.function.Function;

/** An integration's endpoint on loopback: records what Mattermost sent and answers as the test says. */
final class FakeIntegration implements AutoCloseable {
  /** One request as it arrived. */
  static final class Received {
    final String method;
    final String path;
    final String query;
    final Map<String, List<String>> headers;
    final String body;

    Received(HttpExchange exchange, String body) {
      this.method = exchange.getRequestMethod();
      this.path = exchange.getRequestURI().getPath();
      this.query = exchange.getRequestURI().getRawQuery();
      this.headers = Map.copyOf(exchange.getRequestHeaders());
      this.body = body;
    }

    String header(String name) {
      for (Map.Entry<String, List<String>> e : headers.entrySet()) {
        if (e.getKey().equalsIgnoreCase(name)) return e.getValue().get(0);
      }
      return null;
    }
  }

  /** What to answer. */
  static final class Reply {
    final int status;
    final String contentType;
    final String body;
    final long delayMillis;

    Reply(int status, String contentType, String body, long delayMillis) {
      this.status = status;
      this.contentType = contentType;
      this.body = body;
      this.delayMillis = delayMillis;
    }

    static Reply json(String body) {
      return new Reply(200, "application/json", body, 0);
    }
  }

  private final HttpServer server;
  final List<Received> received = new CopyOnWriteArrayList<>();
  private volatile Function<Received, Reply> replies = request -> Reply.json("{}");

  FakeIntegration() throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 16);
    server.setExecutor(Executors.newCachedThreadPool());
    server.createContext("/", this::handle);
    server.start();
  }

  String url(String path) {
    return "http://127.0.0.1:" + server.getAddress().getPort() + path;
  }

  FakeIntegration answer(Function<Received, Reply> replies) {
    this.replies = replies;
    return this;
  }

  FakeIntegration answer(Reply reply) {
    return answer(request -> reply);
  }

  Received last() {
    if (received.isEmpty()) throw new AssertionError("the integration received nothing");
    return received.get(received.size() - 1);
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      Received request = new Received(exchange, new String(exchange.getRequestBody().readAllBytes(),
          StandardCharsets.UTF_8));
      received.add(request);
      Reply reply = replies.apply(request);
      if (reply.delayMillis > 0) {
        try {
          Thread.sleep(reply.delayMillis);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
      byte[] body = reply.body.getBytes(StandardCharsets.UTF_8);
      if (reply.contentType != null) exchange.getResponseHeaders().set("Content-Type", reply.contentType);
      exchange.sendResponseHeaders(reply.status, body.length == 0 ? -1 : body.length);
      if (body.length > 0) {
        try (OutputStream out = exchange.getResponseBody()) {
          out.write(body);
        }
      }
    }
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
