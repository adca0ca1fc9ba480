package org.commandcenter.jenkins.mattermost;

import hudson.AbortException;
import hudson.EnvVars;
import hudson.Extension;
import hudson.model.AbstractBuild;
import hudson.model.AbstractProject;
import hudson.model.BuildListener;
import hudson.model.Item;
import hudson.model.ParameterValue;
import hudson.model.ParametersAction;
import hudson.model.Run;
import hudson.model.TaskListener;
import hudson.tasks.BuildStepDescriptor;
import hudson.tasks.BuildStepMonitor;
import hudson.tasks.Notifier;
import hudson.tasks.Publisher;
import hudson.util.FormValidation;
import hudson.util.ListBoxModel;
import java.io.IOException;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import jenkins.tasks.SimpleBuildStep;
import org.commandcenter.notifier.core.BuildEvent;
import org.commandcenter.notifier.core.BuildFacts;
import org.commandcenter.notifier.core.ChatOps;
import org.commandcenter.notifier.core.MessageTemplate;
import org.commandcenter.notifier.core.NotifyConfig;
import org.commandcenter.notifier.core.WarRoomConfig;
import org.jenkinsci.Symbol;
import org.kohsuke.stapler.AncestorInPath;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;
import org.kohsuke.stapler.QueryParameter;
import org.kohsuke.stapler.verb.POST;

/**
 * Post-build action that tells Mattermost how a build went. In a freestyle job Jenkins calls {@link #prebuild}
 * before the build steps (the "started" notification) and {@link #perform} after them; in a Pipeline it is a
 * {@link SimpleBuildStep} for a {@code post} block: {@code mattermostNotify channel: 'builds'}.
 *
 * <p>Only translates: the decision, the message and the delivery belong to the core engine.
 */
@SuppressWarnings("unchecked") // Notifier.getDescriptor() returns Jenkins' raw BuildStepDescriptor
public class MattermostNotifier extends Notifier implements SimpleBuildStep {
  private boolean notifyStart;
  private boolean notifySuccess;
  private Boolean notifyFailure = true;
  private boolean notifyEveryFailure;
  private boolean notifyRepeatedFailure;
  private Boolean notifyUnstable = true;
  private boolean notifyAborted;
  private boolean notifyNotBuilt;
  private Boolean notifyBackToNormal = true;
  private boolean notifyRegression;

  private String channel;
  private String customMessage;
  private Integer maxFailedTests = NotifyConfig.DEFAULT_MAX_FAILED_TESTS;
  private Integer logTailLines = NotifyConfig.DEFAULT_LOG_TAIL_LINES;
  private Integer maxChanges = NotifyConfig.DEFAULT_MAX_CHANGES;
  private String mainBranches;
  private Boolean mentionCulprits = true;
  private Boolean warRoom = true;
  private Boolean urgent = true;
  private String credentialsId;
  private boolean failOnError;

  @DataBoundConstructor
  public MattermostNotifier() {
    // Every option is a setter, so Pipeline and JCasC can name only what they change.
  }

  /**
   * Jenkins reads config.xml without running a constructor (XStream2 allocates through Unsafe), so a field missing
   * from the XML — Job DSL, XML posted to the REST API, a field added in a later version — would be false/0 rather
   * than its default. The options whose default is something else are boxed, and restored here when absent.
   */
  protected Object readResolve() {
    notifyFailure = orDefault(notifyFailure, true);
    notifyUnstable = orDefault(notifyUnstable, true);
    notifyBackToNormal = orDefault(notifyBackToNormal, true);
    maxFailedTests = orDefault(maxFailedTests, NotifyConfig.DEFAULT_MAX_FAILED_TESTS);
    logTailLines = orDefault(logTailLines, NotifyConfig.DEFAULT_LOG_TAIL_LINES);
    maxChanges = orDefault(maxChanges, NotifyConfig.DEFAULT_MAX_CHANGES);
    mentionCulprits = orDefault(mentionCulprits, true);
    warRoom = orDefault(warRoom, true);
    urgent = orDefault(urgent, true);
    return this;
  }

  private static <T> T orDefault(T value, T fallback) {
    return value != null ? value : fallback;
  }

  // ---- Jenkins entry points ----

  @Override
  public boolean prebuild(AbstractBuild<?, ?> build, BuildListener listener) {
    if (!notifyStart) {
      return true;
    }
    try {
      notify(build, listener, null, true);
    } catch (AbortException e) {
      // failOnError: the "started" message could not even be queued (a configuration error, a credential not
      // found); stop before the build steps run. Whether it is delivered is not waited for.
      listener.error(e.getMessage());
      return false;
    }
    return true;
  }

