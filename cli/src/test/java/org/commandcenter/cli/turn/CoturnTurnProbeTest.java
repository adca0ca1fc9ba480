package org.commandcenter.cli.turn;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import okhttp3.tls.HeldCertificate;
import org.commandcenter.mattermost.tls.CaTrust;
import org.commandcenter.mattermost.warroom.TurnCredentials;
import org.commandcenter.realservers.CoturnServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * {@link TurnProbe} against a real coturn started from the shipped turnserver.conf. All traffic
 * stays on 127.0.0.1; 127.0.0.2 is only ever named in a CreatePermission that must be refused.
 */
@Tag("coturn")
class CoturnTurnProbeTest {
  private static final String SECRET = "test-secret-" + Long.toHexString(System.nanoTime());
  private static final Duration TTL = Duration.ofMinutes(240);

  @TempDir static Path workDir;
  private static CoturnServer coturn;
  private static UdpEchoPeer peer;

  // Generous: a real coturn answers at once, so the timeout only matters on a badly loaded machine.
  private final TurnProbe probe = TurnProbe.builder().timeout(Duration.ofSeconds(10)).build();

  @BeforeAll
  static void startCoturnAndPeer() throws IOException {
    coturn = CoturnServer.start(workDir, SECRET, List.of());
    peer = new UdpEchoPeer();
  }

  @AfterAll
  static void stopCoturnAndPeer() {
    if (peer != null) {
      peer.close();
    }
    if (coturn != null) {
      coturn.close();
    }
  }

  @ParameterizedTest
  @EnumSource(TurnTransport.class)
  void allocatesAndRelaysToEchoPeer(TurnTransport transport) {
    TurnCredentials credentials = credentials(SECRET, Clock.systemUTC());

    TurnProbeResult result = probe.probe(target(transport), credentials, TurnPeer.echo(peer.address()));

    assertThat(result.diagnosis()).as(result.summary() + "\n" + coturn.log()).isEqualTo(TurnDiagnosis.OK);
    assertThat(result.allocated()).isTrue();
    assertThat(result.relayedAddress()).get().extracting(InetSocketAddress::getAddress)
        .isEqualTo(InetAddress.getLoopbackAddress());
    assertThat(result.relayedAddress().get().getPort()).isBetween(49152, 49252);
    assertThat(result.mappedAddress()).get().extracting(InetSocketAddress::getAddress)
        .isEqualTo(InetAddress.getLoopbackAddress());
    assertThat(result.realm()).contains("turn.example.internal");
    assertThat(result.relayRoundTrip()).isPresent();
    assertThat(result.summary()).startsWith("allocated relay 127.0.0.1:").contains("echo via " + hostPort(peer.address()));
    assertThat(result.fix()).isEmpty();
  }

  @Test
  void warnsThatALoopbackRelayedAddressNeedsExternalIp() {
    TurnCredentials credentials = credentials(SECRET, Clock.systemUTC());

    TurnProbeResult result = probe.probe(target(TurnTransport.UDP), credentials, TurnPeer.none());

    assertThat(result.isOk()).as(result.summary()).isTrue();
    assertThat(result.relayedAddressPrivate()).isTrue();
    assertThat(result.warnings()).singleElement().asString()
        .startsWith("relayed address 127.0.0.1 is private")
        .contains("set external-ip=<address users reach>/<coturn's own address>");
  }

  @ParameterizedTest
  @EnumSource(TurnTransport.class)
  void diagnosesWrongSecret(TurnTransport transport) {
    TurnCredentials credentials = credentials("not-the-" + SECRET, Clock.systemUTC());

    TurnProbeResult result = probe.probe(target(transport), credentials, TurnPeer.echo(peer.address()));

    assertThat(result.diagnosis()).as(result.summary()).isEqualTo(TurnDiagnosis.WRONG_SECRET);
    assertThat(result.errorCode()).hasValue(401);
    assertThat(result.allocated()).isFalse();
    assertThat(result.fix()).contains("static-auth-secret").contains("TURNStaticAuthSecret");
    assertThat(result.toString()).doesNotContain(credentials.password());
  }

