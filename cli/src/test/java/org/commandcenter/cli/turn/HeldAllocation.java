package org.commandcenter.cli.turn;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;

/** An allocation kept open (unlike {@link TurnProbe}'s), to fill a quota. */
final class HeldAllocation implements AutoCloseable {
  private final UdpStunChannel channel;
  private final byte[] key;
  private final String username;
  private final String realm;
  private final String nonce;

  private HeldAllocation(UdpStunChannel channel, byte[] key, String username, String realm, String nonce) {
    this.channel = channel;
    this.key = key;
    this.username = username;
    this.realm = realm;
    this.nonce = nonce;
  }

  /**
   * Allocates on a fresh UDP socket. Scaffolding only: if the unauthenticated Allocate is not answered with the usual
   * 401 challenge (seen once on a loaded machine, e.g. a reused source port still known to coturn), it tries again on
   * a new socket, and names what it got when that keeps happening.
   */
  static HeldAllocation allocate(int port, String username, String password) throws Exception {
    StunMessage unexpected = null;
    for (int attempt = 0; attempt < 3; attempt++) {
      UdpStunChannel channel = new UdpStunChannel(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
      try {
        StunMessage challenge = roundTrip(channel, StunMessage.request(StunMessage.ALLOCATE).requestedTransportUdp().build(), null);
        String realm = challenge.stringAttribute(StunMessage.REALM);
        String nonce = challenge.stringAttribute(StunMessage.NONCE);
        if (realm == null || nonce == null) {
          unexpected = challenge;
          channel.close();
          continue;
        }
        byte[] key = StunMessage.longTermKey(username, realm, password);
        StunMessage allocated = roundTrip(channel, StunMessage.request(StunMessage.ALLOCATE).requestedTransportUdp()
            .stringAttribute(StunMessage.USERNAME, username)
            .stringAttribute(StunMessage.REALM, realm)
            .stringAttribute(StunMessage.NONCE, nonce)
            .build(), key);
        if (allocated.kind() != StunMessage.Kind.SUCCESS) {
          throw new AssertionError("allocation refused: " + allocated.error());
        }
        return new HeldAllocation(channel, key, username, realm, nonce);
      } catch (Exception | Error e) {
        channel.close();
        throw e;
      }
    }
    throw new AssertionError("expected a 401 challenge with REALM and NONCE, got " + unexpected.kind() + " "
        + unexpected.error());
  }

  private static StunMessage roundTrip(UdpStunChannel channel, StunMessage request, byte[] key) throws Exception {
    channel.send(key == null ? request.encode() : request.encode(key));
    while (true) {
      byte[] answer = channel.receive(Duration.ofSeconds(10)); // coturn answers at once; generous for a loaded machine
      StunMessage message = StunMessage.decode(answer, answer.length);
      if (message.hasTransactionId(request.transactionId())) {
        return message;
      }
    }
  }

  /** Releases the allocation (Refresh with LIFETIME 0). */
  @Override
  public void close() {
    try {
      roundTrip(channel, StunMessage.request(StunMessage.REFRESH).intAttribute(StunMessage.LIFETIME, 0)
          .stringAttribute(StunMessage.USERNAME, username)
          .stringAttribute(StunMessage.REALM, realm)
          .stringAttribute(StunMessage.NONCE, nonce)
          .build(), key);
    } catch (Exception | AssertionError e) {
      // Expires by itself; nothing else uses this user.
    } finally {
      channel.close();
    }
  }

}
