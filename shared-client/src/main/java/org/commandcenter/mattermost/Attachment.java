package org.commandcenter.mattermost;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.commandcenter.mattermost.rules.Colors;

/**
 * A Slack-compatible message attachment. Validated at {@link Builder#build()} with the rules of
 * server/public/model/slack_attachment.go ({@code SlackAttachment.IsValid}). Its {@link #actions()} are buttons
 * (server/public/model/integration_action.go PostAction).
 */
public final class Attachment {
  /** The webapp shows at most this many footer characters; longer footers are a caller bug. */
  static final int MAX_FOOTER_LENGTH = 300;

  private final String fallback;
  private final String color;
  private final String pretext;
  private final String text;
  private final String authorName;
  private final String authorLink;
  private final String authorIcon;
  private final String title;
  private final String titleLink;
  private final List<Field> fields;
  private final String imageUrl;
  private final String thumbUrl;
  private final String footer;
  private final String footerIcon;
  private final List<Action> actions;

  private Attachment(Builder builder) {
    this.fallback = builder.fallback;
    this.color = builder.color;
    this.pretext = builder.pretext;
    this.text = builder.text;
    this.authorName = builder.authorName;
    this.authorLink = builder.authorLink;
    this.authorIcon = builder.authorIcon;
    this.title = builder.title;
    this.titleLink = builder.titleLink;
    this.fields = List.copyOf(builder.fields);
    this.imageUrl = builder.imageUrl;
    this.thumbUrl = builder.thumbUrl;
    this.footer = builder.footer;
    this.footerIcon = builder.footerIcon;
    this.actions = List.copyOf(builder.actions);
  }

  public static Builder builder() {
    return new Builder();
  }

  public Builder newBuilder() {
    return new Builder(this);
  }

  public String fallback() {
    return fallback;
  }

  public String color() {
    return color;
  }

  public String pretext() {
    return pretext;
  }

  public String text() {
    return text;
  }

  public String authorName() {
    return authorName;
  }

  public String authorLink() {
    return authorLink;
  }

  public String authorIcon() {
    return authorIcon;
  }

  public String title() {
    return title;
  }

  public String titleLink() {
    return titleLink;
  }

  public List<Field> fields() {
    return fields;
  }

  public String imageUrl() {
    return imageUrl;
  }

  public String thumbUrl() {
    return thumbUrl;
  }

  public String footer() {
    return footer;
  }

  public String footerIcon() {
    return footerIcon;
  }

  /** Buttons under the attachment, in order. */
  public List<Action> actions() {
    return actions;
  }

  @Override
  public boolean equals(Object other) {
    if (!(other instanceof Attachment)) {
      return false;
    }
    Attachment that = (Attachment) other;
    return Objects.equals(fallback, that.fallback)
        && Objects.equals(color, that.color)
        && Objects.equals(pretext, that.pretext)
        && Objects.equals(text, that.text)
        && Objects.equals(authorName, that.authorName)
        && Objects.equals(authorLink, that.authorLink)
        && Objects.equals(authorIcon, that.authorIcon)
        && Objects.equals(title, that.title)
        && Objects.equals(titleLink, that.titleLink)
        && fields.equals(that.fields)
        && Objects.equals(imageUrl, that.imageUrl)
        && Objects.equals(thumbUrl, that.thumbUrl)
        && Objects.equals(footer, that.footer)
        && Objects.equals(footerIcon, that.footerIcon)
        && actions.equals(that.actions);
  }

  @Override
  public int hashCode() {
    return Objects.hash(fallback, color, pretext, text, authorName, authorLink, authorIcon, title,
        titleLink, fields, imageUrl, thumbUrl, footer, footerIcon, actions);
  }

  @Override
  public String toString() {
    return "Attachment{title=" + title + ", color=" + color + ", fields=" + fields.size()
        + (actions.isEmpty() ? "" : ", actions=" + actions.size()) + "}";
  }

  public static final class Builder {
    private String fallback;
    private String color;
    private String pretext;
    private String text;
    private String authorName;
    private String authorLink;
    private String authorIcon;
    private String title;
    private String titleLink;
    private final List<Field> fields = new ArrayList<>();
    private String imageUrl;
    private String thumbUrl;
    private String footer;
    private String footerIcon;
    private final List<Action> actions = new ArrayList<>();

