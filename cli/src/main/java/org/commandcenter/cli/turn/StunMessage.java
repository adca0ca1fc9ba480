package org.commandcenter.cli.turn;

import static java.util.Objects.requireNonNull;

import java.io.ByteArrayOutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.zip.CRC32;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * One STUN message (RFC 8489) with the TURN (RFC 8656) methods and attributes the probe needs.
 * Encoding appends MESSAGE-INTEGRITY (long-term credentials, HMAC-SHA1) and FINGERPRINT when asked;
 * decoding checks the header, the attribute framing and the fingerprint.
 */
final class StunMessage {
  static final int MAGIC_COOKIE = 0x2112A442;
  static final int HEADER_LENGTH = 20;

  // Methods.
  static final int BINDING = 0x001;
  static final int ALLOCATE = 0x003;
  static final int REFRESH = 0x004;
  static final int SEND = 0x006;
  static final int DATA = 0x007;
  static final int CREATE_PERMISSION = 0x008;

  // Attribute types.
  static final int USERNAME = 0x0006;
  static final int MESSAGE_INTEGRITY = 0x0008;
  static final int ERROR_CODE = 0x0009;
  static final int LIFETIME = 0x000D;
  static final int XOR_PEER_ADDRESS = 0x0012;
  static final int DATA_ATTRIBUTE = 0x0013;
  static final int REALM = 0x0014;
  static final int NONCE = 0x0015;
  static final int XOR_RELAYED_ADDRESS = 0x0016;
  static final int REQUESTED_TRANSPORT = 0x0019;
  static final int XOR_MAPPED_ADDRESS = 0x0020;
  static final int FINGERPRINT = 0x8028;

  static final int PROTOCOL_UDP = 17;

  private static final int FINGERPRINT_XOR = 0x5354554e;
  private static final SecureRandom RANDOM = new SecureRandom();

  enum Kind {
    REQUEST(0b00),
    INDICATION(0b01),
    SUCCESS(0b10),
    ERROR(0b11);

    final int bits;

    Kind(int bits) {
      this.bits = bits;
    }

    static Kind ofBits(int bits) {
      for (Kind kind : values()) {
        if (kind.bits == bits) {
          return kind;
        }
      }
      throw new AssertionError(bits);
    }
  }

  /** One attribute as it appeared on the wire (value without padding). */
  record Attribute(int type, byte[] value) {}

  private final int method;
  private final Kind kind;
  private final byte[] transactionId;
  private final List<Attribute> attributes;
  /** The bytes this message was decoded from, kept to verify MESSAGE-INTEGRITY; null when built locally. */
  private final byte[] raw;

  private StunMessage(int method, Kind kind, byte[] transactionId, List<Attribute> attributes, byte[] raw) {
    this.method = method;
    this.kind = kind;
    this.transactionId = transactionId;
    this.attributes = List.copyOf(attributes);
    this.raw = raw;
  }

  static byte[] newTransactionId() {
    byte[] id = new byte[12];
    RANDOM.nextBytes(id);
    return id;
  }

  int method() {
    return method;
  }

  Kind kind() {
    return kind;
  }

  byte[] transactionId() {
    return transactionId.clone();
  }

  boolean hasTransactionId(byte[] id) {
    return Arrays.equals(transactionId, id);
  }

  List<Attribute> attributes() {
    return attributes;
  }

  byte[] attribute(int type) {
    for (Attribute attribute : attributes) {
      if (attribute.type() == type) {
        return attribute.value();
      }
    }
    return null;
  }

  String stringAttribute(int type) {
    byte[] value = attribute(type);
    return value == null ? null : new String(value, StandardCharsets.UTF_8);
  }

  /** The XOR-encoded address in attribute {@code type}, or null when absent. */
  InetSocketAddress addressAttribute(int type) throws StunFormatException {
    byte[] value = attribute(type);
    return value == null ? null : decodeXorAddress(value, transactionId);
  }