  /** Pipeline, and freestyle through {@code BuildStepCompatibilityLayer}: the completion notification. */
  @Override
  public void perform(Run<?, ?> run, EnvVars env, TaskListener listener) throws InterruptedException, IOException {
    notify(run, listener, env, false);
  }

  /**
   * Puts the facts and this job's configuration together and hands them to the engine. A problem on the way (a
   * channel name with a space, a global username the core refuses, an SCM that cannot list its changes) is
   * reported like a failed delivery: one line in the log, or failOnError's abort; never an exception that breaks
   * the build.
   *
   * @param env the build's environment, or null to read it from the run
   */
  private void notify(Run<?, ?> run, TaskListener listener, Map<String, String> env, boolean started)
      throws AbortException {
    PluginContext context = PluginContext.current();
    try {
      SendTemplate.run(context, run, listener, new MattermostConnection.Choice(credentialsId, "credentialsId", null),
          new RunThreadStore(run), failOnError, settings -> {
            Map<String, String> variables = messageVariables(run, env != null ? env : environment(run, listener));
            BuildFactsMapper mapper = new BuildFactsMapper(context.rootUrl(), context.clock());
            BuildFacts facts = started ? mapper.started(run, variables) : mapper.completed(run, variables, logTailLines);
            NotifyConfig config = config(settings, variables, context.rootUrl()).newBuilder()
                .owner(context.postOwner(run))
                // The start is queued and the build goes on: an executor never waits for Mattermost before the
                // build steps. The completion waits (up to the deadline) for its first attempt, and for the start's.
                .waitForDelivery(!started)
                .build();
            return engine -> engine.notify(facts, config);
          }, reason -> null);
    } catch (InterruptedException e) {
      // The build is being aborted: give the executor back at once; the notification goes on in the background.
      Thread.currentThread().interrupt();
    }
  }

  /** Neither the log nor Mattermost need a workspace, so Pipeline may call it outside {@code node}. */
  @Override
  public boolean requiresWorkspace() {
    return false;
  }

  /** Never wait for the previous build's notifier: notifications must not serialize builds. */
  @Override
  public BuildStepMonitor getRequiredMonitorService() {
    return BuildStepMonitor.NONE;
  }

  private static Map<String, String> environment(Run<?, ?> run, TaskListener listener) {
    try {
      return run.getEnvironment(listener);
    } catch (IOException e) {
      return Map.of();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Map.of();
    }
  }

  /**
   * The variables a custom message may use: the environment plus, in a freestyle build, its build variables (as
   * Jenkins' own shell step sees them: matrix axes, wrapper variables). Sensitive ones (password parameters,
   * masked wrapper variables) are left out, so they are never expanded into a chat message.
   */
  static Map<String, String> messageVariables(Run<?, ?> run, Map<String, String> env) {
    Map<String, String> variables = new HashMap<>(env);
    if (run instanceof AbstractBuild) {
      AbstractBuild<?, ?> build = (AbstractBuild<?, ?>) run;
      Map<String, String> buildVariables = build.getBuildVariables();
      if (buildVariables != null) {
        buildVariables.forEach((name, value) -> {
          if (name != null && value != null) {
            variables.put(name, value);
          }
        });
      }
      Set<String> sensitive = build.getSensitiveBuildVariables();
      if (sensitive != null) {
        variables.keySet().removeAll(sensitive);
      }
    }
    ParametersAction parameters = run.getAction(ParametersAction.class);
    if (parameters != null) {
      for (ParameterValue parameter : parameters.getParameters()) {
        if (parameter != null && parameter.isSensitive()) {
          variables.remove(parameter.getName());
        }
      }
    }
    return variables;
  }

  /** The core's configuration: this job's choices over the global defaults. */
  NotifyConfig config(ConnectionSettings settings, Map<String, String> env, String rootUrl) {
    NotifyConfig.Builder config = NotifyConfig.builder()
        .events(events())
        .everyFailure(notifyEveryFailure)
        .maxFailedTests(maxFailedTests)
        .logTailLines(logTailLines)
        .maxChanges(maxChanges)
        .mentionCulprits(mentionCulprits)
        .culpritsByEmail(settings.culpritsByEmail())
        .urgentOnMainLineFailure(urgent)
        .deadline(settings.deadline())
        .failOnError(failOnError)
        .username(settings.username());
    List<String> channels = FormChecks.splitList(channel != null ? channel : nullToEmpty(settings.channel()));
    config.channels(channels);
    if (mainBranches != null) {
      config.mainBranches(FormChecks.splitList(mainBranches));
    }
    if (customMessage != null && !customMessage.isBlank()) {
      config.customMessage(MessageTemplate.expand(customMessage, env));
    }
    Icons.apply(config, settings.iconUrl(), rootUrl);
    if (warRoom && settings.warRoomChannel() != null && settings.team() != null) {
      config.warRoom(WarRoomConfig.builder()
          .channel(settings.warRoomChannel())
          .team(settings.team())
          .siteUrl(settings.siteUrl())
          .build());
    }
    ChatOps chatOps = PluginContext.current().chatOps();
    if (chatOps != null) {
      // Rebuild, I'm on it, Show log on trouble; Abort on "started" (docs/chatops.md).
      config.alertButtons(chatOps.alertButtons());
    }
    return config.build();
  }

