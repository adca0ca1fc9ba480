package org.commandcenter.cli.turn;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BiFunction;
import org.commandcenter.mattermost.warroom.TurnCredentials;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * {@link TurnProbe} against a scripted UDP TURN server on 127.0.0.1, for answers a healthy coturn
 * does not give on demand: a stale nonce, no free relay port, a forged success.
 */
class ScriptedTurnServerTest {
  private static final String REALM = "scripted.example";
  private static final TurnCredentials CREDENTIALS =
      TurnCredentials.create("scripted-secret", "probe-user", Duration.ofMinutes(240), Clock.systemUTC());
  private static final byte[] KEY = StunMessage.longTermKey(CREDENTIALS.username(), REALM, CREDENTIALS.password());

  private ScriptedServer server;

  @AfterEach
  void stop() {
    if (server != null) {
      server.close();
    }
  }

  @Test
  void retriesOnceWithTheFreshNonceAfter438StaleNonce() throws Exception {
    server = new ScriptedServer((request, count) -> {
      if (request.attribute(StunMessage.USERNAME) == null) {
        return challenge(request, "nonce-1");
      }
      if ("nonce-1".equals(request.stringAttribute(StunMessage.NONCE))) {
        return error(request, 438, "Stale Nonce").stringAttribute(StunMessage.REALM, REALM)
            .stringAttribute(StunMessage.NONCE, "nonce-2").build().encode();
      }
      return allocated(request);
    });

    TurnProbeResult result = probe();

    assertThat(result.diagnosis()).as(result.summary()).isEqualTo(TurnDiagnosis.OK);
    assertThat(server.nonces()).containsSubsequence("nonce-1", "nonce-2");
  }

  @Test
  void diagnoses508AsNoRelayPortFree() throws Exception {
    server = new ScriptedServer((request, count) -> request.attribute(StunMessage.USERNAME) == null
        ? challenge(request, "nonce")
        : error(request, 508, "Insufficient Capacity").build().encode(KEY));

    TurnProbeResult result = probe();

    assertThat(result.diagnosis()).isEqualTo(TurnDiagnosis.INSUFFICIENT_CAPACITY);
    assertThat(result.errorCode()).hasValue(508);
    assertThat(result.fix()).contains("min-port");
  }

  @Test
  void rejectsASuccessNotSignedWithOurCredentials() throws Exception {
    byte[] otherKey = StunMessage.longTermKey(CREDENTIALS.username(), REALM, "not-the-password");
    server = new ScriptedServer((request, count) -> request.attribute(StunMessage.USERNAME) == null
        ? challenge(request, "nonce")
        : StunMessage.response(request, StunMessage.Kind.SUCCESS)
            .xorAddress(StunMessage.XOR_RELAYED_ADDRESS, new InetSocketAddress(InetAddress.getLoopbackAddress(), 50000))
            .build().encode(otherKey));

    TurnProbeResult result = probe();

    assertThat(result.diagnosis()).isEqualTo(TurnDiagnosis.PROTOCOL_ERROR);
    assertThat(result.summary()).contains("not signed with our credentials");
  }

  @Test
  void retransmitsLostUdpRequests() throws Exception {
    server = new ScriptedServer((request, count) -> {
      if (count == 1) {
        return null; // The first datagram is "lost".
      }
      return request.attribute(StunMessage.USERNAME) == null ? challenge(request, "nonce") : allocated(request);
    });

    TurnProbeResult result = probe();

    assertThat(result.diagnosis()).as(result.summary()).isEqualTo(TurnDiagnosis.OK);
    assertThat(server.received()).isGreaterThanOrEqualTo(3);
  }

  @Test
  void sendsRealmAndNonceBackExactlyAsReceived() throws Exception {
    // Bytes that are not valid UTF-8 would not survive a decode/encode round trip.
    byte[] realm = {'r', 'e', 'a', 'l', 'm', (byte) 0xFF};
    byte[] nonce = {'n', (byte) 0xC3, (byte) 0x28, '1'};
    byte[] key = StunMessage.longTermKey(CREDENTIALS.username(), realm, CREDENTIALS.password());
    server = new ScriptedServer((request, count) -> {
      if (request.attribute(StunMessage.USERNAME) == null) {
        return error(request, 401, "Unauthorized").attribute(StunMessage.REALM, realm)
            .attribute(StunMessage.NONCE, nonce).build().encode();
      }
      boolean echoed = java.util.Arrays.equals(realm, request.attribute(StunMessage.REALM))
          && java.util.Arrays.equals(nonce, request.attribute(StunMessage.NONCE))
          && request.integrityMatches(key);
      return echoed
          ? StunMessage.response(request, StunMessage.Kind.SUCCESS)
              .xorAddress(StunMessage.XOR_RELAYED_ADDRESS, new InetSocketAddress(InetAddress.getLoopbackAddress(), 50000))
              .build().encode(key)
          : error(request, 401, "Unauthorized").attribute(StunMessage.REALM, realm)
              .attribute(StunMessage.NONCE, nonce).build().encode();
    });

    TurnProbeResult result = probe();

    assertThat(result.diagnosis()).as(result.summary()).isEqualTo(TurnDiagnosis.OK);
  }