    Builder() {}

    Builder(Attachment attachment) {
      this.fallback = attachment.fallback;
      this.color = attachment.color;
      this.pretext = attachment.pretext;
      this.text = attachment.text;
      this.authorName = attachment.authorName;
      this.authorLink = attachment.authorLink;
      this.authorIcon = attachment.authorIcon;
      this.title = attachment.title;
      this.titleLink = attachment.titleLink;
      this.fields.addAll(attachment.fields);
      this.imageUrl = attachment.imageUrl;
      this.thumbUrl = attachment.thumbUrl;
      this.footer = attachment.footer;
      this.footerIcon = attachment.footerIcon;
      this.actions.addAll(attachment.actions);
    }

    public Builder fallback(String fallback) {
      this.fallback = fallback;
      return this;
    }

    /** {@code good}, {@code warning}, {@code danger} or {@code #RRGGBB}. */
    public Builder color(String color) {
      this.color = color;
      return this;
    }

    public Builder pretext(String pretext) {
      this.pretext = pretext;
      return this;
    }

    public Builder text(String text) {
      this.text = text;
      return this;
    }

    public Builder authorName(String authorName) {
      this.authorName = authorName;
      return this;
    }

    public Builder authorLink(String authorLink) {
      this.authorLink = authorLink;
      return this;
    }

    public Builder authorIcon(String authorIcon) {
      this.authorIcon = authorIcon;
      return this;
    }

    public Builder title(String title) {
      this.title = title;
      return this;
    }

    public Builder titleLink(String titleLink) {
      this.titleLink = titleLink;
      return this;
    }

    public Builder fields(List<Field> fields) {
      requireNonNull(fields, "fields == null");
      this.fields.clear();
      for (Field field : fields) {
        addField(field);
      }
      return this;
    }

    public Builder addField(Field field) {
      requireNonNull(field, "field == null");
      this.fields.add(field);
      return this;
    }

    public Builder imageUrl(String imageUrl) {
      this.imageUrl = imageUrl;
      return this;
    }

    public Builder thumbUrl(String thumbUrl) {
      this.thumbUrl = thumbUrl;
      return this;
    }

    public Builder footer(String footer) {
      this.footer = footer;
      return this;
    }

    public Builder footerIcon(String footerIcon) {
      this.footerIcon = footerIcon;
      return this;
    }

    /** Replaces the buttons. */
    public Builder actions(List<Action> actions) {
      requireNonNull(actions, "actions == null");
      this.actions.clear();
      actions.forEach(this::addAction);
      return this;
    }

    public Builder addAction(Action action) {
      this.actions.add(requireNonNull(action, "action == null"));
      return this;
    }

    /** @throws IllegalArgumentException naming the offending field, e.g. {@code color: ...}. */
    public Attachment build() {
      if (notEmpty(color) && !Colors.isValid(color)) {
        throw Checks.invalid("color", "must be one of good, warning, danger or a hex color #RRGGBB");
      }
      if (notEmpty(authorLink) && !notEmpty(authorName)) {
        throw Checks.invalid("authorLink", "cannot be set without authorName");
      }
      if (notEmpty(titleLink) && !notEmpty(title)) {
        throw Checks.invalid("titleLink", "cannot be set without title");
      }
      Checks.requireHttpUrl("authorLink", authorLink);
      Checks.requireHttpUrl("authorIcon", authorIcon);
      Checks.requireHttpUrl("titleLink", titleLink);
      Checks.requireHttpUrl("imageUrl", imageUrl);
      Checks.requireHttpUrl("thumbUrl", thumbUrl);
      Checks.requireHttpUrl("footerIcon", footerIcon);
      if (footer != null && Checks.codePointLength(footer) > MAX_FOOTER_LENGTH) {
        throw Checks.invalid("footer", "must be at most " + MAX_FOOTER_LENGTH + " characters");
      }
      Checks.requireDistinctActionIds("actions", actions);
      return new Attachment(this);
    }

    private static boolean notEmpty(String value) {
      return value != null && !value.isEmpty();
    }
  }
}
