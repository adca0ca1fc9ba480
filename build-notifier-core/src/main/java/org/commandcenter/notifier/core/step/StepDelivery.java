package org.commandcenter.notifier.core.step;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.commandcenter.mattermost.Attachment;
import org.commandcenter.mattermost.Field;
import org.commandcenter.mattermost.DeliveryResult;
import org.commandcenter.mattermost.MattermostClient;
import org.commandcenter.mattermost.MattermostException;
import org.commandcenter.mattermost.Post;
import org.commandcenter.mattermost.PostResult;
import org.commandcenter.mattermost.Submission;
import org.commandcenter.mattermost.rules.EmojiNames;
import org.commandcenter.mattermost.rules.Fields;
import org.commandcenter.mattermost.rules.MattermostIds;
import org.commandcenter.mattermost.text.SafeText;
import org.commandcenter.mattermost.warroom.WarRoom;
import org.commandcenter.notifier.core.FileUpload;
import org.commandcenter.notifier.core.NotificationLog;
import org.commandcenter.notifier.core.PostOwner;
import org.commandcenter.notifier.core.SendRequest;
import org.commandcenter.notifier.core.SendResponse;
import org.commandcenter.notifier.core.WarRoomConfig;
import org.commandcenter.notifier.core.delivery.Dispatch;

/**
 * Sends what one {@code mattermostSend} asked for, to each of its channels: one delivery per channel through the
 * delivery engine, waiting for their first attempts up to the step's deadline (so that {@code failOnError} and the
 * returned post ids work); what is not through by then goes on in the engine. Files are uploaded first, on the
 * step's thread: a post can only name files Mattermost already has.
 */
public final class StepDelivery {
  private final MattermostClient client;
  private final NotificationLog log;
  private final SendRequest request;
  private final Dispatch dispatch;

  public StepDelivery(MattermostClient client, NotificationLog log, SendRequest request, Dispatch dispatch) {
    this.client = client;
    this.log = log;
    this.request = request;
    this.dispatch = dispatch;
  }

  public SendResponse deliver() {
    String restOnly = restOnlyParameter();
    if (restOnly != null && client.isWebhook()) {
      return fail(restOnly + ": needs a bot token (the REST API); an incoming webhook cannot do that");
    }
    Post base;
    try {
      base = basePost();
      requireFewPosts(base.text());
    } catch (RuntimeException e) {
      return fail(NotificationLog.reason(e));
    }
    List<SendRequest.Target> targets = request.targets().isEmpty()
        ? List.of(new SendRequest.Target(null, null))
        : request.targets();

    List<String> errors = new ArrayList<>();
    List<String> wheres = new ArrayList<>();
    List<Submission> submissions = new ArrayList<>();
    for (SendRequest.Target target : targets) {
      String where = target.channel() == null ? "the default channel" : "channel " + target.channel();
      try {
        submissions.add(submit(base, target));
        wheres.add(where);
      } catch (MattermostException | RuntimeException e) {
        String error = "could not send to " + where + ": " + NotificationLog.reason(e);
        errors.add(error);
        log.line(NotificationLog.PREFIX + "Mattermost notification failed: " + error);
      }
    }

    List<Optional<DeliveryResult>> results = dispatch.firstAttempts(submissions);
    List<String> postIds = new ArrayList<>();
    PostResult first = null;
    boolean late = false;
    for (int i = 0; i < results.size(); i++) {
      String where = wheres.get(i);
      Optional<DeliveryResult> result = results.get(i);
      if (result.isEmpty()) {
        late = true;
        continue;
      }
      result.get().notices().forEach(log::notice);
      if (result.get().status() == DeliveryResult.Status.DELIVERED) {
        PostResult posted = result.get().posts().get(0);
        if (first == null) {
          first = posted;
        }
        postIds.addAll(posted.postIds());
        log.line(NotificationLog.PREFIX + (request.updatePostId() != null ? "Updated post in " : "Message sent to ")
            + where);
      } else {
        String error = "could not send to " + where + ": " + result.get().error()
            + (result.get().status() == DeliveryResult.Status.WAITING
                ? "; it stays queued and is retried in the background" : "");
        errors.add(error);
        log.line(NotificationLog.PREFIX + "Mattermost notification failed: " + error);
      }
    }
    if (late) {
      errors.add("Mattermost did not answer within " + Dispatch.seconds(request.deadline())
          + "; the message is still being sent in the background");
    }
    if (errors.isEmpty()) {
      return SendResponse.sent(first.postId(), first.channelId(), threadOf(first), postIds);
    }
    String error = late && errors.size() == 1 && first == null ? errors.get(0)
        : "Mattermost notification failed: " + String.join("; ", errors);
    return first == null
        ? SendResponse.failed(error)
        : SendResponse.partial(first.postId(), first.channelId(), threadOf(first), postIds, error);
  }

