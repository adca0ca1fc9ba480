package org.commandcenter.cli.doctor;

import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;
import org.commandcenter.cli.turn.HostPort;
import org.commandcenter.cli.turn.TurnDiagnosis;
import org.commandcenter.cli.turn.TurnPeer;
import org.commandcenter.cli.turn.TurnProbe;
import org.commandcenter.cli.turn.TurnProbeResult;
import org.commandcenter.cli.turn.TurnTarget;
import org.commandcenter.cli.turn.TurnTransport;
import org.commandcenter.mattermost.IceServer;

/**
 * One allocation check per TURN transport, with the probe's diagnosis turned into ✔/⚠/✘ and a fix: with credentials
 * derived from the secret (after a check of the secret's strength), or with each TURN URL and the credentials the
 * Calls plugin hands its clients.
 */
final class TurnChecks {
  private static final String SECRET_ID = "turn:secret";
  private static final String SECRET_TITLE = "TURN static secret strong";

  private final TurnProbe probe;
  private final DoctorReport report;
  private final Clock clock;

  TurnChecks(TurnProbe probe, DoctorReport report, Clock clock) {
    this.probe = probe;
    this.report = report;
    this.clock = clock;
  }

  /**
   * Checks the static secret doctor derives credentials from ({@code source} says where it came from): a weak one
   * lets anyone mint TURN credentials for this relay. Returns false when there is nothing to derive credentials from
   * (the secret is empty). Never prints the secret.
   */
  boolean secret(String secret, String source) {
    Optional<String> weakness = SecretStrength.weakness(secret);
    if (weakness.isEmpty()) {
      report.add(CheckResult.pass(SECRET_ID, SECRET_TITLE,
          "from " + source + ": at least " + SecretStrength.MIN_LENGTH + " characters, not a placeholder"));
      return true;
    }
    report.add(CheckResult.fail(SECRET_ID, SECRET_TITLE,
        "the secret from " + source + " " + weakness.get()
            + (secret.isEmpty() ? "" : ": whoever guesses it can mint TURN credentials for this relay"),
        "generate one with `openssl rand -hex 32`, make it coturn's static-auth-secret and Calls' TURNStaticAuthSecret "
            + "(the stack: TURN_STATIC_AUTH_SECRET in deploy/.env), then restart coturn and Mattermost with the same "
            + "value (docker-compose up -d)"));
    return !secret.isEmpty();
  }

  void run(List<TurnTarget> targets, String username, String password, TurnPeer peer) {
    for (TurnTarget target : targets) {
      report.add(check(id(target), title(target), target, username, password, peer));
    }
  }

  /** Reports each transport's check as skipped, for {@code reason}. */
  void skip(List<TurnTarget> targets, String reason) {
    for (TurnTarget target : targets) {
      report.add(CheckResult.skip(id(target), title(target), reason));
    }
  }

  private static String id(TurnTarget target) {
    return "turn:" + target.transport().name().toLowerCase(Locale.ROOT);
  }

  private static String title(TurnTarget target) {
    return "TURN over " + target.transport().name() + " (" + target + ")";
  }

