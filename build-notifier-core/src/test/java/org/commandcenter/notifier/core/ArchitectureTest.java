package org.commandcenter.notifier.core;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** The core stays Jenkins-free so that it can be unit-tested and reused; only the adapters know Jenkins. */
class ArchitectureTest {
  private static final JavaClasses CORE = new ClassFileImporter()
      .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
      .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_JARS)
      .importPackages("org.commandcenter.notifier.core");

  @Test
  void coreHasNoJenkinsTypes() {
    noClasses().should().dependOnClassesThat()
        .resideInAnyPackage("hudson..", "jenkins..", "org.jenkinsci..", "org.kohsuke.stapler..")
        .check(CORE);
  }

  @Test
  void coreDoesNotDependOnTheAdaptersOrTheSandbox() {
    noClasses().should().dependOnClassesThat()
        .resideInAnyPackage("org.commandcenter.jenkins..", "org.commandcenter.sandbox..", "org.commandcenter.sonar..",
            "org.commandcenter.cli..")
        .check(CORE);
  }

  @Test
  void useCasesDoNotCallEachOther() {
    String[] useCases = {"..core.build..", "..core.step..", "..core.chatops.."};
    for (String from : useCases) {
      for (String to : useCases) {
        if (!from.equals(to)) {
          noClasses().that().resideInAPackage(from).should().dependOnClassesThat().resideInAPackage(to).check(CORE);
        }
      }
    }
  }

  @Test
  void theSharedWayToTheDeliveryEngineKnowsNoUseCase() {
    noClasses().that().resideInAPackage("..core.delivery..")
        .should().dependOnClassesThat().resideInAnyPackage("..core.build..", "..core.step..").check(CORE);
  }
}
