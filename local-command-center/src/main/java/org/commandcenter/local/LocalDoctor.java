package org.commandcenter.local;

import java.io.IOException;
import java.io.InputStream;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.commandcenter.cli.CommandCenter;
import org.commandcenter.cli.console.Environment;
import org.commandcenter.realservers.CoturnServer;

/**
 * Runs the CLI's {@code command-center doctor} in-process against the local Mattermost and coturn, exactly as an
 * admin would run it on a site: token and TURN secret from the environment, the TURN certificate as the CA.
 */
final class LocalDoctor {
  private LocalDoctor() {
  }

  /** The command line, without secrets (they go through the environment). */
  static List<String> arguments(String siteUrl, CoturnServer coturn, boolean ascii) {
    return arguments(siteUrl, LocalMattermost.TEAM, coturn, ascii);
  }

  static List<String> arguments(String siteUrl, String team, CoturnServer coturn, boolean ascii) {
    List<String> args = new ArrayList<>(List.of("doctor",
        "--url", siteUrl,
        "--team", team,
        "--channel", LocalMattermost.BUILDS,
        "--channel", LocalMattermost.ALERTS,
        "--war-room-channel", LocalMattermost.WAR_ROOM));
    if (coturn != null) {
      args.addAll(List.of(
          "--turn-host", coturn.host(),
          "--turn-udp-port", Integer.toString(coturn.plainPort()),
          "--turn-tcp-port", Integer.toString(coturn.plainPort()),
          "--turn-tls-port", Integer.toString(coturn.tlsPort()),
          "--turn-ca-file", coturn.caFile().toString(),
          "--turn-peer", coturn.host() + ":" + coturn.peer().getPort()));
    }
    if (ascii) {
      args.add("--ascii");
    }
    return args;
  }

  /** Runs doctor; returns its exit code and its report (standard output, then standard error). */
  static Result run(String siteUrl, String token, CoturnServer coturn, boolean ascii) {
    return run(siteUrl, LocalMattermost.TEAM, token, coturn, ascii);
  }

  static Result run(String siteUrl, String team, String token, CoturnServer coturn, boolean ascii) {
    Map<String, String> variables = coturn == null
        ? Map.of("MATTERMOST_TOKEN", token)
        : Map.of("MATTERMOST_TOKEN", token, "TURN_STATIC_AUTH_SECRET", readSecret(coturn));
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int exit = CommandCenter.execute(arguments(siteUrl, team, coturn, ascii).toArray(new String[0]),
        Environment.of(variables, InputStream.nullInputStream()), out, err);
    return new Result(exit, out.toString() + err);
  }

  private static String readSecret(CoturnServer coturn) {
    try {
      return coturn.secret();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static final class Result {
    final int exitCode;
    final String report;

    Result(int exitCode, String report) {
      this.exitCode = exitCode;
      this.report = report;
    }
  }
}