  Set<BuildEvent> events() {
    Set<BuildEvent> events = EnumSet.noneOf(BuildEvent.class);
    add(events, BuildEvent.STARTED, notifyStart);
    add(events, BuildEvent.SUCCESS, notifySuccess);
    add(events, BuildEvent.FAILURE, notifyFailure);
    add(events, BuildEvent.REPEATED_FAILURE, notifyRepeatedFailure);
    add(events, BuildEvent.UNSTABLE, notifyUnstable);
    add(events, BuildEvent.ABORTED, notifyAborted);
    add(events, BuildEvent.NOT_BUILT, notifyNotBuilt);
    add(events, BuildEvent.BACK_TO_NORMAL, notifyBackToNormal);
    add(events, BuildEvent.REGRESSION, notifyRegression);
    return events;
  }

  private static void add(Set<BuildEvent> events, BuildEvent event, boolean enabled) {
    if (enabled) {
      events.add(event);
    }
  }

  private static String nullToEmpty(String s) {
    return s == null ? "" : s;
  }

  private static String fixEmpty(String s) {
    return s == null || s.isBlank() ? null : s.trim();
  }

  // ---- data binding ----

  public boolean isNotifyStart() {
    return notifyStart;
  }

  @DataBoundSetter
  public void setNotifyStart(boolean notifyStart) {
    this.notifyStart = notifyStart;
  }

  public boolean isNotifySuccess() {
    return notifySuccess;
  }

  @DataBoundSetter
  public void setNotifySuccess(boolean notifySuccess) {
    this.notifySuccess = notifySuccess;
  }

  public boolean isNotifyFailure() {
    return notifyFailure;
  }

  @DataBoundSetter
  public void setNotifyFailure(boolean notifyFailure) {
    this.notifyFailure = notifyFailure;
  }

  public boolean isNotifyEveryFailure() {
    return notifyEveryFailure;
  }

  @DataBoundSetter
  public void setNotifyEveryFailure(boolean notifyEveryFailure) {
    this.notifyEveryFailure = notifyEveryFailure;
  }

  public boolean isNotifyRepeatedFailure() {
    return notifyRepeatedFailure;
  }

  @DataBoundSetter
  public void setNotifyRepeatedFailure(boolean notifyRepeatedFailure) {
    this.notifyRepeatedFailure = notifyRepeatedFailure;
  }

  public boolean isNotifyUnstable() {
    return notifyUnstable;
  }

  @DataBoundSetter
  public void setNotifyUnstable(boolean notifyUnstable) {
    this.notifyUnstable = notifyUnstable;
  }

  public boolean isNotifyAborted() {
    return notifyAborted;
  }

  @DataBoundSetter
  public void setNotifyAborted(boolean notifyAborted) {
    this.notifyAborted = notifyAborted;
  }

  public boolean isNotifyNotBuilt() {
    return notifyNotBuilt;
  }

  @DataBoundSetter
  public void setNotifyNotBuilt(boolean notifyNotBuilt) {
    this.notifyNotBuilt = notifyNotBuilt;
  }

  public boolean isNotifyBackToNormal() {
    return notifyBackToNormal;
  }

  @DataBoundSetter
  public void setNotifyBackToNormal(boolean notifyBackToNormal) {
    this.notifyBackToNormal = notifyBackToNormal;
  }

  public boolean isNotifyRegression() {
    return notifyRegression;
  }

  @DataBoundSetter
  public void setNotifyRegression(boolean notifyRegression) {
    this.notifyRegression = notifyRegression;
  }

  public String getChannel() {
    return channel;
  }

  @DataBoundSetter
  public void setChannel(String channel) {
    this.channel = fixEmpty(channel);
  }

  public String getCustomMessage() {
    return customMessage;
  }

  @DataBoundSetter
  public void setCustomMessage(String customMessage) {
    this.customMessage = customMessage == null || customMessage.isBlank() ? null : customMessage;
  }

  public int getMaxFailedTests() {
    return maxFailedTests;
  }

