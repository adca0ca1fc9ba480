package org.commandcenter.cli.turn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.HexFormat;
import org.commandcenter.cli.turn.StunMessage.StunFormatException;
import org.junit.jupiter.api.Test;

class StunMessageTest {
  private static final byte[] TRANSACTION_ID = HexFormat.of().parseHex("b7e7a701bc34d686fa87dfae");

  @Test
  void encodesMessageTypesOfTheTurnMethods() {
    assertThat(StunMessage.messageType(StunMessage.BINDING, StunMessage.Kind.REQUEST)).isEqualTo(0x0001);
    assertThat(StunMessage.messageType(StunMessage.BINDING, StunMessage.Kind.SUCCESS)).isEqualTo(0x0101);
    assertThat(StunMessage.messageType(StunMessage.ALLOCATE, StunMessage.Kind.REQUEST)).isEqualTo(0x0003);
    assertThat(StunMessage.messageType(StunMessage.ALLOCATE, StunMessage.Kind.SUCCESS)).isEqualTo(0x0103);
    assertThat(StunMessage.messageType(StunMessage.ALLOCATE, StunMessage.Kind.ERROR)).isEqualTo(0x0113);
    assertThat(StunMessage.messageType(StunMessage.CREATE_PERMISSION, StunMessage.Kind.REQUEST)).isEqualTo(0x0008);
    assertThat(StunMessage.messageType(StunMessage.SEND, StunMessage.Kind.INDICATION)).isEqualTo(0x0016);
    assertThat(StunMessage.messageType(StunMessage.DATA, StunMessage.Kind.INDICATION)).isEqualTo(0x0017);
  }

  @Test
  void xorEncodesAddressesAsInRfc5769() throws Exception {
    // RFC 5769 section 2.2: 192.0.2.1:32853 is carried as a1 47 e1 12 a6 43.
    InetSocketAddress address = new InetSocketAddress(InetAddress.getByName("192.0.2.1"), 32853);

    byte[] encoded = StunMessage.encodeXorAddress(address, TRANSACTION_ID);

    assertThat(HexFormat.of().formatHex(encoded)).isEqualTo("0001a147e112a643");
    assertThat(StunMessage.decodeXorAddress(encoded, TRANSACTION_ID)).isEqualTo(address);
  }

  @Test
  void xorEncodesIpv6AddressesWithTheTransactionId() throws Exception {
    InetSocketAddress address = new InetSocketAddress(InetAddress.getByName("2001:db8:1234:5678:11:2233:4455:6677"), 32853);

    byte[] encoded = StunMessage.encodeXorAddress(address, TRANSACTION_ID);

    // RFC 5769 section 2.3.
    assertThat(HexFormat.of().formatHex(encoded)).isEqualTo("0002a1470113a9faa5d3f179bc25f4b5bed2b9d9");
    assertThat(StunMessage.decodeXorAddress(encoded, TRANSACTION_ID)).isEqualTo(address);
  }

  @Test
  void roundTripsAttributesWithPaddingAndFingerprint() throws Exception {
    StunMessage message = StunMessage.request(StunMessage.ALLOCATE)
        .transactionId(TRANSACTION_ID)
        .requestedTransportUdp()
        .stringAttribute(StunMessage.USERNAME, "1700000000:alice")
        .build();

    byte[] wire = message.encode();
    StunMessage decoded = StunMessage.decode(wire, wire.length);

    assertThat(wire.length % 4).isZero();
    assertThat(ByteBuffer.wrap(wire, 4, 4).getInt()).isEqualTo(StunMessage.MAGIC_COOKIE);
    assertThat(decoded.method()).isEqualTo(StunMessage.ALLOCATE);
    assertThat(decoded.kind()).isEqualTo(StunMessage.Kind.REQUEST);
    assertThat(decoded.hasTransactionId(TRANSACTION_ID)).isTrue();
    assertThat(decoded.stringAttribute(StunMessage.USERNAME)).isEqualTo("1700000000:alice");
    assertThat(decoded.attribute(StunMessage.REQUESTED_TRANSPORT)).containsExactly(17, 0, 0, 0);
    assertThat(decoded.attributes()).last().extracting(StunMessage.Attribute::type).isEqualTo(StunMessage.FINGERPRINT);
  }

  @Test
  void rejectsATamperedFingerprint() {
    byte[] wire = StunMessage.request(StunMessage.ALLOCATE).requestedTransportUdp().build().encode();
    wire[wire.length - 1] ^= 1;

    assertThatThrownBy(() -> StunMessage.decode(wire, wire.length))
        .isInstanceOf(StunFormatException.class)
        .hasMessageContaining("FINGERPRINT");
  }

  @Test
  void rejectsALengthThatDisagreesWithTheDatagram() {
    byte[] wire = StunMessage.request(StunMessage.ALLOCATE).requestedTransportUdp().build().encode();

    assertThatThrownBy(() -> StunMessage.decode(wire, wire.length - 4))
        .isInstanceOf(StunFormatException.class);
  }

  @Test
  void messageIntegrityVerifiesOnlyWithTheSameLongTermKey() throws Exception {
    byte[] key = StunMessage.longTermKey("1700000000:alice", "example.org", "secret-password");
    byte[] wire = StunMessage.request(StunMessage.CREATE_PERMISSION)
        .xorAddress(StunMessage.XOR_PEER_ADDRESS, new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))
        .stringAttribute(StunMessage.USERNAME, "1700000000:alice")
        .stringAttribute(StunMessage.REALM, "example.org")
        .stringAttribute(StunMessage.NONCE, "nonce")
        .build()
        .encode(key);

    StunMessage decoded = StunMessage.decode(wire, wire.length);

    assertThat(decoded.integrityMatches(key)).isTrue();
    assertThat(decoded.integrityMatches(StunMessage.longTermKey("1700000000:alice", "example.org", "other"))).isFalse();
    assertThat(decoded.attribute(StunMessage.MESSAGE_INTEGRITY)).hasSize(20);
  }

  @Test
  void decodesErrorCodeClassAndNumber() throws Exception {
    byte[] value = new byte[] {0, 0, 4, 3, 'F', 'o', 'r', 'b', 'i', 'd', 'd', 'e', 'n', ' ', 'I', 'P'};
    StunMessage error = StunMessage.indication(StunMessage.DATA).attribute(StunMessage.ERROR_CODE, value).build();
    byte[] wire = error.encode();

    StunMessage.StunError decoded = StunMessage.decode(wire, wire.length).error();

    assertThat(decoded.code()).isEqualTo(403);
    assertThat(decoded.reason()).isEqualTo("Forbidden IP");
  }

  @Test
  void readsTheExpiryOfRestApiUsernames() {
    assertThat(TurnProbe.expiryOf("1700000000:alice")).isEqualTo(1_700_000_000L);
    assertThat(TurnProbe.expiryOf("alice")).isNull();
    assertThat(TurnProbe.expiryOf("alice:1700000000")).isNull();
  }
}
