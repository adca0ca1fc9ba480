package org.commandcenter.jenkins.mattermost;

import hudson.AbortException;
import hudson.Extension;
import hudson.FilePath;
import hudson.model.Item;
import hudson.model.Run;
import hudson.model.TaskListener;
import hudson.util.FormValidation;
import hudson.util.ListBoxModel;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.commandcenter.mattermost.FileContent;
import org.commandcenter.mattermost.MattermostClient;
import org.commandcenter.mattermost.rules.WebhookUrls;
import org.commandcenter.notifier.core.FileUpload;
import org.commandcenter.notifier.core.NotificationEngine;
import org.commandcenter.notifier.core.NotificationException;
import org.commandcenter.notifier.core.NotificationLog;
import org.commandcenter.notifier.core.PostOwner;
import org.commandcenter.notifier.core.SendRequest;
import org.commandcenter.notifier.core.ThreadStore;
import org.commandcenter.notifier.core.WarRoomConfig;
import org.jenkinsci.plugins.workflow.steps.Step;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.jenkinsci.plugins.workflow.steps.StepDescriptor;
import org.jenkinsci.plugins.workflow.steps.StepExecution;
import org.jenkinsci.plugins.workflow.steps.SynchronousNonBlockingStepExecution;
import org.kohsuke.stapler.AncestorInPath;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;
import org.kohsuke.stapler.QueryParameter;
import org.kohsuke.stapler.verb.POST;

/**
 * {@code mattermostSend}: posts a message from a Pipeline. Accepts every parameter of the jenkinsci mattermost
 * plugin's step with the same meaning ({@code message} is the attachment text, {@code text} the post text above
 * it, {@code color}, {@code channel} with its {@code user@channel} syntax, {@code endpoint} a webhook URL,
 * {@code icon}, {@code failOnError}), plus threads, updates, priority, War Room and files. Returns a
 * {@link MattermostSendResponse}.
 */
public class MattermostSendStep extends Step {
  /** Length of the message shown next to the step in Pipeline views. */
  static final int MAX_SHOWN_CHARS = 80;

  private final String message;
  private String text;
  private String color;
  private String channel;
  private String endpoint;
  private String icon;
  private String username;
  private boolean failOnError;
  private String credentialId;
  private List<Map<String, Object>> attachments;
  private Map<String, Object> props;
  private String priority;
  private boolean requestedAck;
  private boolean persistentNotifications;
  private String threadId;
  private String updatePostId;
  private boolean warRoom;
  private String files;

  @DataBoundConstructor
  public MattermostSendStep(String message) {
    this.message = message;
  }

  @Override
  public StepExecution start(StepContext context) {
    return new Execution(context, this);
  }

  /** The core's request: this step's parameters over the global defaults, files already read. */
  SendRequest toRequest(ConnectionSettings settings, String rootUrl, PostOwner owner, List<FileUpload> uploads) {
    SendRequest.Builder request = SendRequest.builder()
        .message(message)
        .text(text)
        .color(color)
        .channel(channel != null ? channel : settings.channel())
        .username(username)
        .icon(icon)
        .defaultSender(settings.username(), defaultIcon(settings, rootUrl))
        .policy(settings.stepPolicy())
        .owner(owner)
        .failOnError(failOnError)
        .priority(priority)
        .requestedAck(requestedAck)
        .persistentNotifications(persistentNotifications)
        .threadId(threadId)
        .updatePostId(updatePostId)
        .warRoom(warRoom)
        .deadline(settings.deadline());
    if (attachments != null) {
      request.attachments(GroovyValues.listOfMaps(attachments));
    }
    if (props != null) {
      request.props(GroovyValues.map(props));
    }
    if (warRoom && settings.warRoomChannel() != null && settings.team() != null) {
      request.warRoomConfig(WarRoomConfig.builder()
          .channel(settings.warRoomChannel())
          .team(settings.team())
          .siteUrl(settings.siteUrl())
          .build());
    }
    request.files(uploads);
    return request.build();
  }

  private static String defaultIcon(ConnectionSettings settings, String rootUrl) {
    return settings.iconUrl() != null ? settings.iconUrl() : Icons.bundledIconUrl(rootUrl);
  }

