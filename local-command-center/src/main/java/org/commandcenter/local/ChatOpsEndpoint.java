package org.commandcenter.local;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.commandcenter.notifier.core.ChatOps;
import org.commandcenter.notifier.core.HttpReply;

/**
 * The demo's stand-in for the Jenkins plugin's endpoint: {@code POST /mattermost/actions} (button clicks) and
 * {@code POST /mattermost/command} (the slash command), bodies capped at {@link ChatOps#MAX_BODY_BYTES}, the raw bytes
 * handed to {@link ChatOps} and its reply written back; every other method or path is 404.
 */
final class ChatOpsEndpoint implements AutoCloseable {
  static final String ACTIONS = "/mattermost/actions";
  static final String COMMAND = "/mattermost/command";

  private final HttpServer server;
  private final ExecutorService executor = Executors.newCachedThreadPool(runnable -> {
    Thread thread = new Thread(runnable, "chatops-endpoint");
    thread.setDaemon(true);
    return thread;
  });
  private volatile ChatOps chatOps;

  private ChatOpsEndpoint(HttpServer server) {
    this.server = server;
    server.createContext("/", this::handle);
    server.setExecutor(executor);
    server.start();
  }

  static ChatOpsEndpoint start(String host, int port) throws IOException {
    return new ChatOpsEndpoint(HttpServer.create(new InetSocketAddress(host, port), 32));
  }

  int port() {
    return server.getAddress().getPort();
  }

  void serve(ChatOps chatOps) {
    this.chatOps = chatOps;
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      String path = exchange.getRequestURI().getPath();
      ChatOps target = chatOps;
      if (target == null || !exchange.getRequestMethod().equals("POST")
          || !(path.equals(ACTIONS) || path.equals(COMMAND))) {
        exchange.sendResponseHeaders(404, -1);
        return;
      }
      String length = exchange.getRequestHeaders().getFirst("Content-Length");
      if (length != null && length.matches("\\d{1,18}") && Long.parseLong(length) > ChatOps.MAX_BODY_BYTES) {
        write(exchange, HttpReply.error(413, "Request body larger than " + ChatOps.MAX_BODY_BYTES + " bytes"));
        return;
      }
      byte[] body;
      try (InputStream in = exchange.getRequestBody()) {
        body = in.readNBytes(ChatOps.MAX_BODY_BYTES + 1);
      }
      String type = exchange.getRequestHeaders().getFirst("Content-Type");
      write(exchange, path.equals(ACTIONS) ? target.handleAction(body, type)
          : target.handleCommand(body, type, exchange.getRequestHeaders().getFirst("Authorization")));
    }
  }

  private static void write(HttpExchange exchange, HttpReply reply) throws IOException {
    byte[] bytes = reply.bodyBytes();
    exchange.getResponseHeaders().set("Content-Type", reply.contentType());
    exchange.sendResponseHeaders(reply.status(), bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }
}
