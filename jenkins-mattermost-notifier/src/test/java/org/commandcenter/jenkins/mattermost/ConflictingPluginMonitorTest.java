package org.commandcenter.jenkins.mattermost;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import hudson.model.Descriptor;
import java.util.List;
import jenkins.model.GlobalConfiguration;
import org.jenkinsci.Symbol;
import org.jenkinsci.plugins.workflow.steps.StepDescriptor;
import org.junit.jupiter.api.Test;

/** The monitor speaks up exactly when another plugin claims our step name or our old configuration key. */
class ConflictingPluginMonitorTest {
  /** Stands for the jenkinsci mattermost plugin's descriptor, which carries @Symbol("mattermostNotifier"). */
  @Symbol("mattermostNotifier")
  static final class OldPluginsDescriptor extends GlobalConfiguration {
  }

  private static StepDescriptor step(String functionName) {
    StepDescriptor step = mock(StepDescriptor.class);
    when(step.getFunctionName()).thenReturn(functionName);
    return step;
  }

  @Test
  void quietWhenOnlyThisPluginUsesTheNames() {
    MattermostSendStep.DescriptorImpl ours = new MattermostSendStep.DescriptorImpl();

    assertThat(ConflictingPluginMonitor.conflicts(List.of(ours, step("echo")), List.<Descriptor<?>>of())).isFalse();
  }

  @Test
  void activeWhenAnotherStepIsCalledMattermostSend() {
    assertThat(ConflictingPluginMonitor.conflicts(List.of(step("mattermostSend")), List.<Descriptor<?>>of()))
        .isTrue();
  }

  @Test
  void activeWhenAnotherDescriptorUsesTheOldConfigurationKey() {
    assertThat(ConflictingPluginMonitor.conflicts(List.<StepDescriptor>of(), List.of(new OldPluginsDescriptor())))
        .isTrue();
  }

  @Test
  void ourGlobalConfigurationHasAKeyOfItsOwnFirst() {
    Symbol symbol = MattermostGlobalConfiguration.class.getAnnotation(Symbol.class);

    assertThat(symbol.value()).containsExactly("commandCenterMattermost", "mattermostNotifier");
  }
}
