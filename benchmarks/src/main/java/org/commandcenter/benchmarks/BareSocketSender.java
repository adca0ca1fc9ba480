package org.commandcenter.benchmarks;

import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import okhttp3.tls.HandshakeCertificates;

/**
 * A reference, not a client: one kept-alive socket and a hand-written HTTP/1.1 exchange, no HTTP
 * library at all. Its rate is the most any sender can reach against the loopback server on this
 * machine, so the benchmark shows how much of that round-trip floor the clients leave on the table.
 */
final class BareSocketSender implements AutoCloseable {
  private final Socket socket;
  private final OutputStream out;
  private final InputStream in;
  private final byte[] request;

  /** @param trust the client's trust for HTTPS, or null for plain HTTP */
  BareSocketSender(String siteUrl, String token, String json, HandshakeCertificates trust) throws IOException {
    URI uri = URI.create(siteUrl);
    Socket plain = new Socket(InetAddress.getLoopbackAddress(), uri.getPort());
    plain.setTcpNoDelay(true);
    if (trust != null) {
      SSLSocket secure = (SSLSocket) trust.sslSocketFactory().createSocket(plain, uri.getHost(), uri.getPort(), true);
      SSLParameters parameters = secure.getSSLParameters();
      parameters.setEndpointIdentificationAlgorithm("HTTPS");
      secure.setSSLParameters(parameters);
      secure.startHandshake();
      socket = secure;
    } else {
      socket = plain;
    }
    out = socket.getOutputStream();
    in = new BufferedInputStream(socket.getInputStream());
    byte[] body = json.getBytes(StandardCharsets.UTF_8);
    byte[] head = ("POST /api/v4/posts HTTP/1.1\r\nHost: " + uri.getHost() + ":" + uri.getPort()
        + "\r\nAuthorization: Bearer " + token + "\r\nContent-Type: application/json; charset=utf-8"
        + "\r\nContent-Length: " + body.length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
    request = new byte[head.length + body.length];
    System.arraycopy(head, 0, request, 0, head.length);
    System.arraycopy(body, 0, request, head.length, body.length);
  }

  /** Sends one post and reads the whole answer; returns the status code. */
  int send() throws IOException {
    out.write(request);
    out.flush();
    String statusLine = readLine();
    int contentLength = 0;
    for (String header = readLine(); !header.isEmpty(); header = readLine()) {
      int value = Http1Lines.contentLength(header);
      if (value >= 0) {
        contentLength = value;
      }
    }
    in.skipNBytes(contentLength);
    return Integer.parseInt(statusLine.substring(9, 12));
  }

  private String readLine() throws IOException {
    String line = Http1Lines.readLine(in);
    if (line == null) {
      throw new EOFException("the server closed the connection");
    }
    return line;
  }

  @Override
  public void close() throws IOException {
    socket.close();
  }
}
