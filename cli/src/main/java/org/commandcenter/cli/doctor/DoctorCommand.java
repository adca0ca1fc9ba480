package org.commandcenter.cli.doctor;

import java.io.PrintWriter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.Callable;
import org.commandcenter.cli.connection.MattermostOptions;
import org.commandcenter.cli.connection.RawApi;
import org.commandcenter.cli.connection.CaFiles;
import org.commandcenter.cli.console.CliContext;
import org.commandcenter.cli.console.CliException;
import org.commandcenter.cli.console.DurationConverter;
import org.commandcenter.cli.console.ExitCode;
import org.commandcenter.cli.console.VersionProvider;
import org.commandcenter.cli.turn.TurnPeer;
import org.commandcenter.cli.turn.TurnProbe;
import org.commandcenter.cli.turn.TurnTarget;
import org.commandcenter.cli.turn.TurnTransport;
import org.commandcenter.mattermost.IceServer;
import org.commandcenter.mattermost.MattermostClient;
import org.commandcenter.mattermost.RetryPolicy;
import org.commandcenter.mattermost.User;
import org.commandcenter.mattermost.tls.CaTrust;
import org.commandcenter.mattermost.warroom.TurnCredentials;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code command-center doctor}: checks the whole chain from this machine to a working War Room call —
 * TLS, token, team, channels, Calls, TURN — and prints ✔/✘ with the fix for each.
 */
@Command(name = "doctor", mixinStandardHelpOptions = true, abbreviateSynopsis = true,
    versionProvider = VersionProvider.class,
    sortOptions = false, usageHelpAutoWidth = true,
    description = {
        "Diagnose Mattermost, Calls and TURN: one line per check (✔ pass, ⚠ warning, ✘ fail, – skipped) with the fix to apply.",
        "Mattermost checks need --url (and a token for all but TLS); TURN checks need --turn-host and the static secret."},
    footerHeading = "%nExit codes:%n",
    footer = {
        "  0  every check passed (warnings allowed)",
        "  1  at least one check failed",
        "  2  usage error"})
public final class DoctorCommand implements Callable<Integer> {
  static final String TURN_SECRET_ENV = "TURN_STATIC_AUTH_SECRET";
  /** Calls' default TURNCredentialsExpirationMinutes. */
  private static final String CALLS_DEFAULT_TTL = "240m";

  @ParentCommand
  CliContext.Source root;

  @Spec
  CommandSpec spec;

  @Mixin
  MattermostOptions server;

  @Option(names = {"-c", "--channel"}, paramLabel = "CHANNEL", description = "A channel alerts go to (URL name); repeatable.")
  List<String> channels = new ArrayList<>();

  @Option(names = "--war-room-channel", paramLabel = "CHANNEL", description = "The channel whose War Room must have Calls enabled.")
  String warRoomChannel;

  @Option(names = "--turn-host", paramLabel = "HOST", description = "coturn's host name, as in Calls' ICEServersConfigs.")
  String turnHost;

  @Option(names = "--turn-secret-file", paramLabel = "FILE",
      description = "File holding coturn's static-auth-secret (= Calls' TURNStaticAuthSecret); env TURN_STATIC_AUTH_SECRET. "
          + "Fails the check when empty, a CHANGE_ME placeholder or shorter than 32 characters.")
  Path turnSecretFile;

  @Option(names = "--turn-udp-port", paramLabel = "PORT", defaultValue = "3478", description = "TURN UDP port (default: ${DEFAULT-VALUE}).")
  int turnUdpPort;

  @Option(names = "--turn-tcp-port", paramLabel = "PORT", defaultValue = "3478", description = "TURN TCP port (default: ${DEFAULT-VALUE}).")
  int turnTcpPort;

  @Option(names = "--turn-tls-port", paramLabel = "PORT", defaultValue = "5349", description = "TURN TLS port (default: ${DEFAULT-VALUE}).")
  int turnTlsPort;

  @Option(names = "--turn-transports", paramLabel = "LIST", split = ",", defaultValue = "udp,tcp,tls",
      description = "Transports to check (default: ${DEFAULT-VALUE}).")
  List<TurnTransport> turnTransports;