  @Test
  void diagnosesExpiredCredentialsSignedWithTheRightSecret() {
    // Issued five hours ago with Calls' default 240-minute lifetime: expired an hour ago.
    Clock issuedAt = Clock.fixed(Instant.now().minus(Duration.ofHours(5)), ZoneOffset.UTC);
    TurnCredentials credentials = credentials(SECRET, issuedAt);

    TurnProbeResult result = probe.probe(target(TurnTransport.UDP), credentials, TurnPeer.none());

    assertThat(result.diagnosis()).as(result.summary()).isEqualTo(TurnDiagnosis.CREDENTIALS_EXPIRED);
    assertThat(result.errorCode()).hasValue(401);
    assertThat(result.summary()).containsPattern("expired 36\\d\\d s ago").doesNotContain(credentials.password());
  }

  @Test
  void refusesPermissionForLoopbackPeerInsideTheShippedDenyList() throws Exception {
    TurnCredentials credentials = credentials(SECRET, Clock.systemUTC());
    // 127.0.0.2 is loopback, but only 127.0.0.1 is allowed by the overlay: the shipped
    // denied-peer-ip=127.0.0.0-127.255.255.255 must refuse it. Only a permission is asked for.
    InetAddress denied = InetAddress.getByAddress(new byte[] {127, 0, 0, 2});

    TurnProbeResult result = probe.probe(target(TurnTransport.UDP), credentials, TurnPeer.permissionOnly(denied));

    assertThat(result.diagnosis()).as(result.summary()).isEqualTo(TurnDiagnosis.PEER_FORBIDDEN);
    assertThat(result.errorCode()).hasValue(403);
    assertThat(result.errorReason()).contains("Forbidden IP");
    assertThat(result.allocated()).isTrue();
    assertThat(result.fix()).contains("allowed-peer-ip");
  }

  @Test
  void grantsPermissionForTheAllowedLoopbackPeer() {
    TurnCredentials credentials = credentials(SECRET, Clock.systemUTC());

    TurnProbeResult result = probe.probe(target(TurnTransport.TCP), credentials.username(), credentials.password(),
        TurnPeer.permissionOnly(InetAddress.getLoopbackAddress()));

    assertThat(result.diagnosis()).as(result.summary()).isEqualTo(TurnDiagnosis.OK);
    assertThat(result.summary()).endsWith("permission for 127.0.0.1 granted");
  }

  @Test
  void diagnosesUntrustedCertificateOverTls() {
    TurnCredentials credentials = credentials(SECRET, Clock.systemUTC());
    HeldCertificate otherCa = new HeldCertificate.Builder().certificateAuthority(0).build();
    TurnTarget target = target(TurnTransport.TLS).newBuilder()
        .trust(CaTrust.fromPem(otherCa.certificatePem()).withoutSystemTrust())
        .build();

    TurnProbeResult result = probe.probe(target, credentials, TurnPeer.none());

    assertThat(result.diagnosis()).as(result.summary()).isEqualTo(TurnDiagnosis.TLS_FAILED);
    assertThat(result.summary()).contains("not signed by a trusted CA");
  }

  @Test
  void diagnosesCertificateIssuedForAnotherName() {
    TurnCredentials credentials = credentials(SECRET, Clock.systemUTC());
    TurnTarget target = target(TurnTransport.TLS).newBuilder().serverName("turn.example.internal").build();

    TurnProbeResult result = probe.probe(target, credentials, TurnPeer.none());

    assertThat(result.diagnosis()).as(result.summary()).isEqualTo(TurnDiagnosis.TLS_FAILED);
    assertThat(result.summary()).contains("not issued for turn.example.internal");
  }

  @ParameterizedTest
  @EnumSource(value = TurnTransport.class, names = {"UDP", "TCP"})
  void diagnosesClosedPortAsUnreachable(TurnTransport transport) throws IOException {
    int closed = CoturnServer.freeUdpAndTcpPort();
    TurnCredentials credentials = credentials(SECRET, Clock.systemUTC());

    TurnProbeResult result = probe.probe(TurnTarget.of("127.0.0.1", closed, transport), credentials, TurnPeer.none());

    assertThat(result.diagnosis()).as(result.summary()).isEqualTo(TurnDiagnosis.UNREACHABLE);
    assertThat(result.summary()).contains("refused");
  }

