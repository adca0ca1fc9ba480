package org.commandcenter.notifier.core;

/** The Jenkins permissions ChatOps checks, as the user who asked, before doing anything ({@code hudson.model.Item}). */
public enum JobPermission {
  READ("Job/Read"),
  BUILD("Job/Build"),
  CANCEL("Job/Cancel");

  private final String displayName;

  JobPermission(String displayName) {
    this.displayName = displayName;
  }

  /** As Jenkins' security matrix names it, e.g. {@code Job/Build}. */
  public String displayName() {
    return displayName;
  }
}
