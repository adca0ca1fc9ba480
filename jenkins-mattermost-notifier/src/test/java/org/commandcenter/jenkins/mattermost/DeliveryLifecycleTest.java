package org.commandcenter.jenkins.mattermost;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** What Jenkins' start and stop ask of the delivery engines ({@link DeliveryLifecycle}). */
class DeliveryLifecycleTest {

  @AfterEach
  void tearDown() {
    PluginContext.set(null);
  }

  @Test
  void aMissingClassWhileStartingTheEnginesDoesNotFailJenkinsStart() {
    FakeContext context = new FakeContext() {
      @Override
      Path jenkinsHome() {
        throw new NoClassDefFoundError("okhttp3/OkHttpClient");
      }
    };
    PluginContext.set(context);

    // jenkins-2.479.3 Jenkins.java (constructor) catches only RuntimeException around onLoaded(): an Error would
    // end Jenkins' start.
    assertThatCode(() -> new DeliveryLifecycle().onLoaded()).doesNotThrowAnyException();

    assertThat(context.delivery.health()).as("not started: the shared in-memory engine is used").isNull();
  }
}
