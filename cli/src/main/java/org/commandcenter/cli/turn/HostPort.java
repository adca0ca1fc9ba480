package org.commandcenter.cli.turn;

import java.net.InetSocketAddress;

/** {@code host:port} as people and URIs write it: IPv6 literals in brackets. */
public final class HostPort {
  private HostPort() {}

  public static String of(String host, int port) {
    return (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
  }

  /** The numeric address and port, e.g. {@code 127.0.0.1:49160} or {@code [::1]:3478}. */
  public static String of(InetSocketAddress address) {
    return of(address.getAddress().getHostAddress(), address.getPort());
  }
}
