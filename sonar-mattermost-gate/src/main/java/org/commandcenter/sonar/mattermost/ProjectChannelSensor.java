package org.commandcenter.sonar.mattermost;

import org.sonar.api.batch.sensor.SensorContext;
import org.sonar.api.batch.sensor.SensorDescriptor;
import org.sonar.api.scanner.sensor.ProjectSensor;

/**
 * Scanner side: carries the project's own channel setting to the Compute Engine, whose configuration has global
 * settings only. What arrives this way can be forged by whoever runs the analysis, so the Compute Engine only uses
 * it to pick from the administrator's allow-list.
 */
public class ProjectChannelSensor implements ProjectSensor {

  @Override
  public void describe(SensorDescriptor descriptor) {
    descriptor.name("Mattermost channel of the project")
        .onlyWhenConfiguration(config -> config.get(MattermostProperties.PROJECT_CHANNEL)
            .filter(value -> !value.isBlank()).isPresent());
  }

  @Override
  public void execute(SensorContext context) {
    context.config().get(MattermostProperties.PROJECT_CHANNEL)
        .map(String::trim)
        .filter(value -> !value.isEmpty())
        .ifPresent(channel -> context.addContextProperty(MattermostProperties.CONTEXT_CHANNEL, channel));
  }
}