  /**
   * The workspace files {@code files} names (comma-separated Ant patterns, as in archiveArtifacts). Nothing is read
   * here: each upload streams its file from the agent when it is sent, so the controller never holds them in memory.
   * How many and how large is the core's rule ({@link SendRequest#MAX_FILES}, {@link SendRequest#MAX_TOTAL_FILE_BYTES}).
   */
  List<FileUpload> workspaceFiles(FilePath workspace) throws IOException, InterruptedException {
    List<FileUpload> uploads = new ArrayList<>();
    if (files == null) {
      return uploads;
    }
    if (workspace == null) {
      throw new IllegalArgumentException(Messages.get("step.files.noWorkspace"));
    }
    FilePath[] matches = workspace.list(files);
    if (matches.length == 0) {
      throw new IllegalArgumentException(Messages.get("step.files.none", files));
    }
    if (matches.length > SendRequest.MAX_FILES) {
      // Before asking every agent file for its length.
      throw new IllegalArgumentException(Messages.get("step.files.tooMany", matches.length, SendRequest.MAX_FILES));
    }
    for (FilePath file : matches) {
      uploads.add(FileUpload.of(file.getName(), new WorkspaceFile(file, file.length())));
    }
    return uploads;
  }

  /** A workspace file, read from its agent each time it is sent. */
  private static final class WorkspaceFile implements FileContent {
    private final FilePath file;
    private final long size;

    WorkspaceFile(FilePath file, long size) {
      this.file = file;
      this.size = size;
    }

    @Override
    public long size() {
      return size;
    }

    @Override
    public InputStream open() throws IOException {
      try {
        return file.read();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new InterruptedIOException("interrupted while opening " + file.getName());
      }
    }
  }

  // ---- data binding: the old plugin's names and meanings, then ours ----

  public String getMessage() {
    return message;
  }

  public String getText() {
    return text;
  }

  @DataBoundSetter
  public void setText(String text) {
    this.text = fixEmpty(text);
  }

  public String getColor() {
    return color;
  }

  @DataBoundSetter
  public void setColor(String color) {
    this.color = fixEmpty(color);
  }

  public String getChannel() {
    return channel;
  }

  @DataBoundSetter
  public void setChannel(String channel) {
    this.channel = fixEmpty(channel);
  }

  public String getEndpoint() {
    return endpoint;
  }

  /** The old plugin's webhook URL override; here also a site URL used with the token. Never printed. */
  @DataBoundSetter
  public void setEndpoint(String endpoint) {
    this.endpoint = fixEmpty(endpoint);
  }

  public String getIcon() {
    return icon;
  }

  @DataBoundSetter
  public void setIcon(String icon) {
    this.icon = fixEmpty(icon);
  }

  public String getUsername() {
    return username;
  }

  @DataBoundSetter
  public void setUsername(String username) {
    this.username = fixEmpty(username);
  }

  public boolean isFailOnError() {
    return failOnError;
  }

  @DataBoundSetter
  public void setFailOnError(boolean failOnError) {
    this.failOnError = failOnError;
  }

  public String getCredentialId() {
    return credentialId;
  }

  @DataBoundSetter
  public void setCredentialId(String credentialId) {
    this.credentialId = fixEmpty(credentialId);
  }

  public List<Map<String, Object>> getAttachments() {
    return attachments;
  }

  @DataBoundSetter
  public void setAttachments(List<Map<String, Object>> attachments) {
    this.attachments = attachments == null || attachments.isEmpty() ? null : new ArrayList<>(attachments);
  }

  public Map<String, Object> getProps() {
    return props;
  }

  @DataBoundSetter
  public void setProps(Map<String, Object> props) {
    this.props = props == null || props.isEmpty() ? null : new LinkedHashMap<>(props);
  }

  public String getPriority() {
    return priority;
  }

  @DataBoundSetter
  public void setPriority(String priority) {
    this.priority = fixEmpty(priority);
  }

  public boolean isRequestedAck() {
    return requestedAck;
  }

  @DataBoundSetter
  public void setRequestedAck(boolean requestedAck) {
    this.requestedAck = requestedAck;
  }

  public boolean isPersistentNotifications() {
    return persistentNotifications;
  }

  @DataBoundSetter
  public void setPersistentNotifications(boolean persistentNotifications) {
    this.persistentNotifications = persistentNotifications;
  }

  public String getThreadId() {
    return threadId;
  }

  @DataBoundSetter
  public void setThreadId(String threadId) {
    this.threadId = fixEmpty(threadId);
  }

  public String getUpdatePostId() {
    return updatePostId;
  }

  @DataBoundSetter
  public void setUpdatePostId(String updatePostId) {
    this.updatePostId = fixEmpty(updatePostId);
  }

  public boolean isWarRoom() {
    return warRoom;
  }

  @DataBoundSetter
  public void setWarRoom(boolean warRoom) {
    this.warRoom = warRoom;
  }

  public String getFiles() {
    return files;
  }

  @DataBoundSetter
  public void setFiles(String files) {
    this.files = fixEmpty(files);
  }

  private static String fixEmpty(String s) {
    return s == null || s.isBlank() ? null : s.trim();
  }

