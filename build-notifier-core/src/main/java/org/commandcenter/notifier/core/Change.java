package org.commandcenter.notifier.core;

import java.util.Objects;

/**
 * One commit of the build's change set. All fields are optional; all but {@link #authorUsername} are untrusted text
 * written by whoever made the commit.
 */
public final class Change {
  private final String commitId;
  private final String authorName;
  private final String authorEmail;
  private final String authorUsername;
  private final String message;

  private Change(Builder builder) {
    this.commitId = builder.commitId;
    this.authorName = builder.authorName;
    this.authorEmail = builder.authorEmail;
    this.authorUsername = builder.authorUsername;
    this.message = builder.message;
  }

  public static Builder builder() {
    return new Builder();
  }

  public Builder newBuilder() {
    return new Builder(this);
  }

  public String commitId() {
    return commitId;
  }

  public String authorName() {
    return authorName;
  }

  public String authorEmail() {
    return authorEmail;
  }

  /**
   * The author's Mattermost username as the host vouches for it (in Jenkins: the one the author's Jenkins account set
   * in its profile), or null. Unlike the commit's e-mail, the committer cannot choose it.
   */
  public String authorUsername() {
    return authorUsername;
  }

  /** The full commit message; renderers use its first line. */
  public String message() {
    return message;
  }

  /** First line of the message, or "" when there is none. */
  public String summary() {
    if (message == null) {
      return "";
    }
    String trimmed = message.strip();
    int newline = trimmed.indexOf('\n');
    return (newline < 0 ? trimmed : trimmed.substring(0, newline)).strip();
  }

  @Override
  public boolean equals(Object other) {
    if (!(other instanceof Change)) {
      return false;
    }
    Change that = (Change) other;
    return Objects.equals(commitId, that.commitId)
        && Objects.equals(authorName, that.authorName)
        && Objects.equals(authorEmail, that.authorEmail)
        && Objects.equals(authorUsername, that.authorUsername)
        && Objects.equals(message, that.message);
  }

  @Override
  public int hashCode() {
    return Objects.hash(commitId, authorName, authorEmail, message);
  }

  @Override
  public String toString() {
    return "Change{commitId=" + commitId + ", authorName=" + authorName + "}";
  }

  public static final class Builder {
    private String commitId;
    private String authorName;
    private String authorEmail;
    private String authorUsername;
    private String message;

    Builder() {}

    Builder(Change change) {
      this.commitId = change.commitId;
      this.authorName = change.authorName;
      this.authorEmail = change.authorEmail;
      this.authorUsername = change.authorUsername;
      this.message = change.message;
    }

    public Builder commitId(String commitId) {
      this.commitId = commitId;
      return this;
    }

    public Builder authorName(String authorName) {
      this.authorName = authorName;
      return this;
    }

    public Builder authorEmail(String authorEmail) {
      this.authorEmail = authorEmail;
      return this;
    }

    public Builder authorUsername(String authorUsername) {
      this.authorUsername = Checks.emptyToNull(authorUsername);
      return this;
    }

    public Builder message(String message) {
      this.message = message;
      return this;
    }

    public Change build() {
      return new Change(this);
    }
  }
}
