package org.commandcenter.cli.turn;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;

/** Addresses that clients on other networks cannot reach. */
final class PrivateAddresses {
  private PrivateAddresses() {}

  static boolean isPrivate(InetAddress address) {
    if (address.isAnyLocalAddress()
        || address.isLoopbackAddress()
        || address.isLinkLocalAddress()
        || address.isSiteLocalAddress()) {
      return true;
    }
    byte[] ip = address.getAddress();
    if (address instanceof Inet4Address) {
      // 100.64.0.0/10, carrier-grade NAT.
      return (ip[0] & 0xFF) == 100 && (ip[1] & 0xC0) == 64;
    }
    if (address instanceof Inet6Address) {
      // fc00::/7, unique local.
      return (ip[0] & 0xFE) == 0xFC;
    }
    return false;
  }
}
