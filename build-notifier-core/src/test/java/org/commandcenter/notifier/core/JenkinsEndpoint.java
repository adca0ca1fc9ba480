package org.commandcenter.notifier.core;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.util.concurrent.Executors;

/**
 * What the Jenkins adapter's endpoint does, on loopback: POST only, bodies capped, raw bytes handed to ChatOps, its
 * reply written back as is. {@code /mattermost/actions} and {@code /mattermost/command}.
 */
final class JenkinsEndpoint implements AutoCloseable {
  private final HttpServer server;
  private volatile ChatOps chatOps;

  JenkinsEndpoint() throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 16);
    server.setExecutor(Executors.newCachedThreadPool());
    server.createContext("/mattermost/", this::handle);
    server.start();
  }

  /** The ChatOps the endpoint hands requests to (made after the endpoint: its buttons need the URL). */
  void serve(ChatOps chatOps) {
    this.chatOps = chatOps;
  }

  String actionsUrl() {
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/mattermost/actions";
  }

  String commandUrl() {
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/mattermost/command";
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      String path = exchange.getRequestURI().getPath();
      if (!exchange.getRequestMethod().equals("POST")
          || !(path.equals("/mattermost/actions") || path.equals("/mattermost/command"))) {
        exchange.sendResponseHeaders(404, -1);
        return;
      }
      byte[] body;
      try (InputStream in = exchange.getRequestBody()) {
        body = in.readNBytes(ChatOps.MAX_BODY_BYTES + 1);
      }
      String type = exchange.getRequestHeaders().getFirst("Content-Type");
      HttpReply reply = path.endsWith("/actions") ? chatOps.handleAction(body, type)
          : chatOps.handleCommand(body, type, exchange.getRequestHeaders().getFirst("Authorization"));
      byte[] bytes = reply.bodyBytes();
      exchange.getResponseHeaders().set("Content-Type", reply.contentType());
      exchange.sendResponseHeaders(reply.status(), bytes.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(bytes);
      }
    }
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
