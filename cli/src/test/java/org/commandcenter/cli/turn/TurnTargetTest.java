package org.commandcenter.cli.turn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import org.junit.jupiter.api.Test;

class TurnTargetTest {

  @Test
  void parsesTheUrlFormsOfIceServersConfigs() {
    assertThat(TurnTarget.parse("turn:turn.example.internal:3478?transport=udp"))
        .isEqualTo(TurnTarget.of("turn.example.internal", 3478, TurnTransport.UDP));
    assertThat(TurnTarget.parse("turn:turn.example.internal:3478?transport=tcp"))
        .isEqualTo(TurnTarget.of("turn.example.internal", 3478, TurnTransport.TCP));
    assertThat(TurnTarget.parse("turns:turn.example.internal:5349?transport=tcp"))
        .isEqualTo(TurnTarget.of("turn.example.internal", 5349, TurnTransport.TLS));
  }

  @Test
  void defaultsPortAndTransportLikeRfc7065() {
    assertThat(TurnTarget.parse("turn:turn.example.internal"))
        .isEqualTo(TurnTarget.of("turn.example.internal", 3478, TurnTransport.UDP));
    assertThat(TurnTarget.parse("turns:turn.example.internal"))
        .isEqualTo(TurnTarget.of("turn.example.internal", 5349, TurnTransport.TLS));
    assertThat(TurnTarget.parse("turn:[::1]:3479").host()).isEqualTo("::1");
  }

  @Test
  void printsTheUriForm() {
    assertThat(TurnTarget.of("::1", 5349, TurnTransport.TLS)).hasToString("turns:[::1]:5349?transport=tcp");
    assertThat(TurnTarget.of("turn.example.internal", 3478, TurnTransport.UDP))
        .hasToString("turn:turn.example.internal:3478?transport=udp");
  }

  @Test
  void namesTheFieldOnBadInput() {
    assertThatThrownBy(() -> TurnTarget.parse("stun:turn.example.internal"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("uri:");
    assertThatThrownBy(() -> TurnTarget.parse("turns:turn.example.internal?transport=udp"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("uri:");
    assertThatThrownBy(() -> TurnTarget.parse("turn:turn.example.internal:http"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("uri:");
    assertThatThrownBy(() -> TurnTarget.of("turn.example.internal", 0, TurnTransport.UDP))
        .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("port:");
    assertThatThrownBy(() -> TurnTarget.builder().port(3478).build())
        .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("host:");
  }

  @Test
  void classifiesAddressesClientsElsewhereCannotReach() throws Exception {
    for (String ip : new String[] {"10.1.2.3", "172.16.0.1", "192.168.1.1", "100.64.0.1", "127.0.0.1", "169.254.1.1",
        "fd00::1", "fe80::1", "::1"}) {
      assertThat(PrivateAddresses.isPrivate(InetAddress.getByName(ip))).as(ip).isTrue();
    }
    for (String ip : new String[] {"198.51.100.7", "100.128.0.1", "172.32.0.1", "2001:db8::1"}) {
      assertThat(PrivateAddresses.isPrivate(InetAddress.getByName(ip))).as(ip).isFalse();
    }
  }
}
