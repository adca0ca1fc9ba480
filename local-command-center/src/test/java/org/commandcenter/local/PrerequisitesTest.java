package org.commandcenter.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PrerequisitesTest {

  @Test
  void readsTheFeatureVersionFromTheJdkReleaseFile(@TempDir Path jdk) throws Exception {
    Files.writeString(jdk.resolve("release"), "IMPLEMENTOR=\"Eclipse Adoptium\"\nJAVA_VERSION=\"25.0.3\"\n");
    assertThat(Prerequisites.javaVersion(jdk)).isEqualTo(25);

    Files.writeString(jdk.resolve("release"), "JAVA_VERSION=\"1.8.0_412\"\n");
    assertThat(Prerequisites.javaVersion(jdk)).isEqualTo(8);
  }

  @Test
  void aDirectoryWithoutReleaseFileIsNoJdk(@TempDir Path empty) {
    assertThat(Prerequisites.javaVersion(empty)).isEqualTo(-1);
  }

  @Test
  void refusesAPreferredJavaOlderThan21AndSaysWhy(@TempDir Path jdk17) throws Exception {
    Files.writeString(jdk17.resolve("release"), "JAVA_VERSION=\"17.0.15\"\n");
    Files.createDirectories(jdk17.resolve("bin"));
    StringWriter output = new StringWriter();

    Prerequisites prerequisites = new Prerequisites(new Console(new PrintWriter(output, true), true));
    var found = prerequisites.javaForSonarQube(jdk17);

    assertThat(output.toString()).contains("is Java 17; SonarQube needs 21 or newer");
    found.ifPresent(java -> assertThat(Prerequisites.javaVersion(java.getParent().getParent())).isGreaterThanOrEqualTo(21));
  }
}
