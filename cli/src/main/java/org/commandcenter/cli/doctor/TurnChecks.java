package org.commandcenter.cli.doctor;

import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.commandcenter.cli.turn.HostPort;
import org.commandcenter.cli.turn.TurnDiagnosis;
import org.commandcenter.cli.turn.TurnPeer;
import org.commandcenter.cli.turn.TurnProbe;
import org.commandcenter.cli.turn.TurnProbeResult;
import org.commandcenter.cli.turn.TurnTarget;
import org.commandcenter.cli.turn.TurnTransport;

/** One allocation check per TURN transport, with the probe's diagnosis turned into ✔/⚠/✘ and a fix. */
final class TurnChecks {
  private final TurnProbe probe;
  private final DoctorReport report;
  private final Clock clock;

  TurnChecks(TurnProbe probe, DoctorReport report, Clock clock) {
    this.probe = probe;
    this.report = report;
    this.clock = clock;
  }

  void run(List<TurnTarget> targets, String username, String password, TurnPeer peer) {
    for (TurnTarget target : targets) {
      report.add(check(target, username, password, peer));
    }
  }

  private CheckResult check(TurnTarget target, String username, String password, TurnPeer peer) {
    String id = "turn:" + target.transport().name().toLowerCase(Locale.ROOT);
    String title = "TURN over " + target.transport().name() + " (" + target + ")";
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
