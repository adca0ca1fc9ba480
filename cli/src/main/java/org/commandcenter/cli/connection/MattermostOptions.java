package org.commandcenter.cli.connection;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import org.commandcenter.cli.console.CliContext;
import org.commandcenter.cli.console.CliException;
import org.commandcenter.cli.console.DurationConverter;
import org.commandcenter.cli.console.Secrets;
import org.commandcenter.mattermost.MattermostClient;
import org.commandcenter.mattermost.ProxySettings;
import org.commandcenter.mattermost.RetryPolicy;
import org.commandcenter.mattermost.rules.HttpUrls;
import org.commandcenter.mattermost.tls.CaTrust;
import picocli.CommandLine.Option;

/**
 * How to reach Mattermost over REST: site URL, bot token, team, private CA, timeouts. Shared by
 * {@code send}, {@code war-room} and {@code doctor}; each value also has an environment variable so CI
 * jobs keep secrets out of the command line.
 */
public final class MattermostOptions {
  static final String URL_ENV = "MATTERMOST_URL";
  public static final String TOKEN_ENV = "MATTERMOST_TOKEN";
  static final String TEAM_ENV = "MATTERMOST_TEAM";
  static final String CA_FILE_ENV = "MATTERMOST_CA_FILE";

  @Option(names = "--url", paramLabel = "URL",
      description = "Mattermost site URL, e.g. https://chat.factory.example (env MATTERMOST_URL).")
  String url;

  /** True when {@code --url} was given on the command line. */
  public boolean hasUrlOption() {
    return url != null;
  }

  @Option(names = "--token-file", paramLabel = "FILE",
      description = "File holding the bot access token (env MATTERMOST_TOKEN holds the token itself).")
  Path tokenFile;

  @Option(names = "--token", paramLabel = "TOKEN", hidden = false,
      description = "Bot access token. Avoid: visible in the process list and shell history; prefer MATTERMOST_TOKEN or --token-file.")
  String token;

  @Option(names = "--team", paramLabel = "TEAM",
      description = "Team URL name used to resolve channel names (env MATTERMOST_TEAM).")
  String team;

  @Option(names = "--ca-file", paramLabel = "PEM",
      description = "PEM bundle of the private CA that issued Mattermost's certificate, trusted in addition to the JVM's CAs (env MATTERMOST_CA_FILE).")
  Path caFile;

  @Option(names = "--connect-timeout", paramLabel = "DURATION", defaultValue = "10s",
      converter = DurationConverter.class,
      description = "Connect timeout per attempt (default: ${DEFAULT-VALUE}).")
  Duration connectTimeout;

  @Option(names = "--read-timeout", paramLabel = "DURATION", defaultValue = "30s",
      converter = DurationConverter.class,
      description = "Read timeout per attempt (default: ${DEFAULT-VALUE}).")
  Duration readTimeout;

  private String resolvedToken;
  private boolean tokenResolved;
  private CaTrust caTrust;
  private boolean caTrustResolved;

  /** The site URL from {@code --url} or MATTERMOST_URL, or null when neither is set. */
  public String siteUrlOrNull(CliContext context) {
    String value = url != null ? url.trim() : context.environment().get(URL_ENV);
    if (value == null) {
      return null;
    }
    String option = url != null ? "--url" : URL_ENV;
    HttpUrl uri = HttpUrls.parse(value);
    if (uri == null) {
      throw CliException.usage(option + ": must be an absolute https:// URL such as https://chat.factory.example");
    }
    if (uri.query() != null || uri.fragment() != null) {
      throw CliException.usage(option + ": must be the site URL without query or fragment");
    }
    while (value.endsWith("/")) {
      value = value.substring(0, value.length() - 1);
    }
    return value;
  }

  public String siteUrl(CliContext context) {
    String value = siteUrlOrNull(context);
    if (value == null) {
      throw CliException.usage("--url (or " + URL_ENV + ") is required: the Mattermost site URL");
    }
    return value;
  }

  /** The team from {@code --team} or MATTERMOST_TEAM, or null. */
  public String team(CliContext context) {
    return team != null ? team.trim() : context.environment().get(TEAM_ENV);
  }

