package org.commandcenter.sandbox;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/** For tests that each need a fresh stand-in with the sample data: started before, closed after every test. */
abstract class SandboxPerTest {
  protected MattermostSandbox mm;

  @BeforeEach
  final void startSandbox() throws Exception {
    mm = MattermostSandbox.builder().withSampleData().build().start();
  }

  @AfterEach
  final void stopSandbox() {
    mm.close();
  }
}
