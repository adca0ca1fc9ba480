package org.commandcenter.mattermost;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Locale;

/**
 * One ICE server as the Calls plugin hands it to clients, a WebRTC {@code RTCIceServer} (rtcd service/rtc
 * ICEServerConfig: {@code urls}, {@code username}, {@code credential}). The credential is a secret: it stays out of
 * {@link #toString()}.
 *
 * @param urls {@code stun:}, {@code turn:} or {@code turns:} URLs (RFC 7064, RFC 7065)
 * @param username empty when the entry has none
 * @param credential empty when the entry has none
 */
public record IceServer(List<String> urls, String username, String credential) {
  public IceServer {
    requireNonNull(urls, "urls == null");
    for (int i = 0; i < urls.size(); i++) {
      requireNonNull(urls.get(i), "urls[" + i + "] == null");
    }
    if (urls.isEmpty()) {
      throw new IllegalArgumentException("urls: at least one URL");
    }
    urls = List.copyOf(urls);
    requireNonNull(username, "username == null");
    requireNonNull(credential, "credential == null");
  }

  /** Whether {@code url} is a TURN URL ({@code turn:} or {@code turns:}), as rtcd's ICEServerConfig.IsTURN asks. */
  public static boolean isTurnUrl(String url) {
    String lower = url.trim().toLowerCase(Locale.ROOT);
    return lower.startsWith("turn:") || lower.startsWith("turns:");
  }

  /** The TURN URLs of this entry, in order. */
  public List<String> turnUrls() {
    return urls.stream().filter(IceServer::isTurnUrl).toList();
  }

  @Override
  public String toString() {
    return "IceServer{urls=" + urls + (username.isEmpty() ? "" : ", username=" + username)
        + (credential.isEmpty() ? "" : ", credential=██") + "}";
  }
}
