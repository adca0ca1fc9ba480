package org.commandcenter.sandbox;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * One entry of the Calls plugin's {@code ICEServersConfigs} setting (rtcd service/rtc ICEServerConfig: {@code urls},
 * {@code username}, {@code credential}). A TURN entry without username and credential gets credentials generated
 * from {@code TURNStaticAuthSecret}; one with them is handed to clients as it is.
 */
public final class IceServerConfig {
  private final List<String> urls;
  private final String username;
  private final String credential;

  private IceServerConfig(List<String> urls, String username, String credential) {
    if (urls.isEmpty()) throw new IllegalArgumentException("urls: at least one URL");
    for (int i = 0; i < urls.size(); i++) {
      requireNonNull(urls.get(i), "urls[" + i + "] == null");
    }
    this.urls = List.copyOf(urls);
    this.username = requireNonNull(username, "username == null");
    this.credential = requireNonNull(credential, "credential == null");
  }

  /** An entry without credentials, e.g. {@code of("turn:turn.example:3478?transport=udp", "turns:turn.example:5349")}. */
  public static IceServerConfig of(String... urls) {
    return new IceServerConfig(List.of(urls), "", "");
  }

  public static IceServerConfig of(List<String> urls) {
    return new IceServerConfig(urls, "", "");
  }

  /** The same URLs with fixed credentials (no generated ones for this entry). */
  public IceServerConfig withCredentials(String username, String credential) {
    return new IceServerConfig(urls, username, credential);
  }

  public List<String> urls() { return urls; }
  public String username() { return username; }
  public String credential() { return credential; }

  /**
   * rtcd v1.2.6 service/rtc/config.go ICEServerConfig.IsTURN: <em>every</em> URL has the {@code turn:} or
   * {@code turns:} scheme (an entry mixing stun: and turn: URLs is no TURN entry, so gets no generated credentials).
   */
  public boolean isTurn() {
    return urls.stream().allMatch(url -> url.startsWith("turn:") || url.startsWith("turns:"));
  }

  /** configuration.go getTURNConfigsForCredentials: a TURN entry with neither username nor credential. */
  public boolean needsGeneratedCredentials() {
    return isTurn() && username.isEmpty() && credential.isEmpty();
  }

  @Override
  public String toString() {
    // The credential is a secret.
    return "IceServerConfig{urls=" + urls + (username.isEmpty() ? "" : ", username=" + username) + "}";
  }
}
