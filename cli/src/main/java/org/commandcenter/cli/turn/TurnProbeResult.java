package org.commandcenter.cli.turn;

import static java.util.Objects.requireNonNull;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/** What one {@link TurnProbe} found. Holds no credentials. */
public final class TurnProbeResult {
  private final TurnTarget target;
  private final TurnPeer peer;
  private final TurnDiagnosis diagnosis;
  private final String detail;
  private final InetSocketAddress relayedAddress;
  private final InetSocketAddress mappedAddress;
  private final String realm;
  private final int errorCode;
  private final String errorReason;
  private final Duration relayRoundTrip;
  private final List<String> warnings;
  private final Instant credentialsExpireAt;

  private TurnProbeResult(Builder builder) {
    this.target = requireNonNull(builder.target, "target == null");
    this.peer = requireNonNull(builder.peer, "peer == null");
    this.diagnosis = requireNonNull(builder.diagnosis, "diagnosis == null");
    this.detail = builder.detail;
    this.relayedAddress = builder.relayedAddress;
    this.mappedAddress = builder.mappedAddress;
    this.realm = builder.realm;
    this.errorCode = builder.errorCode;
    this.errorReason = builder.errorReason;
    this.relayRoundTrip = builder.relayRoundTrip;
    this.credentialsExpireAt = builder.credentialsExpireAt;
    List<String> allWarnings = new ArrayList<>(builder.warnings);
    if (relayedAddress != null && PrivateAddresses.isPrivate(relayedAddress.getAddress())) {
      String ip = relayedAddress.getAddress().getHostAddress();
      allWarnings.add(0, "relayed address " + ip + " is private: only clients that can route to it can use"
          + " the relay - unless all users are on that network, set external-ip=<address users reach>/<coturn's"
          + " own address> in turnserver.conf");
    }
    this.warnings = List.copyOf(allWarnings);
  }

  static Builder builder(TurnTarget target, TurnPeer peer) {
    Builder builder = new Builder();
    builder.target = target;
    builder.peer = peer;
    return builder;
  }

  public TurnTarget target() {
    return target;
  }

  public TurnPeer peer() {
    return peer;
  }

  public TurnDiagnosis diagnosis() {
    return diagnosis;
  }

  public boolean isOk() {
    return diagnosis == TurnDiagnosis.OK;
  }

  /** Whether the server granted an allocation (the probe released it again). */
  public boolean allocated() {
    return relayedAddress != null;
  }

  /** XOR-RELAYED-ADDRESS: where peers send to reach the client. */
  public Optional<InetSocketAddress> relayedAddress() {
    return Optional.ofNullable(relayedAddress);
  }

  /** XOR-MAPPED-ADDRESS: the client's address as the server saw it. */
  public Optional<InetSocketAddress> mappedAddress() {
    return Optional.ofNullable(mappedAddress);
  }

  /**
   * Whether the relayed address is private, loopback, link-local, CGNAT or unique-local, which
   * clients on other networks cannot reach: {@code external-ip} is missing.
   */
  public boolean relayedAddressPrivate() {
    return relayedAddress != null && PrivateAddresses.isPrivate(relayedAddress.getAddress());
  }

  /** The realm from the server's 401 challenge. */
  public Optional<String> realm() {
    return Optional.ofNullable(realm);
  }

  /** The STUN error code that decided the diagnosis, e.g. 401, 403, 486. */
  public OptionalInt errorCode() {
    return errorCode == 0 ? OptionalInt.empty() : OptionalInt.of(errorCode);
  }

  /** The server's reason phrase for {@link #errorCode()}, e.g. "Forbidden IP". */
  public Optional<String> errorReason() {
    return Optional.ofNullable(errorReason);
  }

  /** Time from sending through the relay to receiving the echo (echo peers only). */
  public Optional<Duration> relayRoundTrip() {
    return Optional.ofNullable(relayRoundTrip);
  }

  public List<String> warnings() {
    return warnings;
  }

  /** When the probed credentials expire, from the {@code <expiry>:<user>} username; empty when it has none. */
  public Optional<Instant> credentialsExpireAt() {
    return Optional.ofNullable(credentialsExpireAt);
  }

  /** One line on what happened, e.g. "allocated relay 203.0.113.7:49160; echo via 192.0.2.1:3480 in 2 ms". */
  public String summary() {
    StringBuilder line = new StringBuilder();
    if (diagnosis == TurnDiagnosis.OK || relayedAddress != null) {
      line.append("allocated relay ").append(format(relayedAddress));
    }
    if (diagnosis == TurnDiagnosis.OK) {
      InetSocketAddress peerAddress = peer.address().orElse(null);
      if (peer.mode() == TurnPeer.Mode.ECHO) {
        line.append("; echo via ").append(format(peerAddress)).append(" in ")
            .append(relayRoundTrip.toMillis()).append(" ms");
      } else if (peer.mode() == TurnPeer.Mode.PERMISSION_ONLY) {
        line.append("; permission for ").append(peerAddress.getAddress().getHostAddress()).append(" granted");
      }
      return line.toString();
    }
    if (line.length() > 0) {
      line.append("; ");
    }
    line.append(diagnosis.title());
    if (errorCode != 0) {
      line.append(" (").append(errorCode);
      if (errorReason != null && !errorReason.isEmpty()) {
        line.append(' ').append(errorReason);
      }
      line.append(')');
    }
    if (detail != null) {
      line.append(": ").append(detail);
    }
    return line.toString();
  }

  /** What to change; empty when OK. */
  public String fix() {
    return diagnosis.fix();
  }

  private static String format(InetSocketAddress address) {
    return HostPort.of(address);
  }

  @Override
  public String toString() {
    return target + " " + diagnosis + ": " + summary();
  }

  static final class Builder {
    private TurnTarget target;
    private TurnPeer peer;
    private TurnDiagnosis diagnosis;
    private String detail;
    private InetSocketAddress relayedAddress;
    private InetSocketAddress mappedAddress;
    private String realm;
    private int errorCode;
    private String errorReason;
    private Duration relayRoundTrip;
    private final List<String> warnings = new ArrayList<>();
    private Instant credentialsExpireAt;

    Builder credentialsExpireAt(Instant expiresAt) {
      this.credentialsExpireAt = expiresAt;
      return this;
    }

    Builder diagnosis(TurnDiagnosis diagnosis) {
      this.diagnosis = diagnosis;
      return this;
    }

    Builder detail(String detail) {
      this.detail = detail;
      return this;
    }

    Builder relayedAddress(InetSocketAddress relayedAddress) {
      this.relayedAddress = relayedAddress;
      return this;
    }

    Builder mappedAddress(InetSocketAddress mappedAddress) {
      this.mappedAddress = mappedAddress;
      return this;
    }

    Builder realm(String realm) {
      this.realm = realm;
      return this;
    }

    Builder error(int code, String reason) {
      this.errorCode = code;
      this.errorReason = reason;
      return this;
    }

    Builder relayRoundTrip(Duration relayRoundTrip) {
      this.relayRoundTrip = relayRoundTrip;
      return this;
    }

    Builder warning(String warning) {
      warnings.add(warning);
      return this;
    }

    TurnProbeResult build() {
      return new TurnProbeResult(this);
    }
  }
}
