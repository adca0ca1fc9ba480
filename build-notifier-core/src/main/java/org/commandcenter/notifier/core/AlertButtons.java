package org.commandcenter.notifier.core;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.commandcenter.mattermost.Action;
import org.commandcenter.mattermost.rules.HttpUrls;

/**
 * The ChatOps buttons of build alerts, each with a signed context, pointing at the adapter's actions URL: on trouble
 * (failure, unstable, still failing, regression) Rebuild, I'm on it (or Release once claimed) and Show log; on a
 * running build's "started" post Abort. One place for both the notification and the post's later updates.
 */
public final class AlertButtons {
  private final String actionsUrl;
  private final ActionSigner signer;

  private AlertButtons(String actionsUrl, ActionSigner signer) {
    this.actionsUrl = actionsUrl;
    this.signer = signer;
  }

  /**
   * @param actionsUrl the absolute URL Mattermost POSTs clicks to, e.g. {@code https://jenkins.example/mattermost/actions}
   * @throws IllegalArgumentException {@code actionsUrl: ...} when it is no absolute http(s) URL
   */
  public static AlertButtons of(String actionsUrl, ActionSigner signer) {
    requireNonNull(signer, "signer == null");
    if (actionsUrl == null || !HttpUrls.isValid(actionsUrl)) {
      throw Checks.invalid("actionsUrl", "must be an absolute http:// or https:// URL Mattermost can reach");
    }
    return new AlertButtons(actionsUrl, signer);
  }

  public String actionsUrl() {
    return actionsUrl;
  }

  public ActionSigner signer() {
    return signer;
  }

  /** The buttons a notification carries for this event; none for events nobody acts on. */
  public List<Action> forEvent(BuildFacts facts, BuildEvent event, String channel) {
    requireNonNull(facts, "facts == null");
    requireNonNull(event, "event == null");
    if (facts.isRunning() && event == BuildEvent.STARTED) {
      return running(new ActionContext(ChatAction.ABORT, facts.jobName(), facts.buildNumber(), channel, signer.now()),
          false);
    }
    if (!facts.isRunning() && event.isTrouble()) {
      return trouble(new ActionContext(ChatAction.REBUILD, facts.jobName(), facts.buildNumber(), channel,
          signer.now()), Optional.empty(), false);
    }
    return List.of();
  }

  /** Rebuild (disabled once done), I'm on it or Release, Show log: all dated as {@code alert} is. */
  public List<Action> trouble(ActionContext alert, Optional<Claim> holder, boolean rebuilt) {
    requireNonNull(alert, "alert == null");
    requireNonNull(holder, "holder == null");
    List<Action> actions = new ArrayList<>();
    actions.add(button(alert.withAction(ChatAction.REBUILD), "primary", rebuilt));
    actions.add(holder.isPresent() ? button(alert.withAction(ChatAction.RELEASE), "default", false)
        : button(alert.withAction(ChatAction.CLAIM), "default", false));
    actions.add(button(alert.withAction(ChatAction.SHOW_LOG), "default", false));
    return actions;
  }

  /** Abort, disabled once done. */
  public List<Action> running(ActionContext alert, boolean aborted) {
    requireNonNull(alert, "alert == null");
    return List.of(button(alert.withAction(ChatAction.ABORT), "danger", aborted));
  }

  private Action button(ActionContext context, String style, boolean disabled) {
    return Action.button(context.action().wireId(), context.action().label())
        .style(style)
        .disabled(disabled)
        .integrationUrl(actionsUrl)
        .context(signer.sign(context))
        .build();
  }

  @Override
  public String toString() {
    return "AlertButtons{" + actionsUrl + ", " + signer + "}";
  }
}