  private Submission submit(Post base, SendRequest.Target target) throws MattermostException {
    Post.Builder post = base.newBuilder();
    String username = target.username() != null ? target.username() : request.username();
    if (username != null) {
      post.username(username);
    }
    if (request.updatePostId() != null) {
      requireOwn("updatePostId", request.updatePostId());
      return dispatch.submit(dispatch.delivery(target.channel()).update(request.updatePostId(), post.build()));
    }
    String channel = target.channel();
    if (!request.files().isEmpty()) {
      MattermostClient reader = dispatch.reader().orElseThrow(() -> new MattermostException(
          "files cannot be uploaded: Mattermost is not answering"));
      channel = channelId(reader, target.channel());
      for (FileUpload file : request.files()) {
        post.addFileId(reader.uploadFile(channel, file.name(), file.content()));
      }
    }
    if (request.threadId() != null) {
      requireOwn("threadId", request.threadId());
      post.rootId(request.threadId());
    }
    return dispatch.submit(dispatch.delivery(channel).post(post.build()));
  }

  private Post basePost() {
    Post.Builder post = Post.builder();
    Attachment messageAttachment = request.messageAttachment();
    if (messageAttachment != null) {
      post.addAttachment(channelSafe(messageAttachment));
    }
    request.attachments().forEach(attachment -> post.addAttachment(channelSafe(attachment)));
    String text = request.text() == null ? null : channelSafe(request.text());
    if (request.warRoom()) {
      WarRoomConfig warRoom = request.warRoomConfig();
      String siteUrl = warRoom.siteUrl() != null ? warRoom.siteUrl() : client.siteUrl();
      String link = ":rotating_light: [Join the War Room](" + WarRoom.link(siteUrl, warRoom.team(), warRoom.channel())
          + ")";
      text = text == null ? link : text + "\n\n" + link;
    }
    if (text != null) {
      post.text(text);
    }
    if (request.icon() != null) {
      if (EmojiNames.isReference(request.icon())) {
        post.iconEmoji(request.icon());
      } else {
        post.iconUrl(request.icon());
      }
    }
    request.props().forEach(post::prop);
    if (request.owner() != null) {
      post.prop(PostOwner.PROP, request.owner().stamp());
    }
    post.priority(request.priority());
    return post.build();
  }

  /** A text that the client would split into more posts than a step may make is refused before any is sent. */
  private void requireFewPosts(String text) {
    int posts = text == null ? 1 : client.postsFor(text);
    if (posts > SendRequest.MAX_TEXT_POSTS) {
      throw Fields.invalid("text", "would be split into " + posts + " posts; a step sends at most "
          + SendRequest.MAX_TEXT_POSTS + "; attach a long report as a file instead");
    }
  }

  /**
   * Updates and replies only touch this job's posts (the stamp {@link #basePost} puts on each), unless the
   * administrator allows otherwise: a Jenkinsfile must not rewrite another team's alerts or SonarQube's.
   */
  private void requireOwn(String field, String postId) throws MattermostException {
    if (request.policy().foreignPostsAllowed()) {
      return;
    }
    MattermostClient reader = dispatch.reader().orElseThrow(() -> new MattermostException(
        field + ": cannot check that post " + postId + " belongs to this job: Mattermost is not answering"));
    if (request.owner() == null || !request.owner().owns(reader.post(postId))) {
      throw Fields.invalid(field, "post " + postId + " was not created by this job; a step may only update or reply"
          + " to its own job's posts");
    }
  }

  private String channelSafe(String markdown) {
    return markdown == null || request.policy().channelMentionsAllowed()
        ? markdown
        : SafeText.withoutChannelMentions(markdown);
  }

  /** Every text of an attachment the server reads for mentions, or that a webhook expands {@code <!channel>} in. */
  private Attachment channelSafe(Attachment attachment) {
    if (request.policy().channelMentionsAllowed()) {
      return attachment;
    }
    List<Field> fields = new ArrayList<>();
    for (Field field : attachment.fields()) {
      fields.add(Field.of(channelSafe(field.title()), channelSafe(field.value()), field.isShort()));
    }
    return attachment.newBuilder()
        .fallback(channelSafe(attachment.fallback()))
        .pretext(channelSafe(attachment.pretext()))
        .text(channelSafe(attachment.text()))
        .authorName(channelSafe(attachment.authorName()))
        .title(channelSafe(attachment.title()))
        .footer(channelSafe(attachment.footer()))
        .fields(fields)
        .build();
  }

  /** Files are uploaded to a channel id; names are resolved in the client's team. */
  private String channelId(MattermostClient reader, String channel) throws MattermostException {
    if (channel == null) {
      throw Fields.invalid("channel", "files need a channel to upload to");
    }
    if (MattermostIds.isValid(channel)) {
      return channel;
    }
    if (channel.startsWith("@")) {
      throw Fields.invalid("files", "cannot be sent to a direct message channel (" + channel + ")");
    }
    if (client.team() == null) {
      throw Fields.invalid("team", "required to upload files to a channel by name; set the team");
    }
    return reader.channel(client.team(), channel).id();
  }

  private String restOnlyParameter() {
    if (request.threadId() != null) {
      return "threadId";
    }
    if (request.updatePostId() != null) {
      return "updatePostId";
    }
    if (!request.files().isEmpty()) {
      return "files";
    }
    return null;
  }

  private static String threadOf(PostResult result) {
    if (result.rootId() != null) {
      return result.rootId();
    }
    return result.postId();
  }

  private SendResponse fail(String error) {
    log.line(NotificationLog.PREFIX + "Mattermost notification failed: " + error);
    return SendResponse.failed(error);
  }
}
