package org.commandcenter.sonar.mattermost;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaAccess;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaMethod;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * One jar for 9.9 LTA to 26.x: the code compiles against API 9.14, so nothing here may touch what later APIs
 * removed (the server's own API classes are what the plugin runs against).
 */
class ApiCompatibilityTest {

  private static final JavaClasses PLUGIN = new ClassFileImporter()
      .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
      .importPackages("org.commandcenter.sonar.mattermost");

  /** owner#name of members removed from the plugin API after 9.14. */
  private static final Set<String> REMOVED = Set.of(
      "org.sonar.api.ce.posttask.QualityGate$Status#WARN",
      "org.sonar.api.ce.posttask.QualityGate$EvaluationStatus#WARN",
      "org.sonar.api.ce.posttask.QualityGate$Operator#EQUALS",
      "org.sonar.api.ce.posttask.QualityGate$Operator#NOT_EQUALS",
      "org.sonar.api.ce.posttask.QualityGate$Condition#getWarningThreshold",
      "org.sonar.api.ce.posttask.QualityGate$Condition#isOnLeakPeriod",
      "org.sonar.api.ce.posttask.PostProjectAnalysisTask$ProjectAnalysis#getScmRevisionId",
      "org.sonar.api.platform.Server#getPermanentServerId",
      "org.sonar.api.platform.Server#isSecured",
      "org.sonar.api.PropertyType#METRIC",
      "org.sonar.api.PropertyType#METRIC_LEVEL",
      "org.sonar.api.PropertyType#LICENSE",
      "org.sonar.api.PropertyType#LONG");

  @Test
  void usesNoPluginApiMemberRemovedAfterTheLta() {
    noClasses().should().accessTargetWhere(new DescribedPredicate<JavaAccess<?>>("a member removed after API 9.14") {
      @Override
      public boolean test(JavaAccess<?> access) {
        return REMOVED.contains(access.getTargetOwner().getName() + "#" + access.getTarget().getName());
      }
    }).check(PLUGIN);
  }

  /** owner#name of members that later APIs deprecate for removal (API 10.13 replaced qualifiers by config scopes). */
  private static final Set<String> DEPRECATED_FOR_REMOVAL = Set.of(
      "org.sonar.api.config.PropertyDefinition$Builder#onlyOnQualifiers",
      "org.sonar.api.config.PropertyDefinition$Builder#onQualifiers",
      "org.sonar.api.config.PropertyDefinition#qualifiers");

  @Test
  void reachesMembersDeprecatedForRemovalOnlyAsAFallbackForOlderServers() {
    noClasses().should().accessTargetWhere(new DescribedPredicate<JavaAccess<?>>("a member deprecated for removal") {
      @Override
      public boolean test(JavaAccess<?> access) {
        return DEPRECATED_FOR_REMOVAL.contains(access.getTargetOwner().getName() + "#" + access.getTarget().getName())
            && !access.getOrigin().getFullName().startsWith(MattermostProperties.class.getName() + ".onlyOnProjects(");
      }
    }).check(PLUGIN);
  }

  @Test
  void usesNoDeprecatedForRemovalQualifiers() {
    noClasses().should().dependOnClassesThat().haveFullyQualifiedName("org.sonar.api.resources.Qualifiers")
        .check(PLUGIN);
  }

  /** SonarQube's container builds extensions through their public constructors: one each, unambiguous. */
  @Test
  void givesEveryExtensionOnePublicConstructor() {
    for (Class<?> extension : List.of(MattermostGatePlugin.class, QualityGateAlertTask.class, AlertDelivery.class,
        LastGateStatuses.class, GateSettingsSource.class, ProjectChannelSensor.class)) {
      org.assertj.core.api.Assertions.assertThat(extension.getConstructors()).as(extension.getName()).hasSize(1);
    }
  }

  @Test
  void implementsOnlyTheContextFlavourOfFinished() {
    for (com.tngtech.archunit.core.domain.JavaClass type : PLUGIN) {
      for (JavaMethod method : type.getMethods()) {
        if (method.getName().equals("finished")) {
          org.assertj.core.api.Assertions.assertThat(method.getRawParameterTypes())
              .extracting(t -> t.getName())
              .as(method.getFullName())
              .containsExactly("org.sonar.api.ce.posttask.PostProjectAnalysisTask$Context");
        }
      }
    }
  }
}
