package org.commandcenter.sandbox.internal;

import java.util.HashMap;
import java.util.Map;

/** English texts of the error ids the sandbox answers with (server/i18n/en.json). */
final class Messages {
  private static final Map<String, String> TEXTS = new HashMap<>();

  static {
    TEXTS.put("api.context.session_expired.app_error", "Invalid or expired session, please login again.");
    TEXTS.put("api.context.token_provided.app_error", "Session is not OAuth but token was provided in the query string.");
    TEXTS.put("api.context.permissions.app_error", "You do not have the appropriate permissions.");
    TEXTS.put("api.context.invalid_body_param.app_error", "Invalid or missing {{.Name}} in request body.");
    TEXTS.put("api.context.invalid_param.app_error", "Invalid {{.Name}} parameter.");
    TEXTS.put("api.context.invalid_url_param.app_error", "Invalid or missing {{.Name}} parameter in request URL.");
    TEXTS.put("api.context.request_body_too_large.app_error",
        "The request body is too large, please reduce the size of your request.");
    TEXTS.put("api.context.404.app_error", "Sorry, we could not find the page.");
    TEXTS.put("api.context.server_busy.app_error", "Server is busy, non-critical services are temporarily unavailable.");
    TEXTS.put("model.incoming_hook.parse_data.app_error", "Unable to parse incoming data");
    TEXTS.put("web.incoming_webhook.disabled.app_error", "Incoming webhooks have been disabled by the system admin.");
    TEXTS.put("web.incoming_webhook.text.app_error", "No text specified");
    TEXTS.put("web.incoming_webhook.invalid.app_error", "Invalid webhook");
    TEXTS.put("web.incoming_webhook.channel.app_error", "Couldn't find the channel");
    TEXTS.put("web.incoming_webhook.channel_locked.app_error",
        "This webhook is not permitted to post to the requested channel");
    TEXTS.put("web.incoming_webhook.user.app_error", "Couldn't find the user");
    TEXTS.put("web.incoming_webhook.permissions.app_error", "Inappropriate channel permissions");
    TEXTS.put("web.incoming_webhook.split_props_length.app_error",
        "Unable to split webhook props into {{.Max}} character parts.");
    TEXTS.put("web.incoming_webhook.general.app_error",
        "Failed to handle the payload of media type {{.media_type}} for incoming webhook {{.hook_id}}.");
    TEXTS.put("web.incoming_webhook.decode.app_error",
        "Failed to decode the payload of media type {{.media_type}} for incoming webhook {{.hook_id}}.");
    TEXTS.put("web.incoming_webhook.media_type.app_error",
        "Failed to parse the media type of the payload for incoming webhook {{.hook_id}}.");
    TEXTS.put("api.webhook.incoming.error", "Could not decode the multipart payload of incoming webhook.");
    TEXTS.put("web.incoming_webhook.parse_multipart.app_error",
        "Failed to parse the multipart payload for incoming webhook {{.hook_id}}.");
    TEXTS.put("api.post.create_webhook_post.creating.app_error", "Error creating post");
    TEXTS.put("model.post.is_valid.message_length.app_error",
        "Post Message property is longer than the maximum permitted length.");
    TEXTS.put("model.post.is_valid.msg.app_error", "Invalid message.");
    TEXTS.put("model.post.is_valid.type.app_error", "Invalid type.");
    TEXTS.put("model.post.is_valid.props.app_error", "Invalid props.");
    TEXTS.put("model.post.is_valid.root_id.app_error", "Invalid root ID.");
    TEXTS.put("model.post.is_valid.file_ids.app_error",
        "Invalid file ids. Note that uploads are limited to 10 files maximum. Please use additional posts for more files.");
    TEXTS.put("api.post.create_post.root_id.app_error", "Invalid RootId parameter.");
    TEXTS.put("api.post.create_post.channel_root_id.app_error", "Invalid ChannelId for RootId parameter.");
    TEXTS.put("api.post.deduplicate_create_post.pending",
        "Rejected post since another client is making the same request.");
    TEXTS.put("api.post.post_priority.priority_post_only_allowed_for_root_post.request_error",
        "Only root posts are allowed to have a priority.");
    TEXTS.put("api.post.update_post.find.app_error", "Unable to find the existing post or comment to update.");
    TEXTS.put("api.post.update_post.system_message.app_error", "Unable to update system message.");
    TEXTS.put("app.post.get.app_error", "Unable to get the post.");
    TEXTS.put("app.user.missing_account.const", "Unable to find the user.");
    TEXTS.put("app.user.get_by_username.app_error", "Unable to find an existing account matching your username for this team.");
    TEXTS.put("api.post.post_priority.urgent_persistent_notification_post.request_error",
        "Persistent notifications are only allowed for urgent posts.");
    TEXTS.put("app.channel.get_by_name.missing.app_error", "Channel does not exist.");
    TEXTS.put("app.team.get_by_name.missing.app_error", "Unable to find the existing team.");
    TEXTS.put("app.file_info.get.app_error", "Unable to get the file info.");
    TEXTS.put("api.config.client.old_format.app_error", "New format for the client configuration is not supported yet. Please specify format=old in the query string.");
    TEXTS.put("api.post.do_action.action_integration.app_error", "Action integration error.");
    // Below, texts the notes quote from en.json, and (marked) ones the index did not show, worded as seen elsewhere.
    TEXTS.put("api.post.do_action.action_id.app_error", "Invalid action id."); // unverified
    TEXTS.put("api.post.update_post.permissions_details.app_error", "Already deleted id={{.PostId}}."); // unverified
    TEXTS.put("api.command.execute_command.start.app_error", "No command trigger found."); // unverified
    TEXTS.put("api.command.execute_command.not_found.app_error", "Command with a trigger of '{{.Trigger}}' not found. "
        + "To send a message beginning with \"/\", try adding an empty space at the beginning of the message."); // unverified
    TEXTS.put("api.command.execute_command.failed.app_error", "Command with a trigger of '{{.Trigger}}' failed.");
    TEXTS.put("api.command.execute_command.failed_empty.app_error",
        "Command with a trigger of '{{.Trigger}}' returned an empty response.");
    TEXTS.put("api.command.execute_command.failed_resp.app_error",
        "Command with a trigger of '{{.Trigger}}' returned response {{.Status}}.");
    TEXTS.put("api.command.execute_command.create_post_failed.app_error",
        "Command '{{.Trigger}}' failed to post response. Please contact your System Administrator."); // unverified
    TEXTS.put("api.command.execute_command.site_url_required.app_error", "SiteURL must be configured to use slash commands");
    TEXTS.put("api.command.disabled.app_error", "Commands have been disabled by the system admin."); // unverified
    TEXTS.put("api.command.command_post.forbidden.app_error", "Specified user is not a member of specified channel."); // unverified
    TEXTS.put("app.command_webhook.get.missing", "Unable to find the webhook."); // unverified
    TEXTS.put("app.command_webhook.try_use.invalid", "Invalid webhook."); // unverified
    TEXTS.put("app.command_webhook.handle_command_webhook.parse", "Unable to parse incoming data."); // unverified
    TEXTS.put("web.command_webhook.parse.app_error", "Unable to parse incoming data."); // unverified
    TEXTS.put("web.command_webhook.general.app_error", "Failed to handle the payload for command webhook {{.hook_id}}."); // unverified
    TEXTS.put("app.sandbox.unexpected.app_error", "The Mattermost sandbox failed unexpectedly (a sandbox bug).");
    TEXTS.put("api.file.upload_file.incorrect_number_of_files.app_error",
        "Unable to upload files. Incorrect number of files specified.");
    TEXTS.put("api.file.upload_file.storage.app_error", "Unable to upload file(s). Image storage is not configured.");
  }

  private Messages() {
  }

  static String translate(String id, Map<String, ?> params) {
    String text = TEXTS.getOrDefault(id, id);
    for (Map.Entry<String, ?> p : params.entrySet()) {
      text = text.replace("{{.".concat(p.getKey()).concat("}}"), String.valueOf(p.getValue()));
    }
    return text;
  }
}