  @Test
  void diagnosesSilentlyDroppedPortAsTimedOut() throws IOException {
    TurnCredentials credentials = credentials(SECRET, Clock.systemUTC());
    // A bound socket that never answers behaves like a firewall that drops the datagrams.
    try (DatagramSocket blackHole = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
      TurnProbe quick = TurnProbe.builder().timeout(Duration.ofMillis(800)).build();
      TurnProbeResult result = quick.probe(TurnTarget.of("127.0.0.1", blackHole.getLocalPort(), TurnTransport.UDP),
          credentials, TurnPeer.none());

      assertThat(result.diagnosis()).as(result.summary()).isEqualTo(TurnDiagnosis.TIMED_OUT);
      assertThat(result.fix()).contains("3478/udp");
    }
  }

  @Test
  void diagnosesTheShippedPerUserQuota() throws Exception {
    TurnCredentials credentials = credentials(SECRET, Clock.systemUTC(), "quota-user");
    int userQuota = Integer.parseInt(shippedOption("user-quota"));
    List<HeldAllocation> held = new java.util.ArrayList<>();
    try {
      for (int i = 0; i < userQuota; i++) {
        held.add(HeldAllocation.allocate(coturn.plainPort(), credentials.username(), credentials.password()));
      }

      TurnProbeResult result = probe.probe(target(TurnTransport.UDP), credentials, TurnPeer.none());

      assertThat(result.diagnosis()).as(result.summary()).isEqualTo(TurnDiagnosis.QUOTA_REACHED);
      assertThat(result.errorCode()).hasValue(486);
      assertThat(result.fix()).contains("user-quota");
    } finally {
      held.forEach(HeldAllocation::close);
    }
  }

  @Test
  void shippedConfigurationIsUnderstoodByCoturn() {
    String log = coturn.log();

    assertThat(log).doesNotContain("Bad configuration format").doesNotContain("CONFIG ERROR");
    assertThat(log)
        .contains("Black listing: 127.0.0.0-127.255.255.255")
        .contains("Black listing: 10.0.0.0-10.255.255.255")
        .contains("Black listing: fc00::-fdff:ffff:ffff:ffff:ffff:ffff:ffff:ffff")
        .contains("Black listing: ::1-::ffff:ffff")
        .contains("Black listing: 100::-100::1:ffff:ffff:ffff:ffff")
        .contains("Black listing: 5f00::-5f00:ffff:ffff:ffff:ffff:ffff:ffff:ffff")
        .contains("White listing: 127.0.0.1")
        .contains("TCP relay endpoints are not allowed")
        .contains("Default realm: turn.example.internal");
  }

  private static String shippedOption(String name) throws IOException {
    return java.nio.file.Files.readAllLines(CoturnServer.shippedConfiguration()).stream()
        .filter(line -> line.startsWith(name + "="))
        .map(line -> line.substring(name.length() + 1).trim())
        .findFirst()
        .orElseThrow(() -> new AssertionError(name + " is not set in the shipped turnserver.conf"));
  }

  private static TurnTarget target(TurnTransport transport) {
    int port = transport == TurnTransport.TLS ? coturn.tlsPort() : coturn.plainPort();
    TurnTarget.Builder builder = TurnTarget.builder().host("127.0.0.1").port(port).transport(transport);
    if (transport == TurnTransport.TLS) {
      builder.trust(CaTrust.fromPem(coturn.certificate().certificatePem()).withoutSystemTrust());
    }
    return builder.build();
  }

  private static String hostPort(InetSocketAddress address) {
    return address.getAddress().getHostAddress() + ":" + address.getPort();
  }

  /** Credentials as Calls derives them from the static secret, for a user, issued at {@code clock}. */
  static TurnCredentials credentials(String secret, Clock clock, String user) {
    return TurnCredentials.create(secret, user, TTL, clock);
  }

  static TurnCredentials credentials(String secret, Clock clock) {
    return credentials(secret, clock, "probe-user");
  }
}