  @Option(names = "--turn-ca-file", paramLabel = "PEM", description = "CA bundle for TURN over TLS (default: --ca-file).")
  Path turnCaFile;

  @Option(names = "--turn-server-name", paramLabel = "NAME", description = "Name coturn's certificate must carry (default: --turn-host).")
  String turnServerName;

  @Option(names = "--turn-user", paramLabel = "USER",
      description = "User part of the TURN username (default: the token's Mattermost username, as Calls does, else command-center-doctor).")
  String turnUser;

  @Option(names = "--turn-ttl", paramLabel = "DURATION", defaultValue = CALLS_DEFAULT_TTL, converter = DurationConverter.class,
      description = "Credential lifetime, Calls' TURNCredentialsExpirationMinutes (default: ${DEFAULT-VALUE}).")
  Duration turnTtl;

  @Option(names = "--turn-username", paramLabel = "USERNAME",
      description = "Check these TURN credentials (e.g. issued by Calls) instead of deriving them from the secret; needs --turn-password-file.")
  String turnUsername;

  @Option(names = "--turn-password-file", paramLabel = "FILE", description = "File holding the password for --turn-username.")
  Path turnPasswordFile;

  @Option(names = "--turn-peer", paramLabel = "HOST:PORT",
      description = "Echo peer to relay a test packet to (e.g. coturn's turnutils_peer); default: allocation only.")
  String turnPeer;

  @Option(names = "--turn-permission-host", paramLabel = "IP",
      description = "Ask coturn for a permission to this address (the Calls media host), proving denied-peer-ip lets it through.")
  String turnPermissionHost;

  @Option(names = "--turn-timeout", paramLabel = "DURATION", defaultValue = "5s", converter = DurationConverter.class,
      description = "Timeout per TURN exchange (default: ${DEFAULT-VALUE}).")
  Duration turnTimeout;

  @Option(names = "--json", description = "Print the report as JSON.")
  boolean json;

  @Option(names = "--ascii", description = "Use [ok]/[FAIL] instead of ✔/✘.")
  boolean ascii;

  Clock clock = Clock.systemUTC();

  @Override
  public Integer call() {
    CliContext context = root.context();
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    String site = server.siteUrlOrNull(context);
    if (site == null && turnHost == null) {
      throw CliException.usage("nothing to check: give --url (or MATTERMOST_URL) and/or --turn-host");
    }
    String team = server.team(context);
    if (team == null && (!channels.isEmpty() || warRoomChannel != null)) {
      throw CliException.usage("--team (or MATTERMOST_TEAM) is required to resolve --channel and --war-room-channel");
    }
    TurnSetup turn = turnHost == null ? null : turnSetup(context);
    TurnPeer peer = turn != null ? turn.peer : peer();

    DoctorReport report = new DoctorReport(site != null ? site : "turn:" + turnHost);
    User me = site == null ? null : mattermostChecks(context, err, site, team, peer, report);
    if (turn != null) {
      TurnChecks turnChecks = new TurnChecks(turnProbe(), report, clock);
      if (turn.secret != null && !turnChecks.secret(turn.secret, turn.secretSource)) {
        turnChecks.skip(turn.targets, "no TURN secret to derive credentials from");
      } else {
        String username = turn.username;
        String password = turn.password;
        if (username == null) {
          String user = turnUser != null ? turnUser : me != null ? me.username() : "command-center-doctor";
          TurnCredentials credentials = TurnCredentials.create(turn.secret, user, turnTtl, clock);
          username = credentials.username();
          password = credentials.password();
          context.secrets().register(password);
        }
        turnChecks.run(turn.targets, username, password, turn.peer);
      }
    }

    if (json) {
      report.printJson(out);
    } else {
      report.printText(out, ascii);
    }
    return report.allPassed() ? ExitCode.OK : ExitCode.FAILED;
  }

  private TurnProbe turnProbe() {
    return TurnProbe.builder().timeout(turnTimeout).clock(clock).build();
  }