  /**
   * The bot token from {@code --token-file}, {@code --token} (with a warning) or MATTERMOST_TOKEN, or
   * null when none is given. Registered as a secret before it is returned.
   */
  public String tokenOrNull(CliContext context, PrintWriter err) {
    if (tokenResolved) {
      return resolvedToken;
    }
    tokenResolved = true;
    if (tokenFile != null && token != null) {
      throw CliException.usage("--token and --token-file: give only one");
    }
    if (tokenFile != null) {
      resolvedToken = readSecretFile(tokenFile, "--token-file", context.secrets());
    } else if (token != null) {
      context.secrets().register(token);
      err.println("warning: --token puts the token in the process list and shell history; "
          + "prefer MATTERMOST_TOKEN or --token-file");
      resolvedToken = token.trim();
    } else {
      resolvedToken = context.environment().get(TOKEN_ENV);
      context.secrets().register(resolvedToken);
    }
    if (resolvedToken != null && resolvedToken.isEmpty()) {
      throw CliException.usage(tokenFile != null ? "--token-file: the file is empty" : "--token: must not be empty");
    }
    return resolvedToken;
  }

  public String token(CliContext context, PrintWriter err) {
    String value = tokenOrNull(context, err);
    if (value == null) {
      throw CliException.usage("a bot token is required: set MATTERMOST_TOKEN, or use --token-file FILE");
    }
    return value;
  }

  /** The private CA from {@code --ca-file} or MATTERMOST_CA_FILE, or null for the JVM's CAs only. */
  public CaTrust caTrust(CliContext context) {
    if (!caTrustResolved) {
      caTrustResolved = true;
      if (caFile != null) {
        caTrust = CaFiles.read(caFile, "--ca-file");
      } else {
        String fromEnvironment = context.environment().get(CA_FILE_ENV);
        caTrust = fromEnvironment == null ? null : CaFiles.read(Path.of(fromEnvironment), CA_FILE_ENV);
      }
    }
    return caTrust;
  }

  public ProxySettings proxy(CliContext context, String siteUrl) {
    return ProxyEnvironment.forTarget(context.environment(), HttpUrl.get(siteUrl), context.secrets());
  }

  /** A REST client for the site, with the token, team, private CA, proxy and the given retries. */
  public MattermostClient client(CliContext context, PrintWriter err, RetryPolicy retryPolicy) {
    String site = siteUrl(context);
    MattermostClient.Builder builder = MattermostClient.builder()
        .siteUrl(site)
        .token(token(context, err))
        .connectTimeout(connectTimeout)
        .readTimeout(readTimeout)
        .retryPolicy(retryPolicy);
    String teamName = team(context);
    if (teamName != null) {
      builder.team(teamName);
    }
    CaTrust trust = caTrust(context);
    if (trust != null) {
      builder.trust(trust);
    }
    ProxySettings proxy = proxy(context, site);
    if (proxy != null) {
      builder.proxy(proxy);
    }
    return builder.build();
  }

  /** Direct requests for diagnostics, with the same trust and proxy as {@link #client}. */
  public RawApi rawApi(CliContext context, String tokenOrNull) {
    String site = siteUrl(context);
    HttpUrl siteUrl = HttpUrl.get(site + "/");
    OkHttpClient http = RawApi.httpClient(CaFiles.orJvmDefault(caTrust(context)), proxy(context, site), siteUrl,
        connectTimeout, readTimeout);
    return new RawApi(http, siteUrl, tokenOrNull);
  }

  /** Reads a one-line secret from {@code file}, registering it before anything can echo it. */
  public static String readSecretFile(Path file, String option, Secrets secrets) {
    String value = readSecretFileMayBeEmpty(file, option, secrets);
    if (value.isEmpty()) {
      throw CliException.usage(option + ": " + file + " is empty");
    }
    return value;
  }

  /** {@link #readSecretFile}, but an empty file gives "" (for a caller that reports an empty secret itself). */
  public static String readSecretFileMayBeEmpty(Path file, String option, Secrets secrets) {
    try {
      String value = Files.readString(file, StandardCharsets.UTF_8).trim();
      secrets.register(value);
      return value;
    } catch (NoSuchFileException e) {
      throw CliException.usage(option + ": file not found: " + file);
    } catch (IOException e) {
      throw CliException.usage(option + ": cannot read " + file + " (" + e.getClass().getSimpleName() + ")");
    }
  }

  public Duration connectTimeout() {
    return connectTimeout;
  }

  public Duration readTimeout() {
    return readTimeout;
  }
}
