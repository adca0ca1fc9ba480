package org.commandcenter.cli.turn;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.commandcenter.mattermost.warroom.TurnCredentials;
import org.commandcenter.realservers.CoturnServer;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code external-ip=<public>/<private>}, as the Compose stack passes it, makes coturn report the
 * public address as the relayed address. Loopback stands in for both halves: 127.0.0.3 plays the
 * public address, the relay really listens on 127.0.0.1.
 */
@Tag("coturn")
class CoturnExternalIpTest {
  private static final String SECRET = "external-ip-test-secret";

  @Test
  void reportsTheExternalAddressAsTheRelayedAddress(@TempDir Path workDir) throws Exception {
    try (CoturnServer coturn = CoturnServer.start(workDir, SECRET, List.of("external-ip=127.0.0.3/127.0.0.1"))) {
      TurnCredentials credentials = TurnCredentials.create(SECRET, "external-ip-user", Duration.ofMinutes(240),
          Clock.systemUTC());

      TurnProbeResult result = TurnProbe.create().probe(
          TurnTarget.of("127.0.0.1", coturn.plainPort(), TurnTransport.UDP), credentials, TurnPeer.none());

      assertThat(result.diagnosis()).as(result.summary() + "\n" + coturn.log()).isEqualTo(TurnDiagnosis.OK);
      assertThat(result.relayedAddress()).get().extracting(InetSocketAddress::getAddress)
          .isEqualTo(InetAddress.getByAddress(new byte[] {127, 0, 0, 3}));
      // (coturn maps every address equal to the private half, so here, where the client shares
      // 127.0.0.1 with the relay, XOR-MAPPED-ADDRESS reads 127.0.0.3 as well.)
      assertThat(result.warnings()).singleElement().asString().startsWith("relayed address 127.0.0.3 is private");
    }
  }
}
