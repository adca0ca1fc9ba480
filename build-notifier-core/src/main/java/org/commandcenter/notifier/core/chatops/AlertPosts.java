package org.commandcenter.notifier.core.chatops;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.commandcenter.mattermost.Action;
import org.commandcenter.mattermost.Field;
import org.commandcenter.mattermost.MattermostClient;
import org.commandcenter.mattermost.MattermostException;
import org.commandcenter.mattermost.Post;
import org.commandcenter.mattermost.PostUpdate;
import org.commandcenter.mattermost.StoredPost;
import org.commandcenter.notifier.core.ActionContext;
import org.commandcenter.notifier.core.AlertButtons;
import org.commandcenter.notifier.core.ChatAction;
import org.commandcenter.notifier.core.Claim;
import org.commandcenter.notifier.core.ClaimStore;
import org.commandcenter.notifier.core.NotificationLog;

/**
 * The alert post a button sits on: its state (who is on it, rebuilt, aborted) shown in place, and outcomes written to
 * its thread. Mattermost replaces an updated post's props wholesale and hands actions back without their
 * integration (server/channels/app/integration_action.go), so an update is the stored post with every button signed
 * again, for the same alert and with the same issue time.
 */
final class AlertPosts {
  static final String ON_IT = "On it";
  static final String REBUILT = "Rebuilt";
  static final String ABORTED = "Aborted";
  private static final Set<String> OUR_IDS = Set.of(ChatAction.REBUILD.wireId(), ChatAction.CLAIM.wireId(),
      ChatAction.RELEASE.wireId(), ChatAction.SHOW_LOG.wireId(), ChatAction.ABORT.wireId());

  private final MattermostClient client;
  private final ClaimStore store;
  private final AlertButtons buttons;
  private final NotificationLog log;

  AlertPosts(MattermostClient client, ClaimStore store, AlertButtons buttons, NotificationLog log) {
    this.client = client;
    this.store = store;
    this.buttons = buttons;
    this.log = log;
  }

  static String claimKey(ActionContext alert) {
    return "claim:" + alert.job() + "#" + alert.build();
  }

  static String onceKey(ChatAction action, ActionContext alert) {
    return action.wireId() + ":" + alert.job() + "#" + alert.build();
  }

  /** The post, or empty when Mattermost cannot show it to the bot (logged). */
  Optional<StoredPost> read(String postId) {
    try {
      return Optional.of(client.post(postId));
    } catch (MattermostException | RuntimeException e) {
      log.notice("ChatOps could not read the alert post " + postId + ": " + NotificationLog.reason(e));
      return Optional.empty();
    }
  }

  /** One field to set (a value) or remove (empty) besides "On it". */
  record FieldEdit(String title, Optional<String> value) {
    static FieldEdit set(String title, String value) {
      return new FieldEdit(title, Optional.of(value));
    }

    static FieldEdit remove(String title) {
      return new FieldEdit(title, Optional.empty());
    }
  }

  /**
   * The post as it should look now, or empty when it carries no buttons of ours (or buttons of another integration
   * that an update would break).
   */
  Optional<PostUpdate> current(StoredPost post, ActionContext alert, List<FieldEdit> edits) {
    int ours = -1;
    for (int i = 0; i < post.attachmentCount(); i++) {
      List<String> ids = post.actionIds(i);
      if (ids.isEmpty()) {
        continue;
      }
      if (ours < 0 && OUR_IDS.containsAll(ids)) {
        ours = i;
      } else {
        return Optional.empty();
      }
    }
    if (ours < 0) {
      return Optional.empty();
    }
    boolean running = post.actionIds(ours).contains(ChatAction.ABORT.wireId());
    Optional<Claim> holder = store.holder(claimKey(alert));
    List<Action> actions = running
        ? buttons.running(alert, store.spent(onceKey(ChatAction.ABORT, alert)).isPresent())
        : buttons.trouble(alert, holder, store.spent(onceKey(ChatAction.REBUILD, alert)).isPresent());
    PostUpdate.Builder update = PostUpdate.of(post).actions(ours, actions);
    if (!running) {
      if (holder.isPresent()) {
        update.putField(ours, Field.of(ON_IT, Texts.who(holder.get().username()), true));
      } else {
        update.removeField(ours, ON_IT);
      }
    }
    for (FieldEdit edit : edits) {
      if (edit.value().isPresent()) {
        update.putField(ours, Field.of(edit.title(), edit.value().get(), true));
      } else {
        update.removeField(ours, edit.title());
      }
    }
    return Optional.of(update.build());
  }

  /** Reads the post and applies its current state through the API (for outcomes known after the click's answer). */
  void refresh(String postId, ActionContext alert, List<FieldEdit> edits) {
    read(postId).flatMap(post -> current(post, alert, edits)).ifPresent(update -> {
      try {
        client.update(postId, update);
      } catch (MattermostException | RuntimeException e) {
        log.notice("ChatOps could not update the alert post " + postId + ": " + NotificationLog.reason(e));
      }
    });
  }

  /** Writes an outcome into a thread; failures only cost the line (logged). */
  void reply(String threadRootId, String channelId, String markdown) {
    try {
      client.reply(threadRootId, Post.builder().channel(channelId).text(markdown).build());
    } catch (MattermostException | RuntimeException e) {
      log.notice("ChatOps could not write to the thread of " + threadRootId + ": " + NotificationLog.reason(e));
    }
  }

  static List<FieldEdit> none() {
    return new ArrayList<>();
  }
}
