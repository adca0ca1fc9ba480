package org.commandcenter.cli.turn;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketException;

/** A UDP echo server on 127.0.0.1 standing in for a media peer (like coturn's turnutils_peer). */
public final class UdpEchoPeer implements AutoCloseable {
  private final DatagramSocket socket;
  private final Thread thread;
  private volatile int echoed;

  public UdpEchoPeer() throws SocketException {
    this.socket = new DatagramSocket(0, InetAddress.getLoopbackAddress());
    this.thread = new Thread(this::serve, "udp-echo-peer");
    thread.setDaemon(true);
    thread.start();
  }

  private void serve() {
    byte[] buffer = new byte[2048];
    while (!socket.isClosed()) {
      try {
        DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
        socket.receive(packet);
        socket.send(new DatagramPacket(packet.getData(), packet.getLength(), packet.getSocketAddress()));
        echoed++;
      } catch (IOException e) {
        return;
      }
    }
  }

  public InetSocketAddress address() {
    return new InetSocketAddress(InetAddress.getLoopbackAddress(), socket.getLocalPort());
  }

  public int echoed() {
    return echoed;
  }

  @Override
  public void close() {
    socket.close();
  }
}
