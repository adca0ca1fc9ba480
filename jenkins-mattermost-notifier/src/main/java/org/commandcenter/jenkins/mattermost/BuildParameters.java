package org.commandcenter.jenkins.mattermost;

import hudson.model.FileParameterValue;
import hudson.model.Job;
import hudson.model.ParameterDefinition;
import hudson.model.ParameterValue;
import hudson.model.ParametersAction;
import hudson.model.ParametersDefinitionProperty;
import hudson.model.Run;
import hudson.model.SimpleParameterDefinition;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.commandcenter.notifier.core.ChatOpsException;

/**
 * The parameter values of a build started from chat, complete: Jenkins takes a ParametersAction as given and does not
 * add the defaults of the parameters it lacks (jenkins-2.479.3 {@code jenkins/model/ParameterizedJobMixIn.java},
 * scheduleBuild2), so every defined parameter gets its value here.
 *
 * <p>{@code /jenkins build} may set only parameters the job defines, and only simple ones, through Jenkins' own
 * {@code SimpleParameterDefinition.createValue(String)} (string, text, boolean, choice, password, run parameters): the
 * definition validates the text as the "Build with Parameters" form would. A rebuild takes the values the build had
 * ({@code ParametersAction.getParameters()}, already limited to the parameters defined when it ran) for parameters the
 * job still defines, and the defaults of the ones defined since.
 */
final class BuildParameters {
  private BuildParameters() {
  }

  /**
   * @return the values, or null for a job without parameters
   * @throws ChatOpsException naming the parameter that is unknown, not settable from chat or refused by Jenkins
   */
  static List<ParameterValue> forBuild(Job<?, ?> job, Map<String, String> given) throws ChatOpsException {
    ParametersDefinitionProperty property = job.getProperty(ParametersDefinitionProperty.class);
    List<ParameterDefinition> definitions = property == null ? List.of() : property.getParameterDefinitions();
    if (definitions.isEmpty()) {
      if (!given.isEmpty()) {
        throw new ChatOpsException(job.getFullName() + " takes no parameters.");
      }
      return null;
    }
    Map<String, ParameterDefinition> byName = new LinkedHashMap<>();
    for (ParameterDefinition definition : definitions) {
      byName.put(definition.getName(), definition);
    }
    for (String name : given.keySet()) {
      ParameterDefinition definition = byName.get(name);
      if (definition == null) {
        throw new ChatOpsException(job.getFullName() + " has no parameter " + name + " (it has: "
            + String.join(", ", byName.keySet()) + "). Parameter names are case-sensitive.");
      }
      if (!(definition instanceof SimpleParameterDefinition)) {
        throw new ChatOpsException(name + " is a " + kind(definition) + "; only text, choice, boolean and other "
            + "simple parameters can be set from Mattermost. Start this build in Jenkins.");
      }
    }
    List<ParameterValue> values = new ArrayList<>();
    for (ParameterDefinition definition : definitions) {
      String name = definition.getName();
      ParameterValue value = given.containsKey(name)
          ? create((SimpleParameterDefinition) definition, name, given.get(name))
          : definition.getDefaultParameterValue();
      if (value != null) {
        values.add(value);
      }
    }
    return values;
  }

  /**
   * @return the values of build {@code run} again, or null for a job without parameters now
   * @throws ChatOpsException when the build had a file parameter, which cannot be replayed
   */
  static List<ParameterValue> forRebuild(Job<?, ?> job, Run<?, ?> run) throws ChatOpsException {
    ParametersDefinitionProperty property = job.getProperty(ParametersDefinitionProperty.class);
    List<ParameterDefinition> definitions = property == null ? List.of() : property.getParameterDefinitions();
    if (definitions.isEmpty()) {
      return null;
    }
    ParametersAction earlier = run.getAction(ParametersAction.class);
    Map<String, ParameterValue> had = new LinkedHashMap<>();
    if (earlier != null) {
      for (ParameterValue value : earlier.getParameters()) {
        if (value != null) {
          had.put(value.getName(), value);
        }
      }
    }
    List<ParameterValue> values = new ArrayList<>();
    for (ParameterDefinition definition : definitions) {
      ParameterValue value = had.get(definition.getName());
      if (value instanceof FileParameterValue) {
        // FileParameterValue keeps its upload in a transient field: the file is not there to send again.
        throw new ChatOpsException(job.getFullName() + " #" + run.getNumber() + " had the file parameter "
            + definition.getName() + "; files cannot be sent again from Mattermost. Rebuild it in Jenkins.");
      }
      if (value == null) {
        value = definition.getDefaultParameterValue();
      }
      if (value != null) {
        values.add(value);
      }
    }
    return values;
  }

  private static ParameterValue create(SimpleParameterDefinition definition, String name, String text)
      throws ChatOpsException {
    try {
      ParameterValue value = definition.createValue(text);
      if (value == null) {
        throw new ChatOpsException("Jenkins refused the value of " + name + ".");
      }
      return value;
    } catch (IllegalArgumentException e) {
      // e.g. "Illegal choice for parameter X: <value>": the value is the asker's own, still not repeated anywhere.
      String why = e.getMessage() == null ? "" : e.getMessage();
      if (!text.isEmpty()) {
        why = why.replace(text, "<value>");
      }
      throw new ChatOpsException("Jenkins refused the value of " + name + (why.isBlank() ? "." : ": " + why));
    }
  }

  private static String kind(ParameterDefinition definition) {
    String simple = definition.getClass().getSimpleName();
    String kind = simple.endsWith("Definition") ? simple.substring(0, simple.length() - "Definition".length()) : simple;
    return kind.replaceAll("([a-z])([A-Z])", "$1 $2").toLowerCase(java.util.Locale.ROOT);
  }
}