  private User mattermostChecks(CliContext context, PrintWriter err, String site, String team, TurnPeer peer,
      DoctorReport report) {
    CaTrust caTrust = server.caTrust(context);
    CheckResult tls = report.add(new TlsCheck(CaFiles.orJvmDefault(caTrust), caTrust != null, server.proxy(context, site),
        server.connectTimeout(), server.readTimeout(), clock).run(site));
    String token = server.tokenOrNull(context, err);
    List<String> dependents = dependentChecks(team);
    if (!tls.passed()) {
      skipAll(report, dependents, "Mattermost is not reachable");
      return null;
    }
    if (token == null) {
      report.add(CheckResult.fail("mattermost:token", "Token valid (users/me)", "no token given",
          "set MATTERMOST_TOKEN or pass --token-file with a bot access token"));
      skipAll(report, dependents.subList(1, dependents.size()), "needs a token");
      return null;
    }
    MattermostClient client = server.client(context, err, RetryPolicy.noRetries(server.connectTimeout().plus(server.readTimeout())));
    RawApi raw = server.rawApi(context, token);
    MattermostChecks checks = new MattermostChecks(client, raw, site, report);
    User me = checks.token();
    if (me == null) {
      skipAll(report, dependents.subList(1, dependents.size()), "the token was rejected");
      return null;
    }
    boolean teamOk = team == null || checks.team(team);
    if (team != null && !teamOk) {
      for (String channel : channels) {
        report.add(CheckResult.skip("mattermost:channel:" + channel, "Channel ~" + channel, "the team did not resolve"));
      }
    } else if (team != null) {
      checks.channels(team, channels);
    }
    boolean plugin = checks.callsPlugin();
    if (plugin) {
      checks.callsIceServers(turnHost);
    }
    if (turnHost != null && plugin) {
      checks.callsTurnConfig(turnHost);
    }
    if (plugin) {
      callsIssuedTurnChecks(context, checks, peer, report);
    } else {
      report.add(CheckResult.skip("calls:ice-servers", "Calls ICE servers stay on site", "the Calls plugin is missing"));
      report.add(CheckResult.skip("calls:turn-credentials", "Calls' TURN credentials allocate",
          "the Calls plugin is missing"));
    }
    if (warRoomChannel != null) {
      if (teamOk) {
        checks.warRoom(team, warRoomChannel, plugin);
      } else {
        report.add(CheckResult.skip("mattermost:channel:" + warRoomChannel, "Channel ~" + warRoomChannel + " (War Room)",
            "the team did not resolve"));
        report.add(CheckResult.skip("calls:war-room", "Calls enabled in ~" + warRoomChannel, "the team did not resolve"));
      }
    }
    return me;
  }

  /** Probes each TURN URL Calls hands its clients with the credentials it hands them (never printed). */
  private void callsIssuedTurnChecks(CliContext context, MattermostChecks checks, TurnPeer peer, DoctorReport report) {
    List<IceServer> servers = checks.callsIssuedIceServers();
    if (servers == null) {
      return;
    }
    servers.forEach(server -> context.secrets().register(server.credential()));
    CaTrust trust = turnTrust(context);
    new TurnChecks(turnProbe(), report, clock).runCallsIssued(servers,
        target -> turnServerName == null ? target.trust(trust) : target.trust(trust).serverName(turnServerName), peer);
  }

  private CaTrust turnTrust(CliContext context) {
    return turnCaFile != null ? CaFiles.read(turnCaFile, "--turn-ca-file") : server.caTrust(context);
  }

  /** The ids and titles that follow the TLS check, in report order, for skipping them together. */
  private List<String> dependentChecks(String team) {
    List<String> checks = new ArrayList<>();
    checks.add("mattermost:token|Token valid (users/me)");
    if (team != null) {
      checks.add("mattermost:team|Team " + team + " resolves");
      for (String channel : channels) {
        checks.add("mattermost:channel:" + channel + "|Channel ~" + channel);
      }
    }
    checks.add("calls:plugin|Calls plugin present");
    checks.add("calls:ice-servers|Calls ICE servers stay on site");
    if (turnHost != null) {
      checks.add("calls:turn-config|Calls hands out TURN credentials");
    }
    checks.add("calls:turn-credentials|Calls' TURN credentials allocate");
    if (warRoomChannel != null) {
      checks.add("mattermost:channel:" + warRoomChannel + "|Channel ~" + warRoomChannel + " (War Room)");
      checks.add("calls:war-room|Calls enabled in ~" + warRoomChannel);
    }
    return checks;
  }

