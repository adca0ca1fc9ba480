package org.commandcenter.sonar.mattermost;

import org.sonar.api.Plugin;

/** Quality gate alerts to Mattermost: settings, the scanner-side channel carrier and the Compute Engine task. */
public class MattermostGatePlugin implements Plugin {

  @Override
  public void define(Context context) {
    context.addExtensions(MattermostProperties.definitions());
    context.addExtensions(AlertDelivery.class, LastGateStatuses.class, GateSettingsSource.class,
        QualityGateAlertTask.class, ProjectChannelSensor.class);
  }
}