  /** ERROR-CODE as {code, reason}, or null when absent. */
  StunError error() throws StunFormatException {
    byte[] value = attribute(ERROR_CODE);
    if (value == null) {
      return null;
    }
    if (value.length < 4) {
      throw new StunFormatException("ERROR-CODE shorter than 4 bytes");
    }
    int code = (value[2] & 0x07) * 100 + (value[3] & 0xFF);
    String reason = new String(value, 4, value.length - 4, StandardCharsets.UTF_8);
    return new StunError(code, reason);
  }

  record StunError(int code, String reason) {}

  /**
   * Whether MESSAGE-INTEGRITY is present and matches {@code key}. Only meaningful for decoded
   * messages.
   */
  boolean integrityMatches(byte[] key) {
    if (raw == null) {
      throw new IllegalStateException("not a decoded message");
    }
    int offset = HEADER_LENGTH;
    while (offset + 4 <= raw.length) {
      int type = ((raw[offset] & 0xFF) << 8) | (raw[offset + 1] & 0xFF);
      int length = ((raw[offset + 2] & 0xFF) << 8) | (raw[offset + 3] & 0xFF);
      if (type == MESSAGE_INTEGRITY) {
        if (length != 20 || offset + 24 > raw.length) {
          return false;
        }
        byte[] covered = Arrays.copyOf(raw, offset);
        int lengthWithIntegrity = offset + 24 - HEADER_LENGTH;
        covered[2] = (byte) (lengthWithIntegrity >>> 8);
        covered[3] = (byte) lengthWithIntegrity;
        byte[] expected = hmacSha1(key, covered);
        return MessageDigest.isEqual(expected, Arrays.copyOfRange(raw, offset + 4, offset + 24));
      }
      offset += 4 + padded(length);
    }
    return false;
  }

  // ---------------------------------------------------------------------------------------------
  // Building

  static Builder request(int method) {
    return new Builder(method, Kind.REQUEST);
  }

  static Builder indication(int method) {
    return new Builder(method, Kind.INDICATION);
  }

  /** A success or error response to {@code request} (same method and transaction). */
  static Builder response(StunMessage request, Kind kind) {
    if (kind != Kind.SUCCESS && kind != Kind.ERROR) {
      throw new IllegalArgumentException("kind: a response is SUCCESS or ERROR, not " + kind);
    }
    return new Builder(request.method, kind).transactionId(request.transactionId);
  }

  static final class Builder {
    private final int method;
    private final Kind kind;
    private byte[] transactionId = newTransactionId();
    private final List<Attribute> attributes = new ArrayList<>();

    private Builder(int method, Kind kind) {
      this.method = method;
      this.kind = requireNonNull(kind, "kind == null");
    }

    Builder transactionId(byte[] id) {
      if (id.length != 12) {
        throw new IllegalArgumentException("transactionId: must be 12 bytes");
      }
      this.transactionId = id.clone();
      return this;
    }

    Builder attribute(int type, byte[] value) {
      attributes.add(new Attribute(type, value.clone()));
      return this;
    }

    /** Drops USERNAME, REALM and NONCE so that they can be set afresh (e.g. after a stale nonce). */
    Builder withoutAuthentication() {
      attributes.removeIf(a -> a.type() == USERNAME || a.type() == REALM || a.type() == NONCE);
      return this;
    }

    Builder stringAttribute(int type, String value) {
      return attribute(type, value.getBytes(StandardCharsets.UTF_8));
    }

    Builder intAttribute(int type, int value) {
      return attribute(type, ByteBuffer.allocate(4).putInt(value).array());
    }

    Builder requestedTransportUdp() {
      return attribute(REQUESTED_TRANSPORT, new byte[] {PROTOCOL_UDP, 0, 0, 0});
    }

    Builder xorAddress(int type, InetSocketAddress address) {
      return attribute(type, encodeXorAddress(address, transactionId));
    }

    StunMessage build() {
      return new StunMessage(method, kind, transactionId, attributes, null);
    }
  }

  /** The wire form with FINGERPRINT only. */
  byte[] encode() {
    return encode(null);
  }

