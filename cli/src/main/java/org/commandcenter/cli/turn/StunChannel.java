package org.commandcenter.cli.turn;

import java.io.Closeable;
import java.io.IOException;
import java.net.SocketTimeoutException;
import java.time.Duration;

/**
 * One client connection to a TURN server that carries whole STUN messages: a connected UDP
 * socket, or a TCP/TLS stream framed by the STUN length field.
 */
interface StunChannel extends Closeable {

  /** Whether lost requests must be retransmitted (UDP) rather than trusted to the stream. */
  boolean isUnreliable();

  void send(byte[] message) throws IOException;

  /**
   * The next whole message, waiting at most {@code timeout}.
   *
   * @throws SocketTimeoutException when nothing arrived in time
   */
  byte[] receive(Duration timeout) throws IOException;

  @Override
  void close();
}
