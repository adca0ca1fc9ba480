package org.commandcenter.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.net.ssl.SSLServerSocket;
import okhttp3.tls.HandshakeCertificates;

/**
 * Terminates TLS on 127.0.0.1 and forwards the bytes to a plain HTTP backend, like nginx in front of
 * Mattermost: lets the tests put a certificate of their choosing in front of the sandbox.
 */
public final class TlsFront implements AutoCloseable {
  private final ServerSocket listener;
  private final InetSocketAddress backend;
  private final List<Socket> sockets = new CopyOnWriteArrayList<>();
  private final Thread acceptor;

  public TlsFront(HandshakeCertificates certificates, int backendPort) throws IOException {
    this.backend = new InetSocketAddress(InetAddress.getLoopbackAddress(), backendPort);
    this.listener = certificates.sslContext().getServerSocketFactory()
        .createServerSocket(0, 50, InetAddress.getLoopbackAddress());
    ((SSLServerSocket) listener).setEnabledProtocols(new String[] {"TLSv1.3", "TLSv1.2"});
    this.acceptor = new Thread(this::acceptLoop, "tls-front-" + listener.getLocalPort());
    acceptor.setDaemon(true);
    acceptor.start();
  }

  public int port() {
    return listener.getLocalPort();
  }

  /** The URL by name, so certificates for {@code localhost} verify. */
  public String url() {
    return "https://localhost:" + port();
  }

  private void acceptLoop() {
    while (!listener.isClosed()) {
      try {
        Socket client = listener.accept();
        sockets.add(client);
        Socket upstream = new Socket(backend.getAddress(), backend.getPort());
        sockets.add(upstream);
        pump(client, upstream);
        pump(upstream, client);
      } catch (IOException e) {
        // listener closed, or one connection failed: the next accept decides
      }
    }
  }

  private void pump(Socket from, Socket to) {
    Thread thread = new Thread(() -> {
      byte[] buffer = new byte[16 * 1024];
      try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
        int read;
        while ((read = in.read(buffer)) != -1) {
          out.write(buffer, 0, read);
          out.flush();
        }
      } catch (IOException e) {
        // peer closed or handshake failed: end this direction
      } finally {
        closeQuietly(from);
        closeQuietly(to);
      }
    }, "tls-front-pump");
    thread.setDaemon(true);
    thread.start();
  }

  private static void closeQuietly(Socket socket) {
    try {
      socket.close();
    } catch (IOException ignored) {
      // already closed
    }
  }

  @Override
  public void close() throws IOException {
    listener.close();
    for (Socket socket : sockets) {
      closeQuietly(socket);
    }
  }
}
