package org.commandcenter.mattermost;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * The ICE part of the Calls plugin's client configuration ({@code GET /plugins/com.mattermost.calls/config},
 * mattermost-plugin-calls server/configuration.go getClientConfig).
 *
 * @param iceServers {@code ICEServersConfigs} for clients: the STUN entries and the TURN entries with fixed
 *     credentials (getICEServers(forClient) leaves out TURN entries without them; the deprecated comma-separated
 *     {@code ICEServers} comes last as one more entry); empty when the plugin sends null
 * @param needsTurnCredentials {@code NeedsTURNCredentials}: TURNStaticAuthSecret is set and a TURN entry has no
 *     credentials, so clients fetch generated ones from {@code /turn-credentials}
 */
public record CallsIceConfiguration(List<IceServer> iceServers, boolean needsTurnCredentials) {
  public CallsIceConfiguration {
    iceServers = List.copyOf(requireNonNull(iceServers, "iceServers == null"));
  }
}
