package org.commandcenter.cli.turn;

/** The verdict of one {@link TurnProbe}: what worked, or the first thing that did not and how to fix it. */
public enum TurnDiagnosis {
  OK("TURN works", ""),
  UNREACHABLE(
      "nothing answers on this port",
      "The connection was refused: start coturn, check listening-port / tls-listening-port in"
          + " turnserver.conf and that the port is published (Docker) and forwarded (NAT)."),
  TIMED_OUT(
      "no answer (port blocked?)",
      "Nothing came back: a firewall probably drops the port. Open 3478/udp, 3478/tcp, 5349/tcp and"
          + " the relay range 49152-49252/udp to coturn."),
  BLOCKED_LOCALLY(
      "blocked by this machine's firewall",
      "This machine refused to send the packets (Operation not permitted): its own firewall (nftables,"
          + " iptables, an endpoint security agent) blocks the port. Allow outgoing 3478/udp, 3478/tcp, 5349/tcp"
          + " and 49152-49252/udp to coturn; where only 5349/tcp may leave, Calls still connects over turns:."),
  TLS_FAILED(
      "TLS handshake failed",
      "Give the CA bundle of the site (doctor: --turn-ca-file or --ca-file) and make sure coturn's certificate (cert= / pkey=) is issued"
          + " for the TURN host name and includes the intermediate certificates."),
  WRONG_SECRET(
      "credentials rejected (wrong secret)",
      "The server rejected credentials that are not expired: static-auth-secret in turnserver.conf"
          + " and TURNStaticAuthSecret in the Calls settings must be the same value. (Or coturn's clock"
          + " is ahead by more than the credential lifetime: check NTP.)"),
  CREDENTIALS_EXPIRED(
      "credentials expired",
      "The credential's expiry time has passed: check TURNCredentialsExpirationMinutes (default 240)"
          + " and that the Mattermost and coturn hosts keep time with NTP."),
  QUOTA_REACHED(
      "allocation quota reached",
      "coturn answered 486: raise user-quota / total-quota in turnserver.conf, or wait until idle"
          + " allocations expire."),
  INSUFFICIENT_CAPACITY(
      "no relay port free",
      "coturn answered 508: widen min-port / max-port in turnserver.conf (and publish the new range)."),
  ALLOCATION_REFUSED(
      "allocation refused",
      "coturn refused the allocation; its reason is shown above and its log has the details."),
  PEER_FORBIDDEN(
      "peer forbidden",
      "coturn refused a permission for this peer (403): it lies in a denied-peer-ip range. For the"
          + " Calls media host (ICEHostOverride) add allowed-peer-ip=<its address> to turnserver.conf."),
  PERMISSION_REFUSED(
      "permission refused",
      "coturn refused the CreatePermission request for a reason other than its deny list (the code and"
          + " reason are shown; 443 means the peer's address family differs from the relay's); its log has"
          + " the details."),
  RELAY_FAILED(
      "relay does not carry data",
      "The permission was granted but nothing came back from the peer: the relay range"
          + " (min-port..max-port) is blocked between coturn and the peer, or the peer is down."),
  PROTOCOL_ERROR(
      "not a TURN answer",
      "The answer was not valid TURN: check that host:port is coturn and that the transport"
          + " matches (TLS port 5349 needs turns:, 3478 needs turn:).");

  private final String title;
  private final String fix;

  TurnDiagnosis(String title, String fix) {
    this.title = title;
    this.fix = fix;
  }

  /** A few words, e.g. "credentials expired". */
  public String title() {
    return title;
  }

  /** What to change; empty for {@link #OK}. */
  public String fix() {
    return fix;
  }
}
