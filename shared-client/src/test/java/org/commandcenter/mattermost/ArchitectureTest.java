package org.commandcenter.mattermost;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** The client is a plain library: no Jenkins or SonarQube types, and nothing else of ours. */
class ArchitectureTest {
  private static final JavaClasses CLIENT = new ClassFileImporter()
      .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
      .importPackages("org.commandcenter");

  @Test
  void usesNoJenkinsOrSonarTypes() {
    noClasses().should().dependOnClassesThat()
        .resideInAnyPackage("hudson..", "jenkins..", "org.jenkinsci..", "org.kohsuke.stapler..",
            "org.sonar..", "org.sonarsource..")
        .check(CLIENT);
  }

  @Test
  void usesNothingOfOursOutsideTheClient() {
    noClasses().that().resideInAPackage("org.commandcenter.mattermost..")
        .should().dependOnClassesThat(JavaClass.Predicates.resideInAPackage("org.commandcenter..")
            .and(JavaClass.Predicates.resideOutsideOfPackage("org.commandcenter.mattermost..")))
        .check(CLIENT);
  }
}
