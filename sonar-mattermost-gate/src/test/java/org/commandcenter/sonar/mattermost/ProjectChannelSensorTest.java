package org.commandcenter.sonar.mattermost;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Proxy;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.sonar.api.batch.sensor.SensorContext;
import org.sonar.api.batch.sensor.SensorDescriptor;
import org.sonar.api.config.Configuration;

class ProjectChannelSensorTest {

  private final ProjectChannelSensor sensor = new ProjectChannelSensor();
  private final Map<String, String> contextProperties = new HashMap<>();

  @Test
  void copiesTheProjectsChannelIntoTheAnalysisContext() {
    sensor.execute(context(new MapConfiguration().set(MattermostProperties.PROJECT_CHANNEL, " payments ")));

    assertThat(contextProperties).containsExactly(Map.entry(MattermostProperties.CONTEXT_CHANNEL, "payments"));
  }

  @Test
  void copiesNothingWithoutAChannel() {
    sensor.execute(context(new MapConfiguration().set(MattermostProperties.PROJECT_CHANNEL, " ")));
    sensor.execute(context(new MapConfiguration()));

    assertThat(contextProperties).isEmpty();
  }

  @Test
  void runsOnlyWhenTheProjectHasAChannel() {
    AtomicReference<Predicate<Configuration>> condition = new AtomicReference<>();
    AtomicReference<String> name = new AtomicReference<>();
    SensorDescriptor descriptor = (SensorDescriptor) Proxy.newProxyInstance(getClass().getClassLoader(),
        new Class<?>[] {SensorDescriptor.class}, (proxy, method, args) -> {
          if (method.getName().equals("name")) {
            name.set((String) args[0]);
          } else if (method.getName().equals("onlyWhenConfiguration")) {
            @SuppressWarnings("unchecked")
            Predicate<Configuration> predicate = (Predicate<Configuration>) args[0];
            condition.set(predicate);
          }
          return proxy;
        });

    sensor.describe(descriptor);

    assertThat(name.get()).isEqualTo("Mattermost channel of the project");
    assertThat(condition.get().test(new MapConfiguration())).isFalse();
    assertThat(condition.get().test(new MapConfiguration().set(MattermostProperties.PROJECT_CHANNEL, "x"))).isTrue();
  }

  private SensorContext context(Configuration config) {
    return (SensorContext) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {SensorContext.class},
        (proxy, method, args) -> {
          switch (method.getName()) {
            case "config":
              return config;
            case "addContextProperty":
              contextProperties.put((String) args[0], (String) args[1]);
              return null;
            default:
              throw new UnsupportedOperationException(method.getName());
          }
        });
  }
}
