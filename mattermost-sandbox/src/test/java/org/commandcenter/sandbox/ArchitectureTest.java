package org.commandcenter.sandbox;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** The sandbox is a test tool: its production code uses neither our client nor OkHttp (only its tests do). */
class ArchitectureTest {
  private static final JavaClasses SANDBOX = new ClassFileImporter()
      .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
      .importPackages("org.commandcenter.sandbox");

  @Test
  void productionCodeDoesNotDependOnTheClientOrOkHttp() {
    noClasses().should().dependOnClassesThat().resideInAnyPackage("org.commandcenter.mattermost..", "okhttp3..", "okio..")
        .check(SANDBOX);
  }

  @Test
  void publicApiDoesNotDependOnTheInbox() {
    noClasses().that().resideInAPackage("org.commandcenter.sandbox.internal..")
        .should().dependOnClassesThat().resideInAPackage("org.commandcenter.sandbox.inbox..")
        .check(SANDBOX);
  }
}
