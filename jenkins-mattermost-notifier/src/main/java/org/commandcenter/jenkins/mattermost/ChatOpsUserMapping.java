package org.commandcenter.jenkins.mattermost;

/**
 * How a Mattermost user who clicks or types becomes the Jenkins user ChatOps acts as. Persisted in the global
 * configuration by name; Configuration as Code writes the name ({@code chatOpsUserMapping: EMAIL}).
 */
public enum ChatOpsUserMapping {
  /** Mattermost {@code @alice} is the Jenkins user with id {@code alice} (Jenkins' id strategy decides the case). */
  SAME_USERNAME("Same username"),
  /**
   * The one Jenkins user whose e-mail address, set explicitly in their Jenkins profile (mailer plugin), is the
   * Mattermost user's address; none or several: refused.
   */
  EMAIL("E-mail address, exactly one match"),
  /** A table the administrator keeps: {@code mattermostUser=jenkinsUser}, one per line. */
  TABLE("Explicit table");

  private final String displayName;

  ChatOpsUserMapping(String displayName) {
    this.displayName = displayName;
  }

  /** For the form's drop-down. */
  public String getDisplayName() {
    return displayName;
  }
}
