package org.commandcenter.jenkins.mattermost;

import hudson.Extension;
import hudson.ExtensionList;
import hudson.model.AdministrativeMonitor;
import hudson.model.Descriptor;
import java.util.Arrays;
import org.jenkinsci.Symbol;
import org.jenkinsci.plugins.workflow.steps.StepDescriptor;

/**
 * Warns administrators while another plugin — in practice the jenkinsci {@code mattermost} plugin — defines the same
 * names as this one. Then Pipeline resolves {@code mattermostSend} to the first step by ordinal, then display name
 * (workflow-cps {@code DSL.java}; core {@code ExtensionComponent.compareTo}): both have ordinal 0 and "Send Mattermost
 * message" sorts before "Send a Mattermost message", so the old plugin's step always wins and this plugin's
 * parameters are dropped. Configuration as Code and Pipeline symbols resolve {@code mattermostNotifier} to whichever
 * descriptor they meet first (structs {@code SymbolLookup}; configuration-as-code {@code Attribute} equality by
 * name). The message says how to migrate (message.jelly).
 */
@Extension
public final class ConflictingPluginMonitor extends AdministrativeMonitor {
  static final String STEP_FUNCTION = "mattermostSend";

  @Override
  public String getDisplayName() {
    return Messages.get("monitor.conflict.displayName");
  }

  /** Cheap enough for every page render: one pass over two cached extension lists. */
  @Override
  public boolean isActivated() {
    return conflicts(ExtensionList.lookup(StepDescriptor.class), ExtensionList.lookup(Descriptor.class));
  }

  /** Whether a step other than ours is called {@code mattermostSend}, or a descriptor other than ours uses our old symbol. */
  static boolean conflicts(Iterable<? extends StepDescriptor> steps, Iterable<? extends Descriptor> descriptors) {
    for (StepDescriptor step : steps) {
      if (STEP_FUNCTION.equals(step.getFunctionName()) && !(step instanceof MattermostSendStep.DescriptorImpl)) {
        return true;
      }
    }
    for (Descriptor<?> descriptor : descriptors) {
      Symbol symbol = descriptor.getClass().getAnnotation(Symbol.class);
      if (symbol != null && !(descriptor instanceof MattermostGlobalConfiguration)
          && Arrays.asList(symbol.value()).contains(MattermostGlobalConfiguration.OLD_SYMBOL)) {
        return true;
      }
    }
    return false;
  }
}
