package org.commandcenter.local;

import java.io.IOException;
import java.util.List;
import org.commandcenter.realservers.CoturnServer;
import org.commandcenter.sandbox.IceServerConfig;
import org.commandcenter.sandbox.MattermostSandbox;
import org.commandcenter.sandbox.SandboxSettings;

/**
 * The Mattermost of the local command center: the stand-in with its standard world (team {@code factory}, people,
 * {@code jenkins-bot} and {@code sonar-bot} with tokens, {@code #builds}, {@code #alerts}, {@code #war-room}) and
 * Calls enabled in {@code #war-room}, as an admin would set it up for War Rooms.
 */
public final class LocalMattermost {
  public static final String TEAM = MattermostSandbox.TEAM;
  public static final String BUILDS = "builds";
  public static final String ALERTS = "alerts";
  public static final String WAR_ROOM = "war-room";
  public static final String JENKINS_BOT_TOKEN = MattermostSandbox.JENKINS_BOT_TOKEN;
  public static final String SONAR_BOT_TOKEN = MattermostSandbox.SONAR_BOT_TOKEN;

  private LocalMattermost() {
  }

  /** Starts the stand-in on 127.0.0.1:{@code port} (0 = a free port). */
  public static MattermostSandbox start(int port) throws IOException {
    return MattermostSandbox.builder()
        .withSampleData()
        .callsEnabled(TEAM, WAR_ROOM, true)
        // Most sites turn these on so webhook integrations can show their own name and icon; and a Jenkins on the
        // same host is an internal address Mattermost refuses to call until the admin allows it (docs/chatops.md).
        .settings(SandboxSettings.builder().enablePostUsernameOverride(true).enablePostIconOverride(true)
            .allowedUntrustedInternalConnections("127.0.0.1").build())
        .port(port)
        .build()
        .start();
  }

  /**
   * Points the stand-in's Calls plugin at {@code coturn}, as an admin sets System Console > Plugins > Calls on a site
   * (docs/war-room.md): ICEServersConfigs with coturn's turn:/turns: URLs and no username/credential, and
   * TURNStaticAuthSecret = coturn's static-auth-secret, so Calls hands out credentials for it.
   */
  public static IceServerConfig useTurn(MattermostSandbox mattermost, CoturnServer coturn) throws IOException {
    String host = coturn.host();
    IceServerConfig turn = IceServerConfig.of(
        "turn:" + host + ":" + coturn.plainPort() + "?transport=udp",
        "turn:" + host + ":" + coturn.plainPort() + "?transport=tcp",
        "turns:" + host + ":" + coturn.tlsPort());
    mattermost.settings(mattermost.settings().newBuilder()
        .callsIceServersConfigs(List.of(turn))
        .callsTurnStaticAuthSecret(coturn.secret())
        .build());
    return turn;
  }
}
