package org.commandcenter.local;

import static java.util.Objects.requireNonNull;

import java.security.SecureRandom;
import org.commandcenter.mattermost.MattermostClient;
import org.commandcenter.notifier.core.ActionSigner;
import org.commandcenter.notifier.core.AlertButtons;
import org.commandcenter.notifier.core.ChatOps;
import org.commandcenter.notifier.core.ChatOpsConfig;

/**
 * ChatOps in the local command center, wired as the Jenkins plugin wires it: a fresh signing secret, buttons pointing
 * at the endpoint's actions URL, the slash command's token, the scripted job behind the port, and every action in
 * the console ("jenkins> ChatOps: …") as the plugin writes them to the Jenkins log.
 */
final class LocalChatOps {
  static final String TRIGGER = "jenkins";
  static final String AUTOCOMPLETE_HINT = "[build|status|log|abort|help] <job> [#n] [NAME=value …]";

  private final String publicUrl;
  private final ActionSigner signer;

  /** @param publicUrl how Mattermost reaches the endpoint, e.g. {@code http://127.0.0.1:8099} */
  LocalChatOps(String publicUrl) {
    this.publicUrl = requireNonNull(publicUrl, "publicUrl == null").replaceAll("/+$", "");
    byte[] secret = new byte[32];
    new SecureRandom().nextBytes(secret);
    this.signer = ActionSigner.builder().secret(secret).instanceId("command-center-local").build();
  }

  String actionsUrl() {
    return publicUrl + ChatOpsEndpoint.ACTIONS;
  }

  String commandUrl() {
    return publicUrl + ChatOpsEndpoint.COMMAND;
  }

  AlertButtons buttons() {
    return AlertButtons.of(actionsUrl(), signer);
  }

  ChatOps chatOps(MattermostClient client, ScriptedBuilds job, String commandToken, Console console) {
    return ChatOps.builder()
        .client(client)
        .port(new DemoJenkins(job))
        .buttons(buttons())
        .config(ChatOpsConfig.builder().trigger(TRIGGER).commandToken(commandToken).build())
        .audit(event -> console.detail("jenkins> " + event))
        .log(text -> console.detail("jenkins> ChatOps: " + text))
        .build();
  }
}
