package org.commandcenter.jenkins.mattermost;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** A thin adapter: it calls the core's public API only, never the use cases' internals below it. */
class ArchitectureTest {
  private static final JavaClasses ADAPTER = new ClassFileImporter()
      .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
      .importPackages("org.commandcenter.jenkins.mattermost");

  @Test
  void callsOnlyTheCoresPublicApi() {
    noClasses().that().resideInAPackage("org.commandcenter.jenkins..")
        .should().dependOnClassesThat().resideInAnyPackage("org.commandcenter.notifier.core.build..",
            "org.commandcenter.notifier.core.step..")
        .check(ADAPTER);
  }
}
