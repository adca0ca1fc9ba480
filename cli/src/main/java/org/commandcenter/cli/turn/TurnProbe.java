package org.commandcenter.cli.turn;

import static java.util.Objects.requireNonNull;

import java.io.EOFException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NoRouteToHostException;
import java.net.PortUnreachableException;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import org.commandcenter.cli.turn.StreamStunChannel.StunStreamException;
import org.commandcenter.cli.turn.StunMessage.StunFormatException;
import org.commandcenter.mattermost.tls.CaTrust;
import org.commandcenter.mattermost.warroom.TurnCredentials;

/**
 * Checks a TURN server the way a Calls client uses it: an authenticated UDP-relay Allocate over
 * UDP, TCP or TLS with TURN REST API credentials, then optionally a permission for a peer and a
 * datagram relayed to it and back. Every failure becomes a {@link TurnDiagnosis}; network trouble
 * is never thrown. Thread-safe: each probe uses its own socket.
 */
public final class TurnProbe {
  private static final Duration FIRST_RETRANSMIT = Duration.ofMillis(250);
  private static final Duration RELEASE_WAIT = Duration.ofMillis(500);
  private static final int ECHO_PAYLOAD_BYTES = 32;
  private static final SecureRandom RANDOM = new SecureRandom();

  private final Duration timeout;
  private final Clock clock;

  private TurnProbe(Builder builder) {
    this.timeout = builder.timeout;
    this.clock = builder.clock;
  }

  public static TurnProbe create() {
    return builder().build();
  }

  public static Builder builder() {
    return new Builder();
  }

  public Duration timeout() {
    return timeout;
  }

  public Clock clock() {
    return clock;
  }

  /**
   * Probes {@code target} with credentials derived from the static secret exactly as Calls derives
   * them, then does what {@code peer} asks.
   */
  public TurnProbeResult probe(TurnTarget target, TurnCredentials credentials, TurnPeer peer) {
    requireNonNull(credentials, "credentials == null");
    return probe(target, credentials.username(), credentials.password(), credentials.expiresAt(), peer);
  }

  /**
   * Probes {@code target} with TURN REST API credentials ({@code "<expiry>:<user>"} and its
   * HMAC), then does what {@code peer} asks.
   */
  public TurnProbeResult probe(TurnTarget target, String username, String password, TurnPeer peer) {
    requireNonNull(username, "username == null");
    Long expiry = expiryOf(username);
    return probe(target, username, password, expiry == null ? null : Instant.ofEpochSecond(expiry), peer);
  }

  private TurnProbeResult probe(
      TurnTarget target, String username, String password, Instant expiresAt, TurnPeer peer) {
    requireNonNull(target, "target == null");
    requireNonNull(username, "username == null");
    requireNonNull(password, "password == null");
    requireNonNull(peer, "peer == null");
    TurnProbeResult.Builder result = TurnProbeResult.builder(target, peer).credentialsExpireAt(expiresAt);
    InetSocketAddress server;
    try {
      server = new InetSocketAddress(InetAddress.getByName(target.host()), target.port());
    } catch (UnknownHostException e) {
      return result.diagnosis(TurnDiagnosis.UNREACHABLE).detail("unknown host " + target.host()).build();
    }
    StunChannel channel;
    try {
      channel = open(target, server);
    } catch (SSLException e) {
      return result.diagnosis(TurnDiagnosis.TLS_FAILED).detail(describeTlsFailure(e, target)).build();
    } catch (IOException e) {
      return failure(result, e, target);
    }
    try (channel) {
      new Session(channel, username, password, expiresAt, result).run(peer);
      return result.build();
    } catch (SSLException e) {
      return result.diagnosis(TurnDiagnosis.TLS_FAILED).detail(describeTlsFailure(e, target)).build();
    } catch (StunFormatException e) {
      return result.diagnosis(TurnDiagnosis.PROTOCOL_ERROR).detail(e.getMessage()).build();
    } catch (IOException e) {
      return failure(result, e, target);
    }
  }