  /**
   * The wire form; with a long-term {@code key} the USERNAME/REALM/NONCE attributes must already be
   * present and MESSAGE-INTEGRITY is appended before FINGERPRINT.
   */
  byte[] encode(byte[] key) {
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    for (Attribute attribute : attributes) {
      writeAttribute(body, attribute.type(), attribute.value());
    }
    byte[] message = withHeader(body.toByteArray(), key == null ? 0 : 24);
    if (key != null) {
      byte[] integrity = hmacSha1(key, message);
      writeAttribute(body, MESSAGE_INTEGRITY, integrity);
    }
    message = withHeader(body.toByteArray(), 8);
    CRC32 crc = new CRC32();
    crc.update(message);
    int fingerprint = (int) crc.getValue() ^ FINGERPRINT_XOR;
    writeAttribute(body, FINGERPRINT, ByteBuffer.allocate(4).putInt(fingerprint).array());
    return withHeader(body.toByteArray(), 0);
  }

  private byte[] withHeader(byte[] body, int extraLength) {
    ByteBuffer buffer = ByteBuffer.allocate(HEADER_LENGTH + body.length);
    buffer.putShort((short) messageType(method, kind));
    buffer.putShort((short) (body.length + extraLength));
    buffer.putInt(MAGIC_COOKIE);
    buffer.put(transactionId);
    buffer.put(body);
    return buffer.array();
  }

  private static void writeAttribute(ByteArrayOutputStream out, int type, byte[] value) {
    out.write(type >>> 8);
    out.write(type);
    out.write(value.length >>> 8);
    out.write(value.length);
    out.writeBytes(value);
    for (int i = value.length; i < padded(value.length); i++) {
      out.write(0);
    }
  }

  static int messageType(int method, Kind kind) {
    return (method & 0x000F)
        | ((method & 0x0070) << 1)
        | ((method & 0x0F80) << 2)
        | ((kind.bits & 0b01) << 4)
        | ((kind.bits & 0b10) << 7);
  }

  private static int padded(int length) {
    return (length + 3) & ~3;
  }

  // ---------------------------------------------------------------------------------------------
  // Decoding

  /** Whether {@code data} starts like a STUN message (first two bits zero, magic cookie). */
  static boolean looksLikeStun(byte[] data, int length) {
    return length >= HEADER_LENGTH
        && (data[0] & 0xC0) == 0
        && ByteBuffer.wrap(data, 4, 4).getInt() == MAGIC_COOKIE;
  }

  static StunMessage decode(byte[] data, int length) throws StunFormatException {
    if (!looksLikeStun(data, length)) {
      throw new StunFormatException("not a STUN message");
    }
    ByteBuffer buffer = ByteBuffer.wrap(data, 0, length);
    int type = buffer.getShort() & 0xFFFF;
    int bodyLength = buffer.getShort() & 0xFFFF;
    buffer.getInt();
    if ((bodyLength & 3) != 0 || HEADER_LENGTH + bodyLength != length) {
      throw new StunFormatException("length field " + bodyLength + " does not match " + length + " bytes");
    }
    byte[] transactionId = new byte[12];
    buffer.get(transactionId);
    int method = (type & 0x000F) | ((type & 0x00E0) >>> 1) | ((type & 0x3E00) >>> 2);
    Kind kind = Kind.ofBits(((type >>> 4) & 0b01) | ((type >>> 7) & 0b10));
    List<Attribute> attributes = new ArrayList<>();
    while (buffer.remaining() > 0) {
      if (buffer.remaining() < 4) {
        throw new StunFormatException("truncated attribute header");
      }
      int attributeStart = buffer.position();
      int attributeType = buffer.getShort() & 0xFFFF;
      int attributeLength = buffer.getShort() & 0xFFFF;
      if (buffer.remaining() < padded(attributeLength)) {
        throw new StunFormatException("attribute 0x" + Integer.toHexString(attributeType) + " overruns the message");
      }
      byte[] value = new byte[attributeLength];
      buffer.get(value);
      buffer.position(buffer.position() + padded(attributeLength) - attributeLength);
      if (attributeType == FINGERPRINT) {
        if (attributeLength != 4 || buffer.remaining() != 0) {
          throw new StunFormatException("FINGERPRINT is not the last 4-byte attribute");
        }
        CRC32 crc = new CRC32();
        crc.update(data, 0, attributeStart);
        int expected = (int) crc.getValue() ^ FINGERPRINT_XOR;
        if (ByteBuffer.wrap(value).getInt() != expected) {
          throw new StunFormatException("FINGERPRINT mismatch");
        }
      }
      attributes.add(new Attribute(attributeType, value));
    }
    return new StunMessage(method, kind, transactionId, attributes, Arrays.copyOf(data, length));
  }

