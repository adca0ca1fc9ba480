package org.commandcenter.jenkins.mattermost;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import org.commandcenter.notifier.core.Endpoints;

/**
 * Validation rules behind the {@code doCheck*} form endpoints. Jenkins-free; every message names the field.
 * Values that may be secret (webhook URLs) are never echoed back.
 */
final class FormChecks {
  /** Mattermost's channel/team name rule ({@code model/utils.go}: validSimpleAlphaNum), max 64 characters. */
  private static final Pattern NAME = Pattern.compile("[a-z0-9]+([a-z\\-_0-9]+|(__)?)[a-z0-9]*");
  private static final int NAME_MAX_LENGTH = 64;
  /** Mattermost usernames ({@code model/user.go}: restrictedUsernames aside), 3 to 22 characters. */
  private static final Pattern USERNAME = Pattern.compile("[a-z0-9.\\-_]{3,22}");
  private static final Pattern HEX_COLOR = Pattern.compile("#([0-9a-fA-F]{3}|[0-9a-fA-F]{6})");
  private static final Pattern EMOJI = Pattern.compile(":[a-z0-9_+\\-]+:");

  private FormChecks() {
  }

  static FieldCheck url(String field, String value, boolean required) {
    String v = trim(value);
    if (v.isEmpty()) {
      return required ? FieldCheck.error(Messages.get("check.required", field)) : FieldCheck.ok();
    }
    if (v.contains("${")) {
      return FieldCheck.ok();
    }
    URI uri;
    try {
      uri = new URI(v);
    } catch (URISyntaxException e) {
      return FieldCheck.error(Messages.get("check.url.invalid", field));
    }
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    if (!scheme.equals("http") && !scheme.equals("https")) {
      return FieldCheck.error(Messages.get("check.url.scheme", field));
    }
    if (uri.getHost() == null || uri.getHost().isEmpty()) {
      return FieldCheck.error(Messages.get("check.url.host", field));
    }
    if (uri.getRawUserInfo() != null) {
      return FieldCheck.error(Messages.get("check.url.userInfo", field));
    }
    if (uri.getRawQuery() != null || uri.getRawFragment() != null) {
      return FieldCheck.error(Messages.get("check.url.query", field));
    }
    if (scheme.equals("http")) {
      return FieldCheck.warning(Messages.get("check.url.plainHttp", field));
    }
    return FieldCheck.ok();
  }

  /** A site URL: an http(s) base URL, not an incoming-webhook URL. */
  static FieldCheck siteUrl(String value, boolean required) {
    FieldCheck check = url(Messages.get("field.siteUrl"), value, required);
    if (check.kind() != FieldCheck.Kind.ERROR && isWebhookUrl(trim(value))) {
      return FieldCheck.error(Messages.get("check.siteUrl.isWebhook"));
    }
    return check;
  }

  /** The {@code endpoint} of the step: an incoming-webhook URL or a site URL. Never echoes the value. */
  static FieldCheck endpoint(String value) {
    return url(Messages.get("field.endpoint"), value, false);
  }

  /** One channel: a name (optionally with a leading #) or a 26-character channel id. */
  static FieldCheck channel(String field, String value, boolean required) {
    String v = trim(value);
    if (v.isEmpty()) {
      return required ? FieldCheck.error(Messages.get("check.required", field)) : FieldCheck.ok();
    }
    return checkChannelName(field, v);
  }

  /**
   * A list of channels separated by commas or semicolons. With {@code oldSyntax} the targets of the old
   * mattermost plugin are allowed too: {@code @user} (direct message) and {@code user@channel} (username override).
   */
  static FieldCheck channels(String field, String value, boolean oldSyntax) {
    String v = trim(value);
    if (v.isEmpty() || v.contains("${")) {
      return FieldCheck.ok();
    }
    for (String part : splitList(v)) {
      String target = part;
      if (oldSyntax) {
        int at = target.indexOf('@');
        if (at == 0) {
          String user = target.substring(1);
          if (!USERNAME.matcher(user).matches()) {
            return FieldCheck.error(Messages.get("check.channel.user", field, user));
          }
          continue;
        }
        if (at > 0) {
          target = target.substring(at + 1);
          if (target.startsWith("@")) {
            String user = target.substring(1);
            if (!USERNAME.matcher(user).matches()) {
              return FieldCheck.error(Messages.get("check.channel.user", field, user));
            }
            continue;
          }
        }
      }
      FieldCheck check = checkChannelName(field, target);
      if (check.kind() == FieldCheck.Kind.ERROR) {
        return check;
      }
    }
    return FieldCheck.ok();
  }

