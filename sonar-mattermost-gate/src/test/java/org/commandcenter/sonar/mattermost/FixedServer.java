package org.commandcenter.sonar.mattermost;

import java.util.Date;
import org.sonar.api.platform.Server;

/**
 * The Compute Engine's {@link Server} with a given public root URL (as {@code ServerImpl} reads it). Public: the local
 * command center's screens test uses it too (test-jar).
 */
public final class FixedServer extends Server {

  private final String publicRootUrl;

  public FixedServer(String publicRootUrl) {
    this.publicRootUrl = publicRootUrl;
  }

  @Override
  public String getId() {
    return "AYserver";
  }

  @Override
  public String getPermanentServerId() {
    return getId();
  }

  @Override
  public String getVersion() {
    return "9.9.8.100196";
  }

  @Override
  public Date getStartedAt() {
    return new Date(0);
  }

  @Override
  public String getContextPath() {
    return "";
  }

  @Override
  public String getPublicRootUrl() {
    return publicRootUrl;
  }

  @Override
  public boolean isSecured() {
    return publicRootUrl.startsWith("https://");
  }
}
