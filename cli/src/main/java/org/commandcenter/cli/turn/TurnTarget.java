package org.commandcenter.cli.turn;

import static java.util.Objects.requireNonNull;

import java.util.Locale;
import java.util.Objects;
import org.commandcenter.mattermost.tls.CaTrust;

/** Where and how to reach one TURN server: host, port, transport and, for TLS, whom to trust. */
public final class TurnTarget {
  private final String host;
  private final int port;
  private final TurnTransport transport;
  private final CaTrust trust;
  private final String serverName;

  private TurnTarget(Builder builder) {
    this.host = builder.host;
    this.port = builder.port;
    this.transport = builder.transport;
    this.trust = builder.trust;
    this.serverName = builder.serverName;
  }

  public static TurnTarget of(String host, int port, TurnTransport transport) {
    return builder().host(host).port(port).transport(transport).build();
  }

  public static Builder builder() {
    return new Builder();
  }

  /**
   * Parses a TURN URI as written in Calls' {@code ICEServersConfigs} (RFC 7065):
   * {@code turn:host[:port][?transport=udp|tcp]} or {@code turns:host[:port][?transport=tcp]}. The
   * port defaults to 3478, or 5349 for {@code turns}.
   */
  public static TurnTarget parse(String uri) {
    requireNonNull(uri, "uri == null");
    String rest;
    boolean secure;
    String lower = uri.trim().toLowerCase(Locale.ROOT);
    if (lower.startsWith("turns:")) {
      secure = true;
      rest = uri.trim().substring("turns:".length());
    } else if (lower.startsWith("turn:")) {
      secure = false;
      rest = uri.trim().substring("turn:".length());
    } else {
      throw new IllegalArgumentException("uri: must start with turn: or turns: but was '" + uri + "'");
    }
    String transportName = null;
    int query = rest.indexOf('?');
    if (query >= 0) {
      String parameters = rest.substring(query + 1);
      rest = rest.substring(0, query);
      for (String parameter : parameters.split("&")) {
        if (parameter.toLowerCase(Locale.ROOT).startsWith("transport=")) {
          transportName = parameter.substring("transport=".length()).toLowerCase(Locale.ROOT);
        }
      }
    }
    TurnTransport transport;
    if (secure) {
      if (transportName != null && !transportName.equals("tcp")) {
        throw new IllegalArgumentException("uri: turns: supports only transport=tcp (TLS), not " + transportName);
      }
      transport = TurnTransport.TLS;
    } else if (transportName == null || transportName.equals("udp")) {
      transport = TurnTransport.UDP;
    } else if (transportName.equals("tcp")) {
      transport = TurnTransport.TCP;
    } else {
      throw new IllegalArgumentException("uri: unknown transport '" + transportName + "'");
    }
    String host;
    String port = null;
    if (rest.startsWith("[")) {
      int close = rest.indexOf(']');
      if (close < 0) {
        throw new IllegalArgumentException("uri: unclosed [ in '" + uri + "'");
      }
      host = rest.substring(1, close);
      if (rest.length() > close + 1) {
        if (rest.charAt(close + 1) != ':') {
          throw new IllegalArgumentException("uri: unexpected text after ] in '" + uri + "'");
        }
        port = rest.substring(close + 2);
      }
    } else {
      int colon = rest.lastIndexOf(':');
      host = colon < 0 ? rest : rest.substring(0, colon);
      port = colon < 0 ? null : rest.substring(colon + 1);
    }
    int portNumber = transport.defaultPort();
    if (port != null) {
      try {
        portNumber = Integer.parseInt(port);
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("uri: port '" + port + "' is not a number");
      }
    }
    return builder().host(host).port(portNumber).transport(transport).build();
  }

  public String host() {
    return host;
  }

  public int port() {
    return port;
  }

  public TurnTransport transport() {
    return transport;
  }

  /** The CAs trusted for TLS, or null for the JVM's trust store. */
  public CaTrust trust() {
    return trust;
  }

  /** The name the TLS certificate must carry (and SNI); defaults to {@link #host()}. */
  public String serverName() {
    return serverName != null ? serverName : host;
  }

  public Builder newBuilder() {
    return new Builder(this);
  }

  @Override
  public boolean equals(Object other) {
    if (!(other instanceof TurnTarget)) {
      return false;
    }
    TurnTarget that = (TurnTarget) other;
    return host.equals(that.host)
        && port == that.port
        && transport == that.transport
        && Objects.equals(trust, that.trust)
        && Objects.equals(serverName, that.serverName);
  }

  @Override
  public int hashCode() {
    return Objects.hash(host, port, transport, trust, serverName);
  }

  /** The RFC 7065 form, e.g. {@code turns:turn.example.com:5349?transport=tcp}. */
  @Override
  public String toString() {
    String transportPart = transport == TurnTransport.UDP ? "udp" : "tcp";
    return transport.uriScheme() + ":" + HostPort.of(host, port) + "?transport=" + transportPart;
  }

  public static final class Builder {
    private String host;
    private int port = -1;
    private TurnTransport transport = TurnTransport.UDP;
    private CaTrust trust;
    private String serverName;

    private Builder() {}

    private Builder(TurnTarget target) {
      this.host = target.host;
      this.port = target.port;
      this.transport = target.transport;
      this.trust = target.trust;
      this.serverName = target.serverName;
    }

    /** Host name or IP literal (IPv6 without brackets). Required. */
    public Builder host(String host) {
      this.host = host;
      return this;
    }

    /** Defaults to {@link TurnTransport#defaultPort()}. */
    public Builder port(int port) {
      this.port = port;
      return this;
    }

    public Builder transport(TurnTransport transport) {
      this.transport = requireNonNull(transport, "transport == null");
      return this;
    }

    /** CAs to trust for TLS; null (the default) means the JVM's trust store. */
    public Builder trust(CaTrust trust) {
      this.trust = trust;
      return this;
    }

    /** Name to verify in the server certificate and to send as SNI; null means the host. */
    public Builder serverName(String serverName) {
      this.serverName = serverName;
      return this;
    }

    public TurnTarget build() {
      if (host == null || host.isBlank()) {
        throw new IllegalArgumentException("host: must not be empty");
      }
      if (host.chars().anyMatch(c -> Character.isWhitespace(c) || c == '/' || c == '?' || c == '@')) {
        throw new IllegalArgumentException("host: not a host name or IP address: '" + host + "'");
      }
      if (port == -1) {
        port = transport.defaultPort();
      }
      if (port < 1 || port > 65_535) {
        throw new IllegalArgumentException("port: must be 1..65535 but was " + port);
      }
      if (serverName != null && serverName.isBlank()) {
        throw new IllegalArgumentException("serverName: must not be blank");
      }
      return new TurnTarget(this);
    }
  }
}