  /**
   * Runs off the CPS thread; the core bounds the wait by the configured deadline, so the step never holds the
   * build longer than that, and only fails it when {@code failOnError} is set.
   */
  static final class Execution extends SynchronousNonBlockingStepExecution<MattermostSendResponse> {
    private static final long serialVersionUID = 1L;
    private final transient MattermostSendStep step;

    Execution(StepContext context, MattermostSendStep step) {
      super(context);
      this.step = step;
    }

    @Override
    protected MattermostSendResponse run() throws Exception {
      Run<?, ?> run = getContext().get(Run.class);
      TaskListener listener = getContext().get(TaskListener.class);
      FilePath workspace = step.files == null ? null : getContext().get(FilePath.class);
      return send(PluginContext.current(), step, run, listener, workspace);
    }

    static MattermostSendResponse send(PluginContext context, MattermostSendStep step, Run<?, ?> run,
        TaskListener listener, FilePath workspace) throws IOException, InterruptedException {
      return SendTemplate.run(context, run, listener,
          new MattermostConnection.Choice(step.credentialId, "credentialId", step.endpoint), ThreadStore.none(),
          step.failOnError,
          settings -> {
            SendRequest request = step.toRequest(settings, context.rootUrl(), context.postOwner(run),
                step.workspaceFiles(workspace));
            return engine -> MattermostSendResponse.of(engine.send(request));
          },
          MattermostSendResponse::failed);
    }
  }

  @Extension
  public static final class DescriptorImpl extends StepDescriptor {
    @Override
    public Set<? extends Class<?>> getRequiredContext() {
      return Set.of(Run.class, TaskListener.class);
    }

    @Override
    public String getFunctionName() {
      return "mattermostSend";
    }

    @Override
    public String getDisplayName() {
      return Messages.get("step.displayName");
    }

    /**
     * What Pipeline views show next to the step: the message, never the other arguments (the endpoint may be a
     * webhook URL).
     */
    @Override
    public String argumentsToString(Map<String, Object> namedArgs) {
      Object shown = namedArgs.get("message");
      if (!(shown instanceof CharSequence) || shown.toString().isBlank()) {
        shown = namedArgs.get("text");
      }
      if (!(shown instanceof CharSequence)) {
        return null;
      }
      String line = shown.toString().strip().lines().findFirst().orElse("");
      return line.length() > MAX_SHOWN_CHARS ? line.substring(0, MAX_SHOWN_CHARS) + "…" : line;
    }

    @POST
    public FormValidation doCheckColor(@AncestorInPath Item item, @QueryParameter String value) {
      return Forms.canConfigure(item) ? Forms.toValidation(FormChecks.color(value)) : FormValidation.ok();
    }

    @POST
    public FormValidation doCheckChannel(@AncestorInPath Item item, @QueryParameter String value) {
      return Forms.canConfigure(item)
          ? Forms.toValidation(FormChecks.channels(Messages.get("field.channel"), value, true)) : FormValidation.ok();
    }

    @POST
    public FormValidation doCheckEndpoint(@AncestorInPath Item item, @QueryParameter String value) {
      return Forms.canConfigure(item) ? Forms.toValidation(FormChecks.endpoint(value)) : FormValidation.ok();
    }

    @POST
    public FormValidation doCheckIcon(@AncestorInPath Item item, @QueryParameter String value) {
      return Forms.canConfigure(item) ? Forms.toValidation(FormChecks.icon(Messages.get("field.icon"), value)) : FormValidation.ok();
    }

    @POST
    public FormValidation doCheckPriority(@AncestorInPath Item item, @QueryParameter String value) {
      return Forms.canConfigure(item) ? Forms.toValidation(FormChecks.priority(value)) : FormValidation.ok();
    }

    /**
     * The same three levels for everyone: a fixed list reveals nothing, and the Snippet Generator is used by people
     * who may not configure the job they open it from (or any job).
     */
    @POST
    public ListBoxModel doFillPriorityItems() {
      ListBoxModel items = new ListBoxModel();
      items.add(new ListBoxModel.Option(Messages.get("step.priority.none"), ""));
      items.add(new ListBoxModel.Option(Messages.get("step.priority.important"), "important"));
      items.add(new ListBoxModel.Option(Messages.get("step.priority.urgent"), "urgent"));
      return items;
    }

    @POST
    public FormValidation doCheckCredentialId(@AncestorInPath Item item, @QueryParameter String value) {
      return Forms.checkSecretText(item, value, false);
    }

    @POST
    public ListBoxModel doFillCredentialIdItems(@AncestorInPath Item item, @QueryParameter String credentialId) {
      return Forms.secretTextItems(item, credentialId);
    }
  }
}
