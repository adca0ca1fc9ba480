package org.commandcenter.sandbox;

/** A custom slash command created in the sandbox: its id and the token Mattermost generated for it (a secret). */
public final class SlashCommandInfo {
  private final String id;
  private final String token;
  private final String trigger;
  private final String url;

  SlashCommandInfo(String id, String token, String trigger, String url) {
    this.id = id;
    this.token = token;
    this.trigger = trigger;
    this.url = url;
  }

  public String id() {
    return id;
  }

  /** 26 characters of NewId, as model.Command.PreSave makes it. */
  public String token() {
    return token;
  }

  public String trigger() {
    return trigger;
  }

  public String url() {
    return url;
  }

  @Override
  public String toString() {
    return "SlashCommandInfo{/" + trigger + " -> " + url + "}";
  }
}