  @DataBoundSetter
  public void setMaxFailedTests(int maxFailedTests) {
    if (maxFailedTests < 0 || maxFailedTests > NotifyConfig.MAX_LISTED_ITEMS) {
      throw new IllegalArgumentException(
          Messages.get("check.range", "maxFailedTests", 0, NotifyConfig.MAX_LISTED_ITEMS));
    }
    this.maxFailedTests = maxFailedTests;
  }

  public int getLogTailLines() {
    return logTailLines;
  }

  @DataBoundSetter
  public void setLogTailLines(int logTailLines) {
    if (logTailLines < 0 || logTailLines > NotifyConfig.MAX_LOG_TAIL_LINES) {
      throw new IllegalArgumentException(
          Messages.get("check.range", "logTailLines", 0, NotifyConfig.MAX_LOG_TAIL_LINES));
    }
    this.logTailLines = logTailLines;
  }

  public int getMaxChanges() {
    return maxChanges;
  }

  @DataBoundSetter
  public void setMaxChanges(int maxChanges) {
    if (maxChanges < 0 || maxChanges > NotifyConfig.MAX_LISTED_ITEMS) {
      throw new IllegalArgumentException(
          Messages.get("check.range", "maxChanges", 0, NotifyConfig.MAX_LISTED_ITEMS));
    }
    this.maxChanges = maxChanges;
  }

  public String getMainBranches() {
    return mainBranches;
  }

  /** Branches whose failure is a main-line failure (comma-separated); blank = main, master. */
  @DataBoundSetter
  public void setMainBranches(String mainBranches) {
    this.mainBranches = fixEmpty(mainBranches);
  }

  public boolean isMentionCulprits() {
    return mentionCulprits;
  }

  @DataBoundSetter
  public void setMentionCulprits(boolean mentionCulprits) {
    this.mentionCulprits = mentionCulprits;
  }

  public boolean isWarRoom() {
    return warRoom;
  }

  @DataBoundSetter
  public void setWarRoom(boolean warRoom) {
    this.warRoom = warRoom;
  }

  public boolean isUrgent() {
    return urgent;
  }

  @DataBoundSetter
  public void setUrgent(boolean urgent) {
    this.urgent = urgent;
  }

  public String getCredentialsId() {
    return credentialsId;
  }

  @DataBoundSetter
  public void setCredentialsId(String credentialsId) {
    this.credentialsId = fixEmpty(credentialsId);
  }

  public boolean isFailOnError() {
    return failOnError;
  }

  @DataBoundSetter
  public void setFailOnError(boolean failOnError) {
    this.failOnError = failOnError;
  }

  // ---- descriptor ----

  @Extension
  @Symbol("mattermostNotify")
  public static final class DescriptorImpl extends BuildStepDescriptor<Publisher> {
    @Override
    @SuppressWarnings("rawtypes") // Jenkins' signature
    public boolean isApplicable(Class<? extends AbstractProject> jobType) {
      return true;
    }

    @Override
    public String getDisplayName() {
      return Messages.get("notifier.displayName");
    }

    @POST
    public FormValidation doCheckChannel(@AncestorInPath Item item, @QueryParameter String value) {
      if (!Forms.canConfigure(item)) {
        return FormValidation.ok();
      }
      return Forms.toValidation(FormChecks.channels(Messages.get("field.channels"), value, false));
    }

    @POST
    public FormValidation doCheckMaxFailedTests(@AncestorInPath Item item, @QueryParameter String value) {
      if (!Forms.canConfigure(item)) {
        return FormValidation.ok();
      }
      return Forms.toValidation(
          FormChecks.integerInRange(Messages.get("field.maxFailedTests"), value, 0, NotifyConfig.MAX_LISTED_ITEMS));
    }

    @POST
    public FormValidation doCheckLogTailLines(@AncestorInPath Item item, @QueryParameter String value) {
      if (!Forms.canConfigure(item)) {
        return FormValidation.ok();
      }
      return Forms.toValidation(
          FormChecks.integerInRange(Messages.get("field.logTailLines"), value, 0, NotifyConfig.MAX_LOG_TAIL_LINES));
    }

    @POST
    public FormValidation doCheckMaxChanges(@AncestorInPath Item item, @QueryParameter String value) {
      if (!Forms.canConfigure(item)) {
        return FormValidation.ok();
      }
      return Forms.toValidation(FormChecks.integerInRange(Messages.get("field.maxChanges"), value, 0, NotifyConfig.MAX_LISTED_ITEMS));
    }

    @POST
    public FormValidation doCheckCredentialsId(@AncestorInPath Item item, @QueryParameter String value) {
      return Forms.checkSecretText(item, value, false);
    }

    @POST
    public ListBoxModel doFillCredentialsIdItems(@AncestorInPath Item item, @QueryParameter String credentialsId) {
      return Forms.secretTextItems(item, credentialsId);
    }
  }
}
