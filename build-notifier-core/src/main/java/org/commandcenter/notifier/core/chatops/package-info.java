/**
 * ChatOps: acting on alerts from Mattermost. Button clicks ({@code ActionClicks}) and {@code /jenkins} commands
 * ({@code SlashCommands}, parsed by {@code ParsedCommand}) arrive through {@code ChatOpsService}, are checked (signed
 * context, token, who asks, rate, permission) and answered ({@code Texts}); alerts are updated in place and get the
 * outcome in their thread ({@code AlertPosts}). Everything Jenkins does goes through the root package's
 * {@link org.commandcenter.notifier.core.ChatOpsPort}, always as the person who asked. Internal to the engine.
 */
package org.commandcenter.notifier.core.chatops;
