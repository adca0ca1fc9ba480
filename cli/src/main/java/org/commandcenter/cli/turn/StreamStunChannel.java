package org.commandcenter.cli.turn;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.time.Duration;

/**
 * STUN over TCP or TLS: messages follow each other on the stream and are delimited by the length
 * field of their 20-byte header (RFC 8489 section 6.2.2). ChannelData framing is never used, as the
 * probe relays with Send/Data indications.
 */
final class StreamStunChannel implements StunChannel {
  private final Socket socket;
  private final InputStream in;
  private final OutputStream out;

  StreamStunChannel(Socket connected) throws IOException {
    this.socket = connected;
    this.in = connected.getInputStream();
    this.out = connected.getOutputStream();
  }

  @Override
  public boolean isUnreliable() {
    return false;
  }

  @Override
  public void send(byte[] message) throws IOException {
    out.write(message);
    out.flush();
  }

  @Override
  public byte[] receive(Duration timeout) throws IOException {
    socket.setSoTimeout(Math.max(1, (int) Math.min(Integer.MAX_VALUE, timeout.toMillis())));
    byte[] header = readFully(new byte[StunMessage.HEADER_LENGTH]);
    if ((header[0] & 0xC0) != 0) {
      throw new StunStreamException("the server sent data that is not STUN (first byte 0x"
          + Integer.toHexString(header[0] & 0xFF) + ")");
    }
    int bodyLength = ((header[2] & 0xFF) << 8) | (header[3] & 0xFF);
    byte[] message = new byte[StunMessage.HEADER_LENGTH + bodyLength];
    System.arraycopy(header, 0, message, 0, header.length);
    int offset = header.length;
    while (offset < message.length) {
      int read = in.read(message, offset, message.length - offset);
      if (read < 0) {
        throw new EOFException("the server closed the connection mid-message");
      }
      offset += read;
    }
    return message;
  }

  private byte[] readFully(byte[] buffer) throws IOException {
    int offset = 0;
    while (offset < buffer.length) {
      int read = in.read(buffer, offset, buffer.length - offset);
      if (read < 0) {
        throw new EOFException("the server closed the connection");
      }
      offset += read;
    }
    return buffer;
  }

  @Override
  public void close() {
    try {
      socket.close();
    } catch (IOException ignored) {
      // Nothing left to release.
    }
  }

  /** The stream carried something other than STUN (e.g. TLS spoken to a plain TCP client). */
  static final class StunStreamException extends IOException {
    private static final long serialVersionUID = 1L;

    StunStreamException(String message) {
      super(message);
    }
  }
}
