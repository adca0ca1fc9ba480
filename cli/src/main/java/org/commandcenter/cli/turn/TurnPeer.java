package org.commandcenter.cli.turn;

import static java.util.Objects.requireNonNull;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Objects;
import java.util.Optional;

/** What the probe does through the relay once the allocation succeeded. */
public final class TurnPeer {
  enum Mode {
    NONE,
    PERMISSION_ONLY,
    ECHO
  }

  private static final TurnPeer NONE = new TurnPeer(Mode.NONE, null);

  private final Mode mode;
  private final InetSocketAddress address;

  private TurnPeer(Mode mode, InetSocketAddress address) {
    this.mode = mode;
    this.address = address;
  }

  /** Allocation only. */
  public static TurnPeer none() {
    return NONE;
  }

  /**
   * Installs a permission for {@code peer}, sends it a datagram through the relay and expects the
   * same bytes back (an echo server such as coturn's {@code turnutils_peer}).
   */
  public static TurnPeer echo(InetSocketAddress peer) {
    requireNonNull(peer, "peer == null");
    if (peer.isUnresolved()) {
      throw new IllegalArgumentException("peer: unresolved address " + peer.getHostString());
    }
    return new TurnPeer(Mode.ECHO, peer);
  }

  /**
   * Only installs a permission for {@code host}: proves that the server's deny list lets clients
   * reach it, e.g. the Calls media host ({@code ICEHostOverride}).
   */
  public static TurnPeer permissionOnly(InetAddress host) {
    requireNonNull(host, "host == null");
    return new TurnPeer(Mode.PERMISSION_ONLY, new InetSocketAddress(host, 0));
  }

  Mode mode() {
    return mode;
  }

  /** The peer, or empty for {@link #none()}; the port is 0 for {@link #permissionOnly}. */
  public Optional<InetSocketAddress> address() {
    return Optional.ofNullable(address);
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof TurnPeer
        && ((TurnPeer) other).mode == mode
        && Objects.equals(((TurnPeer) other).address, address);
  }

  @Override
  public int hashCode() {
    return Objects.hash(mode, address);
  }

  @Override
  public String toString() {
    switch (mode) {
      case ECHO:
        return "echo " + address.getAddress().getHostAddress() + ":" + address.getPort();
      case PERMISSION_ONLY:
        return "permission " + address.getAddress().getHostAddress();
      default:
        return "none";
    }
  }
}
