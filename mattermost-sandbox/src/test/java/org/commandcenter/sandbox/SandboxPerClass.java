package org.commandcenter.sandbox;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** For tests that share one stand-in with the sample data, started once for the class (test classes run one after another). */
abstract class SandboxPerClass {
  protected static MattermostSandbox mm;

  @BeforeAll
  static void startSandbox() throws Exception {
    mm = MattermostSandbox.builder().withSampleData().build().start();
  }

  @AfterAll
  static void stopSandbox() {
    mm.close();
  }
}