  private TurnProbeResult failure(TurnProbeResult.Builder result, IOException e, TurnTarget target) {
    if (e instanceof SocketTimeoutException) {
      return result.diagnosis(TurnDiagnosis.TIMED_OUT)
          .detail("no answer from " + hostPort(target) + " over " + target.transport() + " within "
              + timeout.toMillis() + " ms")
          .build();
    }
    if (isRefusedByThisMachine(e)) {
      return result.diagnosis(TurnDiagnosis.BLOCKED_LOCALLY)
          .detail("this machine may not send to " + hostPort(target) + " over " + target.transport()
              + " (Operation not permitted)")
          .build();
    }
    if (e instanceof PortUnreachableException || e instanceof ConnectException) {
      return result.diagnosis(TurnDiagnosis.UNREACHABLE)
          .detail(hostPort(target) + " refused the " + target.transport() + " connection")
          .build();
    }
    if (e instanceof NoRouteToHostException) {
      return result.diagnosis(TurnDiagnosis.UNREACHABLE)
          .detail("no route to " + target.host() + " (a firewall may reject it)")
          .build();
    }
    if (e instanceof StunStreamException) {
      return result.diagnosis(TurnDiagnosis.PROTOCOL_ERROR).detail(e.getMessage()).build();
    }
    if (e instanceof EOFException) {
      return result.diagnosis(TurnDiagnosis.PROTOCOL_ERROR)
          .detail("the server closed the connection without answering")
          .build();
    }
    return result.diagnosis(TurnDiagnosis.UNREACHABLE)
        .detail(e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage()))
        .build();
  }

  /** EPERM from send or connect: a netfilter rule on this machine dropped the packet before it left. */
  private static boolean isRefusedByThisMachine(IOException e) {
    for (Throwable cause = e; cause != null; cause = cause.getCause()) {
      if (cause.getMessage() != null && cause.getMessage().contains("Operation not permitted")) {
        return true;
      }
    }
    return false;
  }

  private static String hostPort(TurnTarget target) {
    return HostPort.of(target.host(), target.port());
  }

  private StunChannel open(TurnTarget target, InetSocketAddress server) throws IOException {
    if (target.transport() == TurnTransport.UDP) {
      return new UdpStunChannel(server);
    }
    Socket socket = new Socket();
    try {
      socket.setTcpNoDelay(true);
      socket.connect(server, timeoutMillis(timeout));
      if (target.transport() == TurnTransport.TCP) {
        return new StreamStunChannel(socket);
      }
      SSLSocket tls = (SSLSocket) (target.trust() != null ? target.trust() : CaTrust.jvmDefault()).socketFactory()
          .createSocket(socket, target.serverName(), target.port(), true);
      SSLParameters parameters = tls.getSSLParameters();
      parameters.setEndpointIdentificationAlgorithm("HTTPS");
      parameters.setProtocols(new String[] {"TLSv1.3", "TLSv1.2"});
      if (!isIpLiteral(target.serverName())) {
        parameters.setServerNames(List.of(new SNIHostName(target.serverName())));
      }
      tls.setSSLParameters(parameters);
      tls.setSoTimeout(timeoutMillis(timeout));
      tls.startHandshake();
      return new StreamStunChannel(tls);
    } catch (IOException | RuntimeException e) {
      socket.close();
      throw e;
    }
  }

  private static boolean isIpLiteral(String host) {
    return host.contains(":") || host.matches("[0-9.]+");
  }

  private static String describeTlsFailure(SSLException e, TurnTarget target) {
    StringBuilder messages = new StringBuilder();
    for (Throwable cause = e; cause != null; cause = cause.getCause()) {
      if (cause.getMessage() != null) {
        messages.append(cause.getMessage()).append(' ');
      }
    }
    String all = messages.toString();
    if (all.contains("PKIX path") || all.contains("unable to find valid certification path")) {
      return "the server certificate is not signed by a trusted CA (pass the site's CA bundle)";
    }
    if (all.contains("No subject alternative") || all.contains("No name matching")) {
      return "the server certificate is not issued for " + target.serverName();
    }
    if (all.contains("expired") || all.contains("NotAfter")) {
      return "the server certificate has expired";
    }
    if (all.contains("protocol_version") || all.contains("No appropriate protocol")) {
      return "no common TLS version (TLS 1.2 or newer required)";
    }
    if (all.contains("Unsupported or unrecognized SSL message") || all.contains("plaintext")) {
      return "the port does not speak TLS (is it the plain 3478 port? use turn: there)";
    }
    return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
  }

  private static int timeoutMillis(Duration duration) {
    return (int) Math.max(1, Math.min(Integer.MAX_VALUE, duration.toMillis()));
  }

  /** The exchanges of one probe on one channel. */
  private final class Session {
    private final StunChannel channel;
    private final String username;
    private final String password;
    private final Instant expiresAt;
    private final TurnProbeResult.Builder result;
    /** REALM and NONCE as the server sent them: they go back byte for byte. */
    private byte[] realm;
    private byte[] nonce;
    private byte[] key;

    Session(StunChannel channel, String username, String password, Instant expiresAt,
        TurnProbeResult.Builder result) {
      this.channel = channel;
      this.username = username;
      this.password = password;
      this.expiresAt = expiresAt;
      this.result = result;
    }

    void run(TurnPeer peer) throws IOException, StunFormatException {
      StunMessage challenge = exchange(StunMessage.request(StunMessage.ALLOCATE).requestedTransportUdp(), false);
      StunMessage allocated;
      if (challenge.kind() == StunMessage.Kind.SUCCESS) {
        result.warning("the server allocated a relay without asking for credentials: enable use-auth-secret");
        allocated = challenge;
      } else {
        StunMessage.StunError error = challenge.error();
        if (error == null || error.code() != 401) {
          allocationRefused(error);
          return;
        }
        realm = challenge.attribute(StunMessage.REALM);
        nonce = challenge.attribute(StunMessage.NONCE);
        if (realm == null || nonce == null) {
          result.diagnosis(TurnDiagnosis.PROTOCOL_ERROR).detail("401 without REALM and NONCE");
          return;
        }
        result.realm(challenge.stringAttribute(StunMessage.REALM));
        key = StunMessage.longTermKey(username, realm, password);
        allocated = authenticated(StunMessage.request(StunMessage.ALLOCATE).requestedTransportUdp());
        if (allocated.kind() != StunMessage.Kind.SUCCESS) {
          StunMessage.StunError rejection = allocated.error();
          if (rejection != null && rejection.code() == 401) {
            credentialsRejected(rejection);
          } else {
            allocationRefused(rejection);
          }
          return;
        }
      }
      InetSocketAddress relayed = allocated.addressAttribute(StunMessage.XOR_RELAYED_ADDRESS);
      if (relayed == null) {
        result.diagnosis(TurnDiagnosis.PROTOCOL_ERROR).detail("Allocate success without XOR-RELAYED-ADDRESS");
        return;
      }
      result.relayedAddress(relayed);
      result.mappedAddress(allocated.addressAttribute(StunMessage.XOR_MAPPED_ADDRESS));
      try {
        usePeer(peer);
      } finally {
        release();
      }
    }

    private void usePeer(TurnPeer peer) throws IOException, StunFormatException {
      if (peer.mode() == TurnPeer.Mode.NONE) {
        result.diagnosis(TurnDiagnosis.OK);
        return;
      }
      InetSocketAddress address = peer.address().orElseThrow();
      StunMessage permission = authenticated(StunMessage.request(StunMessage.CREATE_PERMISSION)
          .xorAddress(StunMessage.XOR_PEER_ADDRESS, address));
      if (permission.kind() != StunMessage.Kind.SUCCESS) {
        StunMessage.StunError error = permission.error();
        int code = error == null ? 0 : error.code();
        // 403 Forbidden is the deny list; anything else (400, 437, 441, 443, 508, no ERROR-CODE) is
        // the server refusing the request itself, not a relay that fails to carry data.
        result.diagnosis(code == 403 ? TurnDiagnosis.PEER_FORBIDDEN : TurnDiagnosis.PERMISSION_REFUSED)
            .error(code, error == null ? null : error.reason())
            .detail("CreatePermission for " + address.getAddress().getHostAddress() + " refused");
        return;
      }
      if (peer.mode() == TurnPeer.Mode.PERMISSION_ONLY) {
        result.diagnosis(TurnDiagnosis.OK);
        return;
      }
      echo(address);
    }

    private void echo(InetSocketAddress peer) throws IOException, StunFormatException {
      byte[] payload = new byte[ECHO_PAYLOAD_BYTES];
      RANDOM.nextBytes(payload);
      byte[] send = StunMessage.indication(StunMessage.SEND)
          .xorAddress(StunMessage.XOR_PEER_ADDRESS, peer)
          .attribute(StunMessage.DATA_ATTRIBUTE, payload)
          .build()
          .encode();
      long start = System.nanoTime();
      long deadline = start + timeout.toNanos();
      Duration retransmit = FIRST_RETRANSMIT;
      long nextSend = start;
      while (true) {
        long now = System.nanoTime();
        if (now >= nextSend) {
          channel.send(send);
          if (!channel.isUnreliable()) {
            nextSend = Long.MAX_VALUE;
          } else {
            nextSend = now + retransmit.toNanos();
            retransmit = retransmit.multipliedBy(2);
          }
        }
        long waitNanos = Math.min(deadline, nextSend) - now;
        if (now >= deadline) {
          result.diagnosis(TurnDiagnosis.RELAY_FAILED)
              .detail("no echo from " + peer.getAddress().getHostAddress() + ":" + peer.getPort() + " within "
                  + timeout.toMillis() + " ms");
          return;
        }
        byte[] received;
        try {
          received = channel.receive(Duration.ofNanos(Math.max(1_000_000, waitNanos)));
        } catch (SocketTimeoutException e) {
          continue;
        }
        if (!StunMessage.looksLikeStun(received, received.length)) {
          continue;
        }
        StunMessage message = StunMessage.decode(received, received.length);
        if (message.method() == StunMessage.DATA
            && message.kind() == StunMessage.Kind.INDICATION
            && peer.equals(message.addressAttribute(StunMessage.XOR_PEER_ADDRESS))
            && Arrays.equals(payload, message.attribute(StunMessage.DATA_ATTRIBUTE))) {
          result.diagnosis(TurnDiagnosis.OK).relayRoundTrip(Duration.ofNanos(System.nanoTime() - start));
          return;
        }
      }
    }

    /** Frees the allocation at once (Refresh with LIFETIME 0) instead of letting it linger. */
    private void release() {
      try {
        StunMessage.Builder refresh = StunMessage.request(StunMessage.REFRESH).intAttribute(StunMessage.LIFETIME, 0);
        if (key == null) {
          // The server allocated without authentication.
          channel.send(refresh.build().encode());
        } else {
          channel.send(signed(refresh).build().encode(key));
        }
        channel.receive(RELEASE_WAIT);
      } catch (IOException e) {
        // Best effort: the allocation expires by itself.
      }
    }

    private void credentialsRejected(StunMessage.StunError rejection) {
      Long expiry = expiresAt == null ? null : expiresAt.getEpochSecond();
      long now = clock.instant().getEpochSecond();
      if (expiry != null && expiry <= now) {
        result.diagnosis(TurnDiagnosis.CREDENTIALS_EXPIRED)
            .error(rejection.code(), rejection.reason())
            .detail("the credential expired " + (now - expiry) + " s ago");
      } else {
        result.diagnosis(TurnDiagnosis.WRONG_SECRET)
            .error(rejection.code(), rejection.reason())
            .detail(expiry == null
                ? "the username is not in the TURN REST API form <expiry>:<user>"
                : "the credential is valid for another " + (expiry - now) + " s by this machine's clock");
      }
    }

    private void allocationRefused(StunMessage.StunError error) {
      if (error == null) {
        result.diagnosis(TurnDiagnosis.PROTOCOL_ERROR).detail("Allocate error without ERROR-CODE");
        return;
      }
      TurnDiagnosis diagnosis;
      switch (error.code()) {
        case 486:
          diagnosis = TurnDiagnosis.QUOTA_REACHED;
          break;
        case 508:
          diagnosis = TurnDiagnosis.INSUFFICIENT_CAPACITY;
          break;
        default:
          diagnosis = TurnDiagnosis.ALLOCATION_REFUSED;
      }
      result.diagnosis(diagnosis).error(error.code(), error.reason());
    }

    /** Sends an authenticated request, refreshing the nonce once when the server calls it stale. */
    private StunMessage authenticated(StunMessage.Builder request) throws IOException, StunFormatException {
      if (key == null) {
        // The server never asked for credentials.
        return exchange(request, false);
      }
      StunMessage response = exchange(signed(request), true);
      StunMessage.StunError error = response.error();
      if (response.kind() == StunMessage.Kind.ERROR && error != null && error.code() == 438) {
        byte[] fresh = response.attribute(StunMessage.NONCE);
        if (fresh != null) {
          nonce = fresh;
          byte[] freshRealm = response.attribute(StunMessage.REALM);
          if (freshRealm != null && !Arrays.equals(freshRealm, realm)) {
            realm = freshRealm;
            key = StunMessage.longTermKey(username, realm, password);
          }
          response = exchange(signed(request.transactionId(StunMessage.newTransactionId())), true);
        }
      }
      if (response.kind() == StunMessage.Kind.SUCCESS && !response.integrityMatches(key)) {
        throw new StunFormatException("the success response is not signed with our credentials");
      }
      return response;
    }

    private StunMessage.Builder signed(StunMessage.Builder request) {
      // The builder keeps earlier auth attributes on a retry; rebuild them from scratch.
      return request.withoutAuthentication()
          .stringAttribute(StunMessage.USERNAME, username)
          .attribute(StunMessage.REALM, realm)
          .attribute(StunMessage.NONCE, nonce);
    }

    /** One request/response transaction, retransmitting over UDP (RFC 8489 section 6.2.1). */
    private StunMessage exchange(StunMessage.Builder builder, boolean withIntegrity)
        throws IOException, StunFormatException {
      StunMessage request = builder.build();
      byte[] wire = withIntegrity ? request.encode(key) : request.encode();
      long deadline = System.nanoTime() + timeout.toNanos();
      Duration retransmit = FIRST_RETRANSMIT;
      channel.send(wire);
      while (true) {
        long remaining = deadline - System.nanoTime();
        if (remaining <= 0) {
          throw new SocketTimeoutException("no answer");
        }
        long wait = channel.isUnreliable() ? Math.min(remaining, retransmit.toNanos()) : remaining;
        byte[] received;
        try {
          received = channel.receive(Duration.ofNanos(Math.max(1_000_000, wait)));
        } catch (SocketTimeoutException e) {
          if (channel.isUnreliable() && deadline - System.nanoTime() > 0) {
            channel.send(wire);
            retransmit = retransmit.multipliedBy(2);
            continue;
          }
          throw e;
        }
        if (!StunMessage.looksLikeStun(received, received.length)) {
          continue;
        }
        StunMessage response = StunMessage.decode(received, received.length);
        if (response.hasTransactionId(request.transactionId())
            && response.method() == request.method()
            && (response.kind() == StunMessage.Kind.SUCCESS || response.kind() == StunMessage.Kind.ERROR)) {
          return response;
        }
      }
    }
  }

  /** The expiry (unix seconds) in a TURN REST API username {@code "<expiry>:<user>"}, or null. */
  static Long expiryOf(String username) {
    int separator = username.indexOf(':');
    String prefix = separator < 0 ? username : username.substring(0, separator);
    try {
      return Long.parseLong(prefix);
    } catch (NumberFormatException e) {
      return null;
    }
  }

  public static final class Builder {
    private Duration timeout = Duration.ofSeconds(5);
    private Clock clock = Clock.systemUTC();

    private Builder() {}

    /** How long each exchange may take (UDP retransmits within it). Default 5 s. */
    public Builder timeout(Duration timeout) {
      requireNonNull(timeout, "timeout == null");
      if (timeout.isNegative() || timeout.isZero()) {
        throw new IllegalArgumentException("timeout: must be positive but was " + timeout);
      }
      this.timeout = timeout;
      return this;
    }

    /** The clock that tells expired credentials from a wrong secret. */
    public Builder clock(Clock clock) {
      this.clock = requireNonNull(clock, "clock == null");
      return this;
    }

    public TurnProbe build() {
      return new TurnProbe(this);
    }
  }
}
