package org.commandcenter.sonar.mattermost;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.sonar.api.Plugin;
import org.sonar.api.PropertyType;
import org.sonar.api.SonarEdition;
import org.sonar.api.SonarProduct;
import org.sonar.api.SonarQubeSide;
import org.sonar.api.SonarRuntime;
import org.sonar.api.config.PropertyDefinition;
import org.sonar.api.utils.Version;

class MattermostPropertiesTest {

  private final Map<String, PropertyDefinition> definitions = MattermostProperties.definitions().stream()
      .collect(Collectors.toMap(PropertyDefinition::key, Function.identity()));

  @Test
  void putsEverySettingInTheMattermostCategory() {
    assertThat(definitions).hasSize(17);
    assertThat(definitions.values()).allSatisfy(definition -> {
      assertThat(definition.category()).isEqualTo("Mattermost");
      assertThat(definition.name()).isNotBlank();
      assertThat(definition.description()).isNotBlank();
    });
  }

  @Test
  void keepsSecretsSecured() {
    assertThat(definitions.values()).filteredOn(d -> d.type() == PropertyType.PASSWORD)
        .extracting(PropertyDefinition::key)
        .containsExactlyInAnyOrder(MattermostProperties.BOT_TOKEN, MattermostProperties.WEBHOOK_URL,
            MattermostProperties.WEB_API_TOKEN)
        .allMatch(key -> key.endsWith(".secured"));
  }

  @Test
  void offersTheThreeNotifyModes() {
    PropertyDefinition notify = definitions.get(MattermostProperties.NOTIFY);

    assertThat(notify.type()).isEqualTo(PropertyType.SINGLE_SELECT_LIST);
    assertThat(notify.options()).containsExactly("failed", "changes", "always");
    assertThat(notify.defaultValue()).isEqualTo("failed");
    assertThat(notify.validate("sometimes").isValid()).isFalse();
  }

  @Test
  void letsProjectsChooseOnlyTheirChannelOnTheirOwnPage() {
    assertThat(definitions.values()).filteredOn(d -> !d.qualifiers().isEmpty())
        .extracting(PropertyDefinition::key).containsExactly(MattermostProperties.PROJECT_CHANNEL);
    assertThat(definitions.get(MattermostProperties.PROJECT_CHANNEL).qualifiers()).containsExactly("TRK");
    assertThat(definitions.get(MattermostProperties.PROJECT_CHANNEL).global()).isFalse();
    assertThat(definitions.get(MattermostProperties.ALLOWED_CHANNELS).multiValues()).isTrue();
    assertThat(definitions.get(MattermostProperties.PROJECT_CHANNELS).type()).isEqualTo(PropertyType.PROPERTY_SET);
    assertThat(definitions.get(MattermostProperties.PROJECT_CHANNELS).fields())
        .extracting(f -> f.key()).containsExactly("projectKey", "channel");
  }

  @Test
  void typesBooleansAndRegularExpressions() {
    assertThat(definitions.get(MattermostProperties.ENABLED).type()).isEqualTo(PropertyType.BOOLEAN);
    assertThat(definitions.get(MattermostProperties.PULL_REQUESTS).defaultValue()).isEqualTo("false");
    assertThat(definitions.get(MattermostProperties.BRANCHES).type()).isEqualTo(PropertyType.REGULAR_EXPRESSION);
    assertThat(definitions.get(MattermostProperties.CA_CERTIFICATES).type()).isEqualTo(PropertyType.TEXT);
  }

  @Test
  void pluginRegistersSettingsTaskQueueAndSensor() {
    Plugin.Context context = new Plugin.Context(runtime());

    new MattermostGatePlugin().define(context);

    @SuppressWarnings("unchecked") // the API returns a raw List
    List<Object> extensions = context.getExtensions();
    assertThat(extensions).contains(AlertDelivery.class, LastGateStatuses.class, GateSettingsSource.class,
        QualityGateAlertTask.class, ProjectChannelSensor.class);
    assertThat(extensions).filteredOn(PropertyDefinition.class::isInstance).hasSize(17);
  }

  private static SonarRuntime runtime() {
    return new SonarRuntime() {
      @Override
      public Version getApiVersion() {
        return Version.create(9, 14);
      }

      @Override
      public SonarProduct getProduct() {
        return SonarProduct.SONARQUBE;
      }

      @Override
      public SonarQubeSide getSonarQubeSide() {
        return SonarQubeSide.COMPUTE_ENGINE;
      }

      @Override
      public SonarEdition getEdition() {
        return SonarEdition.COMMUNITY;
      }
    };
  }
}
