package org.commandcenter.benchmarks;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import javax.net.ssl.SSLContext;

/**
 * The smallest HTTP/1.1 keep-alive server that answers a REST v4 create-post the way Mattermost does (201 and the
 * post as JSON). It costs a few microseconds a request, so the benchmark measures the client, not the server: a
 * general-purpose server here would cap both senders at its own speed.
 */
final class LoopbackMattermost implements AutoCloseable {
  private final ServerSocket serverSocket;
  private final ExecutorService connections = Executors.newCachedThreadPool(runnable -> {
    Thread thread = new Thread(runnable, "loopback-mattermost");
    thread.setDaemon(true);
    return thread;
  });
  private final AtomicLong posts = new AtomicLong();
  private final String scheme;

  private LoopbackMattermost(ServerSocket serverSocket, String scheme) {
    this.serverSocket = serverSocket;
    this.scheme = scheme;
    connections.execute(this::acceptLoop);
  }

  static LoopbackMattermost plain() throws IOException {
    return new LoopbackMattermost(new ServerSocket(0, 128, InetAddress.getLoopbackAddress()), "http");
  }

  static LoopbackMattermost tls(SSLContext serverContext) throws IOException {
    return new LoopbackMattermost(
        serverContext.getServerSocketFactory().createServerSocket(0, 128, InetAddress.getLoopbackAddress()),
        "https");
  }

  String url() {
    // "localhost" so that the test certificate's host name is verified, as in production.
    return scheme + "://localhost:" + serverSocket.getLocalPort();
  }

  long postsReceived() {
    return posts.get();
  }

  private void acceptLoop() {
    while (!serverSocket.isClosed()) {
      try {
        Socket socket = serverSocket.accept();
        socket.setTcpNoDelay(true);
        connections.execute(() -> serve(socket));
      } catch (IOException closed) {
        return;
      }
    }
  }

  private void serve(Socket socket) {
    try (socket;
        InputStream in = new BufferedInputStream(socket.getInputStream());
        OutputStream out = new BufferedOutputStream(socket.getOutputStream())) {
      while (true) {
        int contentLength = readHeaders(in);
        if (contentLength < 0) {
          return; // the client closed the connection
        }
        in.skipNBytes(contentLength);
        long n = posts.incrementAndGet();
        byte[] body = ("{\"id\":\"" + String.format(Locale.ROOT, "%026d", n) + "\",\"channel_id\":\""
                + Alerts.CHANNEL_ID + "\",\"root_id\":\"\",\"message\":\"\"}")
            .getBytes(StandardCharsets.UTF_8);
        out.write(("HTTP/1.1 201 Created\r\nContent-Type: application/json\r\nContent-Length: " + body.length
            + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        out.write(body);
        out.flush();
      }
    } catch (IOException connectionGone) {
      // The sender closed its connection (the per-message sender does so after every post).
    }
  }

  /** Reads a request line and headers; returns the Content-Length, or -1 at end of stream. */
  private static int readHeaders(InputStream in) throws IOException {
    if (Http1Lines.readLine(in) == null) {
      return -1;
    }
    int contentLength = 0;
    for (String header = Http1Lines.readLine(in); ; header = Http1Lines.readLine(in)) {
      if (header == null) {
        return fail("request cut off");
      }
      if (header.isEmpty()) {
        return contentLength;
      }
      if (header.toLowerCase(Locale.ROOT).startsWith("transfer-encoding:")) {
        return fail("chunked request bodies are not expected from this benchmark");
      }
      int value = Http1Lines.contentLength(header);
      if (value >= 0) {
        contentLength = value;
      }
    }
  }

  private static int fail(String message) throws IOException {
    throw new IOException(message);
  }

  @Override
  public void close() {
    try {
      serverSocket.close();
    } catch (IOException ignored) {
      // Closing anyway.
    }
    connections.shutdownNow();
  }
}