  /**
   * Probes every TURN URL of the ICE servers a Calls client joins with, using that entry's credentials: what a
   * browser behind the site's NAT will do, not what doctor would derive from the secret. {@code tls} adds the trust
   * (and the server name, when not null) for {@code turns:} URLs.
   */
  void runCallsIssued(List<IceServer> servers, UnaryOperator<TurnTarget.Builder> tls, TurnPeer peer) {
    int probed = 0;
    for (IceServer server : servers) {
      for (String url : server.turnUrls()) {
        String id = "calls:turn-credentials:" + url;
        String title = "Calls' TURN credentials on " + url;
        if (server.username().isEmpty() || server.credential().isEmpty()) {
          report.add(CheckResult.fail(id, title, "Calls hands out this TURN URL without credentials",
              "leave username/credential out of the ICEServersConfigs entry and set TURNStaticAuthSecret, so Calls "
                  + "generates credentials for each user"));
          continue;
        }
        TurnTarget target;
        try {
          target = TurnTarget.parse(url);
          if (target.transport() == TurnTransport.TLS) {
            target = tls.apply(target.newBuilder()).build();
          }
        } catch (IllegalArgumentException e) {
          report.add(CheckResult.fail(id, title, "not a TURN URL clients can use: " + e.getMessage(),
              "write it as turn:HOST:3478?transport=udp, turn:HOST:3478?transport=tcp or turns:HOST:5349?transport=tcp"));
          continue;
        }
        probed++;
        report.add(check(id, title, target, server.username(), server.credential(), peer));
      }
    }
    if (probed == 0 && servers.stream().allMatch(server -> server.turnUrls().isEmpty())) {
      report.add(CheckResult.skip("calls:turn-credentials", "Calls' TURN credentials allocate",
          "Calls hands its clients no TURN server"));
    }
  }

  private CheckResult check(String id, String title, TurnTarget target, String username, String password,
      TurnPeer peer) {
    TurnProbeResult result = probe.probe(target, username, password, peer);
    return verdict(id, title, result).withFacts(facts(result));
  }

  private CheckResult verdict(String id, String title, TurnProbeResult result) {
    if (!result.isOk()) {
      String detail = result.summary();
      if (result.target().transport() == TurnTransport.TLS && result.diagnosis() == TurnDiagnosis.TLS_FAILED) {
        detail += "; TLS to coturn uses --turn-ca-file (default: --ca-file)";
      }
      return CheckResult.fail(id, title, detail + expiryNote(result), result.fix());
    }
    if (!result.warnings().isEmpty()) {
      // Each warning says what to change; the fix line repeats the one for a private relay address.
      String fix = result.relayedAddressPrivate()
          ? "set external-ip=<public-ip>/<private-ip> in turnserver.conf so clients get a reachable relay address"
          : "see the warning";
      return CheckResult.warn(id, title, result.summary() + "; " + String.join("; ", result.warnings()), fix);
    }
    return CheckResult.pass(id, title, result.summary());
  }

  /** Credentials that expired before the probe are a finding by themselves, whatever else went wrong. */
  private String expiryNote(TurnProbeResult result) {
    if (result.diagnosis() == TurnDiagnosis.CREDENTIALS_EXPIRED) {
      return "";
    }
    Instant expiresAt = result.credentialsExpireAt().orElse(null);
    return expiresAt != null && clock.instant().isAfter(expiresAt)
        ? " (these credentials expired at " + expiresAt + ")" : "";
  }

  /** What {@code --json} carries besides the text: the probe's findings, never the credentials. */
  private static Map<String, Object> facts(TurnProbeResult result) {
    Map<String, Object> facts = new LinkedHashMap<>();
    facts.put("target", result.target().toString());
    facts.put("transport", result.target().transport().name());
    facts.put("diagnosis", result.diagnosis().name());
    result.errorCode().ifPresent(code -> facts.put("errorCode", code));
    result.errorReason().ifPresent(reason -> facts.put("errorReason", reason));
    result.realm().ifPresent(realm -> facts.put("realm", realm));
    result.relayedAddress().ifPresent(address -> facts.put("relayedAddress", HostPort.of(address)));
    facts.put("relayedAddressPrivate", result.relayedAddressPrivate());
    result.mappedAddress().ifPresent(address -> facts.put("mappedAddress", HostPort.of(address)));
    result.relayRoundTrip().ifPresent(roundTrip -> facts.put("relayRoundTripMillis", roundTrip.toMillis()));
    result.credentialsExpireAt().ifPresent(expiry -> facts.put("credentialsExpireAt", expiry.toString()));
    facts.put("warnings", result.warnings());
    return facts;
  }
}
