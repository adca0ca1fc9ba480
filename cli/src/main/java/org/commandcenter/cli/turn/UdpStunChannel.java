package org.commandcenter.cli.turn;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Arrays;

/**
 * STUN over a connected UDP socket. Being connected makes the kernel report an ICMP "port
 * unreachable" as {@link java.net.PortUnreachableException}, which tells a closed port from a
 * silently dropping firewall.
 */
final class UdpStunChannel implements StunChannel {
  private static final int MAX_DATAGRAM = 65_535;

  private final DatagramSocket socket;

  UdpStunChannel(InetSocketAddress server) throws IOException {
    DatagramSocket created = new DatagramSocket();
    try {
      created.connect(server);
    } catch (IOException | RuntimeException e) {
      created.close();
      throw e;
    }
    this.socket = created;
  }

  @Override
  public boolean isUnreliable() {
    return true;
  }

  @Override
  public void send(byte[] message) throws IOException {
    socket.send(new DatagramPacket(message, message.length));
  }

  @Override
  public byte[] receive(Duration timeout) throws IOException {
    socket.setSoTimeout(Math.max(1, (int) Math.min(Integer.MAX_VALUE, timeout.toMillis())));
    DatagramPacket packet = new DatagramPacket(new byte[MAX_DATAGRAM], MAX_DATAGRAM);
    socket.receive(packet);
    return Arrays.copyOf(packet.getData(), packet.getLength());
  }

  @Override
  public void close() {
    socket.close();
  }
}