  // ---------------------------------------------------------------------------------------------
  // Addresses and keys

  static byte[] encodeXorAddress(InetSocketAddress address, byte[] transactionId) {
    byte[] ip = address.getAddress().getAddress();
    byte[] mask = xorMask(transactionId);
    ByteBuffer buffer = ByteBuffer.allocate(4 + ip.length);
    buffer.put((byte) 0);
    buffer.put((byte) (ip.length == 4 ? 0x01 : 0x02));
    buffer.putShort((short) (address.getPort() ^ (MAGIC_COOKIE >>> 16)));
    for (int i = 0; i < ip.length; i++) {
      buffer.put((byte) (ip[i] ^ mask[i]));
    }
    return buffer.array();
  }

  static InetSocketAddress decodeXorAddress(byte[] value, byte[] transactionId) throws StunFormatException {
    if (value.length < 8) {
      throw new StunFormatException("address attribute shorter than 8 bytes");
    }
    int family = value[1] & 0xFF;
    int ipLength = family == 0x01 ? 4 : family == 0x02 ? 16 : -1;
    if (ipLength < 0 || value.length != 4 + ipLength) {
      throw new StunFormatException("address attribute with family " + family + " and " + value.length + " bytes");
    }
    int port = (((value[2] & 0xFF) << 8) | (value[3] & 0xFF)) ^ (MAGIC_COOKIE >>> 16);
    byte[] mask = xorMask(transactionId);
    byte[] ip = new byte[ipLength];
    for (int i = 0; i < ipLength; i++) {
      ip[i] = (byte) (value[4 + i] ^ mask[i]);
    }
    try {
      return new InetSocketAddress(InetAddress.getByAddress(ip), port);
    } catch (UnknownHostException e) {
      throw new StunFormatException("bad address: " + e.getMessage());
    }
  }

  private static byte[] xorMask(byte[] transactionId) {
    return ByteBuffer.allocate(16).putInt(MAGIC_COOKIE).put(transactionId).array();
  }

  /** The long-term credential key: MD5(username ":" realm ":" password). */
  static byte[] longTermKey(String username, String realm, String password) {
    return longTermKey(username, realm.getBytes(StandardCharsets.UTF_8), password);
  }

  /**
   * The long-term credential key over the REALM exactly as the server sent it: re-encoding a decoded
   * string would change any byte that is not valid UTF-8, and with it the key.
   */
  static byte[] longTermKey(String username, byte[] realm, String password) {
    try {
      MessageDigest md5 = MessageDigest.getInstance("MD5");
      md5.update((username + ":").getBytes(StandardCharsets.UTF_8));
      md5.update(realm);
      md5.update((":" + password).getBytes(StandardCharsets.UTF_8));
      return md5.digest();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("MD5 unavailable", e);
    }
  }

  private static byte[] hmacSha1(byte[] key, byte[] data) {
    try {
      Mac mac = Mac.getInstance("HmacSHA1");
      mac.init(new SecretKeySpec(key, "HmacSHA1"));
      return mac.doFinal(data);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA1 unavailable", e);
    }
  }

  /** A message that does not follow the STUN framing rules. */
  static final class StunFormatException extends Exception {
    private static final long serialVersionUID = 1L;

    StunFormatException(String message) {
      super(message);
    }
  }
}