  static List<String> splitList(String value) {
    List<String> out = new ArrayList<>();
    for (String part : trim(value).split("[,;]+")) {
      String p = part.trim();
      if (!p.isEmpty()) {
        out.add(p);
      }
    }
    return out;
  }

  private static FieldCheck checkChannelName(String field, String value) {
    String name = value.startsWith("#") || value.startsWith("~") ? value.substring(1) : value;
    if (name.contains("${")) {
      return FieldCheck.ok();
    }
    if (name.isEmpty() || name.length() > NAME_MAX_LENGTH || !NAME.matcher(name).matches()) {
      String hint = name.equals(name.toLowerCase(Locale.ROOT)) ? "" : " " + Messages.get("check.channel.lowercase");
      return FieldCheck.error(Messages.get("check.channel.invalid", field, value) + hint);
    }
    return FieldCheck.ok();
  }

  static FieldCheck team(String value) {
    String v = trim(value);
    if (v.isEmpty()) {
      return FieldCheck.ok();
    }
    if (v.length() > NAME_MAX_LENGTH || !NAME.matcher(v).matches()) {
      return FieldCheck.error(Messages.get("check.team.invalid", v));
    }
    return FieldCheck.ok();
  }

  /** Attachment colour as the old plugin accepted it: good, warning, danger or a hex colour. */
  static FieldCheck color(String value) {
    String v = trim(value);
    if (v.isEmpty() || v.equals("good") || v.equals("warning") || v.equals("danger")
        || HEX_COLOR.matcher(v).matches() || v.contains("${")) {
      return FieldCheck.ok();
    }
    return FieldCheck.error(Messages.get("check.color.invalid", v));
  }

  /** An icon: an http(s) image URL or an emoji name such as {@code :jenkins:}. */
  static FieldCheck icon(String field, String value) {
    String v = trim(value);
    if (EMOJI.matcher(v).matches()) {
      return FieldCheck.ok();
    }
    return url(field, v, false);
  }

  /** Post priority as Mattermost names it ({@code model/post.go}: PostPriorityUrgent ...). */
  static FieldCheck priority(String value) {
    String v = trim(value).toLowerCase(Locale.ROOT);
    if (v.isEmpty() || v.equals("standard") || v.equals("important") || v.equals("urgent") || v.contains("${")) {
      return FieldCheck.ok();
    }
    return FieldCheck.error(Messages.get("check.priority.invalid", value.trim()));
  }

  static FieldCheck integerInRange(String field, String value, int min, int max) {
    String v = trim(value);
    if (v.isEmpty()) {
      return FieldCheck.ok();
    }
    try {
      int n = Integer.parseInt(v);
      if (n < min || n > max) {
        return FieldCheck.error(Messages.get("check.range", field, min, max));
      }
      return FieldCheck.ok();
    } catch (NumberFormatException e) {
      return FieldCheck.error(Messages.get("check.range", field, min, max));
    }
  }

  /** A PEM bundle of one or more CA certificates. */
  static FieldCheck caCertificate(String value) {
    String v = trim(value);
    if (v.isEmpty()) {
      return FieldCheck.ok();
    }
    if (!v.contains("-----BEGIN CERTIFICATE-----")) {
      return FieldCheck.error(Messages.get("check.ca.notPem"));
    }
    try {
      Collection<? extends java.security.cert.Certificate> certificates = CertificateFactory.getInstance("X.509")
          .generateCertificates(new ByteArrayInputStream(v.getBytes(StandardCharsets.US_ASCII)));
      if (certificates.isEmpty()) {
        return FieldCheck.error(Messages.get("check.ca.notPem"));
      }
      X509Certificate first = (X509Certificate) certificates.iterator().next();
      return FieldCheck.ok(Messages.get("check.ca.ok", certificates.size(),
          first.getSubjectX500Principal().getName(), first.getNotAfter().toInstant().toString()));
    } catch (CertificateException | RuntimeException e) {
      return FieldCheck.error(Messages.get("check.ca.unreadable"));
    }
  }

  static FieldCheck username(String value) {
    String v = trim(value);
    if (v.length() > NAME_MAX_LENGTH) {
      return FieldCheck.error(Messages.get("check.username.tooLong", NAME_MAX_LENGTH));
    }
    return FieldCheck.ok();
  }

  /** Incoming-webhook URLs end in {@code /hooks/<key>}; the rule lives in the core. */
  static boolean isWebhookUrl(String value) {
    return Endpoints.isWebhookUrl(value);
  }

  private static String trim(String value) {
    return value == null ? "" : value.trim();
  }
}