  @Test
  void tellsARefusedPermissionApartFromTheDenyList() throws Exception {
    server = new ScriptedServer((request, count) -> {
      if (request.attribute(StunMessage.USERNAME) == null) {
        return challenge(request, "nonce");
      }
      if (request.method() == StunMessage.CREATE_PERMISSION) {
        return error(request, 443, "Peer Address Family Mismatch").build().encode(KEY);
      }
      return allocated(request);
    });

    TurnProbeResult result = probe(TurnPeer.permissionOnly(InetAddress.getLoopbackAddress()));

    assertThat(result.diagnosis()).as(result.summary()).isEqualTo(TurnDiagnosis.PERMISSION_REFUSED);
    assertThat(result.errorCode()).hasValue(443);
    assertThat(result.summary()).contains("Peer Address Family Mismatch");
    assertThat(result.fix()).doesNotContain("denied-peer-ip").doesNotContain("relay range");
  }

  private TurnProbeResult probe() {
    return probe(TurnPeer.none());
  }

  private TurnProbeResult probe(TurnPeer peer) {
    // Generous: every scripted answer comes at once, so the timeout only matters on a badly loaded machine.
    return TurnProbe.builder().timeout(Duration.ofSeconds(10)).build()
        .probe(TurnTarget.of("127.0.0.1", server.port(), TurnTransport.UDP), CREDENTIALS, peer);
  }

  private static byte[] challenge(StunMessage request, String nonce) {
    return error(request, 401, "Unauthorized").stringAttribute(StunMessage.REALM, REALM)
        .stringAttribute(StunMessage.NONCE, nonce).build().encode();
  }

  private static StunMessage.Builder error(StunMessage request, int code, String reason) {
    byte[] reasonBytes = reason.getBytes(StandardCharsets.UTF_8);
    byte[] value = ByteBuffer.allocate(4 + reasonBytes.length)
        .putShort((short) 0).put((byte) (code / 100)).put((byte) (code % 100)).put(reasonBytes).array();
    return StunMessage.response(request, StunMessage.Kind.ERROR).attribute(StunMessage.ERROR_CODE, value);
  }

  private static byte[] allocated(StunMessage request) {
    return StunMessage.response(request, StunMessage.Kind.SUCCESS)
        .xorAddress(StunMessage.XOR_RELAYED_ADDRESS, new InetSocketAddress(InetAddress.getLoopbackAddress(), 50000))
        .xorAddress(StunMessage.XOR_MAPPED_ADDRESS, new InetSocketAddress(InetAddress.getLoopbackAddress(), 40000))
        .intAttribute(StunMessage.LIFETIME, 600)
        .build()
        .encode(KEY);
  }

  /** Answers each request with what the script returns for it (null = drop it). */
  private static final class ScriptedServer implements AutoCloseable {
    interface Script extends BiFunction<StunMessage, Integer, byte[]> {}

    private final DatagramSocket socket;
    private final List<String> nonces = new CopyOnWriteArrayList<>();
    private volatile int received;

    ScriptedServer(Script script) throws IOException {
      socket = new DatagramSocket(0, InetAddress.getLoopbackAddress());
      Thread thread = new Thread(() -> serve(script), "scripted-turn");
      thread.setDaemon(true);
      thread.start();
    }

    private void serve(Script script) {
      byte[] buffer = new byte[2048];
      while (!socket.isClosed()) {
        try {
          DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
          socket.receive(packet);
          StunMessage request = StunMessage.decode(packet.getData(), packet.getLength());
          if (request.kind() != StunMessage.Kind.REQUEST || request.method() == StunMessage.REFRESH) {
            continue; // e.g. the Refresh that releases the allocation
          }
          received++;
          String nonce = request.stringAttribute(StunMessage.NONCE);
          if (nonce != null) {
            nonces.add(nonce);
          }
          byte[] answer = script.apply(request, received);
          if (answer != null) {
            socket.send(new DatagramPacket(answer, answer.length, packet.getSocketAddress()));
          }
        } catch (IOException | StunMessage.StunFormatException e) {
          if (socket.isClosed()) {
            return;
          }
        }
      }
    }

    int port() {
      return socket.getLocalPort();
    }

    int received() {
      return received;
    }

    List<String> nonces() {
      return new ArrayList<>(nonces);
    }

    @Override
    public void close() {
      socket.close();
    }
  }
}
