package org.commandcenter.cli.doctor;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
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

  /** Credentials that expired before the probe is a finding by themselves; the probe confirms what coturn says. */
  static String expiryNote(String username, Clock clock) {
    int colon = username.indexOf(':');
    if (colon <= 0) {
      return "";
    }
    try {
      long expiry = Long.parseLong(username.substring(0, colon));
      Instant expiresAt = Instant.ofEpochSecond(expiry);
      return clock.instant().isAfter(expiresAt) ? " (these credentials expired at " + expiresAt + ")" : "";
    } catch (NumberFormatException e) {
      return "";
    }
  }

  private CheckResult check(TurnTarget target, String username, String password, TurnPeer peer) {
    String transport = target.transport().name().toLowerCase(Locale.ROOT);
    String id = "turn:" + transport;
    String title = "TURN over " + target.transport().name() + " (" + target + ")";
    TurnProbeResult result = probe.probe(target, username, password, peer);
    if (!result.isOk()) {
      String detail = result.summary();
      if (target.transport() == TurnTransport.TLS && result.diagnosis().name().equals("TLS_FAILED")) {
        detail += "; TLS to coturn uses --turn-ca-file (default: --ca-file)";
      }
      return CheckResult.fail(id, title, detail + expiryNote(username, clock), result.fix());
    }
    if (!result.warnings().isEmpty()) {
      return CheckResult.warn(id, title, result.summary() + "; " + String.join("; ", result.warnings()),
          "set external-ip=<public-ip>/<private-ip> in turnserver.conf so clients get a reachable relay address");
    }
    return CheckResult.pass(id, title, result.summary());
  }
}