  private static void skipAll(DoctorReport report, List<String> checks, String reason) {
    for (String check : checks) {
      String[] parts = check.split("\\|", 2);
      report.add(CheckResult.skip(parts[0], parts[1], reason));
    }
  }

  private TurnSetup turnSetup(CliContext context) {
    TurnSetup setup = new TurnSetup();
    if (turnUsername != null || turnPasswordFile != null) {
      if (turnUsername == null || turnPasswordFile == null) {
        throw CliException.usage("--turn-username and --turn-password-file go together");
      }
      setup.username = turnUsername;
      setup.password = MattermostOptions.readSecretFile(turnPasswordFile, "--turn-password-file", context.secrets());
    } else if (turnSecretFile != null) {
      // An empty file or variable is a failed secret check with its fix, not a usage error: it was given.
      setup.secret = MattermostOptions.readSecretFileMayBeEmpty(turnSecretFile, "--turn-secret-file", context.secrets());
      setup.secretSource = "--turn-secret-file";
    } else {
      setup.secret = context.environment().isSet(TURN_SECRET_ENV)
          ? Objects.requireNonNullElse(context.environment().get(TURN_SECRET_ENV), "") : null;
      setup.secretSource = TURN_SECRET_ENV;
      context.secrets().register(setup.secret);
      if (setup.secret == null) {
        throw CliException.usage("--turn-host needs the static secret: --turn-secret-file FILE or env " + TURN_SECRET_ENV
            + " (or --turn-username with --turn-password-file)");
      }
    }
    CaTrust turnTrust = turnTrust(context);
    Set<TurnTransport> transports = EnumSet.noneOf(TurnTransport.class);
    transports.addAll(turnTransports);
    for (TurnTransport transport : transports) {
      int port = transport == TurnTransport.UDP ? turnUdpPort : transport == TurnTransport.TCP ? turnTcpPort : turnTlsPort;
      TurnTarget.Builder target = TurnTarget.builder().host(turnHost).port(port).transport(transport);
      if (transport == TurnTransport.TLS) {
        target.trust(turnTrust);
        if (turnServerName != null) {
          target.serverName(turnServerName);
        }
      }
      try {
        setup.targets.add(target.build());
      } catch (IllegalArgumentException e) {
        throw CliException.usage("--turn-" + transport.name().toLowerCase(java.util.Locale.ROOT) + "-port/--turn-host: " + e.getMessage());
      }
    }
    setup.peer = peer();
    return setup;
  }

  private TurnPeer peer() {
    if (turnPeer != null && turnPermissionHost != null) {
      throw CliException.usage("--turn-peer and --turn-permission-host: give only one");
    }
    try {
      if (turnPeer != null) {
        int colon = turnPeer.lastIndexOf(':');
        if (colon <= 0) {
          throw CliException.usage("--turn-peer '" + turnPeer + "': expected HOST:PORT");
        }
        String host = turnPeer.substring(0, colon).replace("[", "").replace("]", "");
        int port = Integer.parseInt(turnPeer.substring(colon + 1));
        return TurnPeer.echo(new InetSocketAddress(InetAddress.getByName(host), port));
      }
      if (turnPermissionHost != null) {
        return TurnPeer.permissionOnly(InetAddress.getByName(turnPermissionHost));
      }
    } catch (NumberFormatException e) {
      throw CliException.usage("--turn-peer '" + turnPeer + "': the port must be a number");
    } catch (UnknownHostException e) {
      throw CliException.usage((turnPeer != null ? "--turn-peer" : "--turn-permission-host") + ": unknown host");
    } catch (IllegalArgumentException e) {
      throw CliException.usage((turnPeer != null ? "--turn-peer: " : "--turn-permission-host: ") + e.getMessage());
    }
    return TurnPeer.none();
  }

  private static final class TurnSetup {
    /** coturn's static-auth-secret, or null when doctor checks given credentials (--turn-username). */
    String secret;
    /** Where {@link #secret} came from, for the report: the option or variable, never the value. */
    String secretSource;
    String username;
    String password;
    final List<TurnTarget> targets = new ArrayList<>();
    TurnPeer peer;
  }
}
