package org.commandcenter.notifier.core;

import java.util.List;
import org.commandcenter.mattermost.Attachment;
import org.commandcenter.mattermost.Field;
import org.commandcenter.mattermost.rules.EmojiNames;

/** Refuses what a step asks for beyond its {@link StepPolicy}, naming the parameter. */
final class StepPolicyCheck {
  static final String TURNED_OFF = "is turned off for steps by the administrator's step policy";

  private StepPolicyCheck() {}

  static void check(StepPolicy policy, String username, String icon, List<SendRequest.Target> targets,
      String message, String text, List<Attachment> attachments) {
    if (!policy.senderOverridesAllowed()) {
      if (username != null) {
        throw Checks.invalid("username", "posting under another name " + TURNED_OFF);
      }
      if (icon != null) {
        throw Checks.invalid("icon", "posting with another avatar " + TURNED_OFF);
      }
      for (SendRequest.Target target : targets) {
        if (target.username() != null) {
          throw Checks.invalid("channel", "'" + target + "' posts as " + target.username() + "; posting under "
              + "another name " + TURNED_OFF);
        }
      }
    } else if (icon != null && !EmojiNames.isReference(icon)) {
      requireAllowedImage(policy, "icon", icon);
    }
    requireAllowedImages(policy, "message", message);
    requireAllowedImages(policy, "text", text);
    for (int i = 0; i < attachments.size(); i++) {
      Attachment attachment = attachments.get(i);
      String field = "attachments[" + i + "]";
      requireAllowedImage(policy, field + ".image_url", attachment.imageUrl());
      requireAllowedImage(policy, field + ".thumb_url", attachment.thumbUrl());
      requireAllowedImage(policy, field + ".author_icon", attachment.authorIcon());
      requireAllowedImage(policy, field + ".footer_icon", attachment.footerIcon());
      requireAllowedImages(policy, field + ".pretext", attachment.pretext());
      requireAllowedImages(policy, field + ".text", attachment.text());
      for (int f = 0; f < attachment.fields().size(); f++) {
        Field value = attachment.fields().get(f);
        requireAllowedImages(policy, field + ".fields[" + f + "].value", value.value());
      }
    }
  }

  private static void requireAllowedImages(StepPolicy policy, String field, String markdown) {
    for (String source : MarkdownImages.sources(markdown)) {
      requireAllowedImage(policy, field, source);
    }
  }

  private static void requireAllowedImage(StepPolicy policy, String field, String url) {
    if (url == null || url.isEmpty() || policy.allowsImage(url)) {
      return;
    }
    String hosts = policy.imageHosts().isEmpty() ? "none are allowed" : "allowed: " + String.join(", ", policy.imageHosts());
    throw Checks.invalid(field, "image " + url + " is not on a host the administrator's step policy allows ("
        + hosts + "); every viewer's client would load it");
  }
}
