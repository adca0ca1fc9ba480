package org.commandcenter.cli.console;

import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateNotYetValidException;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLPeerUnverifiedException;
import org.commandcenter.mattermost.MattermostException;

/** Turns the client's {@link MattermostException} into an exit code and one line a person can act on. */
public final class Failures {
  private Failures() {}

  public static int exitCode(MattermostException e) {
    int status = e.statusCode();
    if (status == 401 || status == 403) {
      return ExitCode.AUTH;
    }
    if (status == 404 || "web.incoming_webhook.invalid.app_error".equals(e.errorId())) {
      return ExitCode.NOT_FOUND;
    }
    if (status == 400 || status == 413) {
      return ExitCode.USAGE;
    }
    if (status == 0 && find(e, SSLException.class) != null) {
      return ExitCode.TLS;
    }
    return ExitCode.FAILED;
  }

  /** What went wrong, with Mattermost's error id and request id for the server log, and what to do. */
  public static String describe(MattermostException e) {
    StringBuilder line = new StringBuilder();
    line.append(e.getMessage() == null ? "request failed" : e.getMessage());
    StringBuilder details = new StringBuilder();
    if (e.statusCode() > 0 && (e.getMessage() == null || !e.getMessage().contains(String.valueOf(e.statusCode())))) {
      details.append("HTTP ").append(e.statusCode());
    }
    if (e.errorId() != null && (e.getMessage() == null || !e.getMessage().contains(e.errorId()))) {
      details.append(details.length() > 0 ? ", " : "").append(e.errorId());
    }
    if (e.requestId() != null && (e.getMessage() == null || !e.getMessage().contains(e.requestId()))) {
      details.append(details.length() > 0 ? ", " : "").append("request id ").append(e.requestId());
    }
    if (details.length() > 0) {
      line.append(" (").append(details).append(')');
    }
    String hint = hint(e);
    if (hint != null) {
      line.append(System.lineSeparator()).append("hint: ").append(hint);
    }
    return line.toString();
  }

  private static String hint(MattermostException e) {
    switch (e.statusCode()) {
      case 401:
        return "the token is invalid, expired or revoked; create a new bot access token "
            + "(System Console > Integrations > Bot Accounts) and pass it via MATTERMOST_TOKEN or --token-file";
      case 403:
        return "the bot lacks a permission here: add it to the team and channel (private channels need membership), "
            + "or for a webhook, check that it may post to that channel";
      case 404:
        return "check the team and channel names (URL names, not display names) and that the bot can see them";
      case 400:
        if (e.errorId() != null && e.errorId().startsWith("web.incoming_webhook")) {
          return "Mattermost refused the webhook request: check that the webhook still exists (Integrations > "
              + "Incoming Webhooks) and that its URL is complete; newer servers report every webhook error this way";
        }
        return "Mattermost rejected the message as invalid; the server's message above names the field";
      case 429:
        return "Mattermost rate-limited every attempt; raise --deadline or RateLimitSettings.PerSec";
      case 501:
        // Not an outage: a feature this server does not offer (server/channels/app/post_permission_utils.go,
        // web/webhook.go).
        if (e.errorId() != null && e.errorId().startsWith("web.incoming_webhook")) {
          return "incoming webhooks are disabled on this server "
              + "(System Console > Integrations > Integration Management > Enable Incoming Webhooks)";
        }
        return "this server does not offer what the message asks for: acknowledgements (--ack) and persistent "
            + "notifications (--persistent) need a Mattermost Professional or Enterprise licence; drop those options";
      default:
        break;
    }
    if (e.statusCode() >= 500) {
      return "Mattermost (or its proxy) answered with a server error on every attempt; it is probably down or restarting";
    }
    if (e.statusCode() == 0) {
      if (find(e, SSLPeerUnverifiedException.class) != null) {
        return "the certificate does not name this host; run `command-center doctor` for the names it covers";
      }
      if (find(e, CertificateExpiredException.class) != null || find(e, CertificateNotYetValidException.class) != null) {
        return "the server certificate is expired or not yet valid; run `command-center doctor` for its dates";
      }
      if (find(e, CertPathValidatorException.class) != null || find(e, SSLException.class) != null) {
        return "the server certificate is not trusted: pass the private CA with --ca-file (PEM); "
            + "`command-center doctor` shows the chain the server sends";
      }
      if (find(e, UnknownHostException.class) != null) {
        return "the host name does not resolve; check --url and DNS (or HTTPS_PROXY/NO_PROXY)";
      }
      if (find(e, ConnectException.class) != null) {
        return "nothing accepts connections there; check --url, the port, and that Mattermost/nginx run";
      }
      if (find(e, SocketTimeoutException.class) != null) {
        return "no answer in time; a firewall may drop the traffic, or raise --read-timeout";
      }
    }
    return null;
  }

  static <T extends Throwable> T find(Throwable error, Class<T> type) {
    for (Throwable cause = error; cause != null; cause = cause.getCause()) {
      if (type.isInstance(cause)) {
        return type.cast(cause);
      }
      if (cause.getCause() == cause) {
        break;
      }
    }
    return null;
  }
}
