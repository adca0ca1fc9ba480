package org.commandcenter.jenkins.mattermost;

import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import okhttp3.HttpUrl;
import org.commandcenter.mattermost.rules.ChannelNames;
import org.commandcenter.mattermost.rules.Colors;
import org.commandcenter.mattermost.rules.EmojiNames;
import org.commandcenter.mattermost.rules.HttpUrls;
import org.commandcenter.mattermost.rules.Usernames;
import org.commandcenter.mattermost.rules.WebhookUrls;
import org.commandcenter.mattermost.tls.CaTrust;
import org.commandcenter.notifier.core.SendRequest;


/**
 * Validation rules behind the {@code doCheck*} form endpoints. Jenkins-free; every message names the field.
 * Values that may be secret (webhook URLs) are never echoed back.
 */
final class FormChecks {
  /** The longest override user name the form accepts (Mattermost's user name limit, {@code model/user.go}). */
  private static final int USERNAME_MAX_LENGTH = Usernames.MAX_LENGTH;

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
    if (!v.startsWith("http://") && !v.startsWith("https://")) {
      return FieldCheck.error(Messages.get("check.url.scheme", field));
    }
    HttpUrl url = HttpUrls.parse(v);
    if (url == null) {
      String afterScheme = v.substring(v.indexOf("://") + 3);
      boolean noHost = afterScheme.isEmpty() || "/?#".indexOf(afterScheme.charAt(0)) >= 0;
      return FieldCheck.error(Messages.get(noHost ? "check.url.host" : "check.url.invalid", field));
    }
    if (!url.username().isEmpty() || !url.password().isEmpty()) {
      return FieldCheck.error(Messages.get("check.url.userInfo", field));
    }
    if (url.query() != null || url.fragment() != null) {
      return FieldCheck.error(Messages.get("check.url.query", field));
    }
    if (!url.isHttps()) {
      return FieldCheck.warning(Messages.get("check.url.plainHttp", field));
    }
    return FieldCheck.ok();
  }

  /** A site URL: an http(s) base URL, not an incoming-webhook URL. */
  static FieldCheck siteUrl(String value, boolean required) {
    FieldCheck check = url(Messages.get("field.siteUrl"), value, required);
    if (check.kind() != FieldCheck.Kind.ERROR && WebhookUrls.isWebhookUrl(trim(value))) {
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
   * mattermost plugin are allowed too, read by the step's own parser ({@link SendRequest.Target#parse}):
   * {@code @user} (direct message) and {@code user@channel} (username override).
   */
  static FieldCheck channels(String field, String value, boolean oldSyntax) {
    String v = trim(value);
    if (v.isEmpty() || v.contains("${")) {
      return FieldCheck.ok();
    }
    if (!oldSyntax) {
      for (String part : splitList(v)) {
        FieldCheck check = checkChannelName(field, part);
        if (check.kind() == FieldCheck.Kind.ERROR) {
          return check;
        }
      }
      return FieldCheck.ok();
    }
    List<SendRequest.Target> targets;
    try {
      targets = SendRequest.Target.parse(v);
    } catch (IllegalArgumentException e) {
      return FieldCheck.error(field + e.getMessage().substring(e.getMessage().indexOf(':')));
    }
    for (SendRequest.Target target : targets) {
      if (target.channel().startsWith("@")) {
        String user = target.channel().substring(1);
        if (!Usernames.isValid(user)) {
          return FieldCheck.error(Messages.get("check.channel.user", field, user));
        }
        continue;
      }
      FieldCheck check = checkChannelName(field, target.channel());
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
    if (!ChannelNames.isValidChannel(name)) {
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
    if (!ChannelNames.isValidTeam(v)) {
      return FieldCheck.error(Messages.get("check.team.invalid", v));
    }
    return FieldCheck.ok();
  }

  /** Attachment colour as the old plugin accepted it: good, warning, danger or a hex colour. */
  static FieldCheck color(String value) {
    String v = trim(value);
    if (v.isEmpty() || Colors.isValid(v) || v.contains("${")) {
      return FieldCheck.ok();
    }
    return FieldCheck.error(Messages.get("check.color.invalid", v));
  }

  /** An icon: an http(s) image URL or an emoji name such as {@code :jenkins:}. */
  static FieldCheck icon(String field, String value) {
    String v = trim(value);
    if (EmojiNames.isReference(v)) {
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

  /** A PEM bundle of one or more CA certificates, read the way the client will trust it. */
  static FieldCheck caCertificate(String value) {
    String v = trim(value);
    if (v.isEmpty()) {
      return FieldCheck.ok();
    }
    if (!v.contains("-----BEGIN CERTIFICATE-----")) {
      return FieldCheck.error(Messages.get("check.ca.notPem"));
    }
    try {
      List<X509Certificate> certificates = CaTrust.fromPem(v).certificates();
      X509Certificate first = certificates.get(0);
      return FieldCheck.ok(Messages.get("check.ca.ok", certificates.size(),
          first.getSubjectX500Principal().getName(), first.getNotAfter().toInstant().toString()));
    } catch (IllegalArgumentException e) {
      return FieldCheck.error(Messages.get("check.ca.unreadable"));
    }
  }

  static FieldCheck username(String value) {
    String v = trim(value);
    if (v.length() > USERNAME_MAX_LENGTH) {
      return FieldCheck.error(Messages.get("check.username.tooLong", USERNAME_MAX_LENGTH));
    }
    return FieldCheck.ok();
  }

  /** A user's own Mattermost username (a leading @ and capitals allowed): one that mentions exactly that user. */
  static FieldCheck mentionableUsername(String value) {
    String v = trim(value);
    if (v.isEmpty()) {
      return FieldCheck.ok();
    }
    String name = (v.startsWith("@") ? v.substring(1) : v).toLowerCase(Locale.ROOT);
    if (Usernames.isReserved(name)) {
      return FieldCheck.error(Messages.get("check.username.reserved", name));
    }
    if (!Usernames.isMentionable(name)) {
      return FieldCheck.error(Messages.get("check.username.invalid", Usernames.MAX_LENGTH));
    }
    return FieldCheck.ok();
  }

  private static String trim(String value) {
    return value == null ? "" : value.trim();
  }
}
