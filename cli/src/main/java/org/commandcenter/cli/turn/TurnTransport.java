package org.commandcenter.cli.turn;

/** How the client reaches the TURN server. The relay itself is always UDP, as Calls needs. */
public enum TurnTransport {
  UDP(3478, "turn"),
  TCP(3478, "turn"),
  TLS(5349, "turns");

  private final int defaultPort;
  private final String uriScheme;

  TurnTransport(int defaultPort, String uriScheme) {
    this.defaultPort = defaultPort;
    this.uriScheme = uriScheme;
  }

  /** 3478 for UDP and TCP, 5349 for TLS. */
  public int defaultPort() {
    return defaultPort;
  }

  /** {@code turn} or {@code turns} (RFC 7065). */
  public String uriScheme() {
    return uriScheme;
  }
}
