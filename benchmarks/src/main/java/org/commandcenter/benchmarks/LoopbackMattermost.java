package org.commandcenter.benchmarks;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import javax.net.ssl.SSLContext;

/**
 * The smallest server that answers a REST v4 create-post the way Mattermost does (201 and the post),
 * so the benchmark measures the client, not a full Mattermost stand-in.
 */
final class LoopbackMattermost implements AutoCloseable {
  private final HttpServer server;
  private final ExecutorService executor = Executors.newFixedThreadPool(4);
  private final AtomicLong posts = new AtomicLong();
  private final String scheme;

  private LoopbackMattermost(HttpServer server, String scheme) {
    this.server = server;
    this.scheme = scheme;
    server.createContext("/api/v4/posts", this::createPost);
    server.setExecutor(executor);
    server.start();
  }

  static {
    // Without TCP_NODELAY the JDK server's separate header and body writes meet the client's delayed ACK on a
    // reused connection and every response stalls ~40 ms: that would measure the server, not the client.
    System.setProperty("sun.net.httpserver.nodelay", "true");
  }

  static LoopbackMattermost plain() throws IOException {
    return new LoopbackMattermost(HttpServer.create(loopback(), 0), "http");
  }

  static LoopbackMattermost tls(SSLContext serverContext) throws IOException {
    HttpsServer https = HttpsServer.create(loopback(), 0);
    https.setHttpsConfigurator(new HttpsConfigurator(serverContext));
    return new LoopbackMattermost(https, "https");
  }

  private static InetSocketAddress loopback() {
    return new InetSocketAddress(InetAddress.getLoopbackAddress(), 0);
  }

  String url() {
    // "localhost" so that the test certificate's host name is verified, as in production.
    return scheme + "://localhost:" + server.getAddress().getPort();
  }

  long postsReceived() {
    return posts.get();
  }

  private void createPost(HttpExchange exchange) throws IOException {
    try (InputStream body = exchange.getRequestBody()) {
      body.readAllBytes();
    }
    long n = posts.incrementAndGet();
    byte[] answer = ("{\"id\":\"" + String.format("%026d", n) + "\",\"channel_id\":\""
            + Alerts.CHANNEL_ID + "\",\"root_id\":\"\",\"message\":\"\"}")
        .getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", "application/json");
    exchange.sendResponseHeaders(201, answer.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(answer);
    }
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }
}
