/**
 * The Jenkins-free engine of the Jenkins plugin, and the only package its adapter calls:
 * {@link org.commandcenter.notifier.core.BuildFacts} (what happened) and
 * {@link org.commandcenter.notifier.core.NotifyConfig} (what to tell), or a
 * {@link org.commandcenter.notifier.core.SendRequest} (what {@code mattermostSend} asks for), go into
 * {@link org.commandcenter.notifier.core.NotificationEngine}; threads are kept through the
 * {@link org.commandcenter.notifier.core.ThreadStore} port the adapter implements. ChatOps (buttons on alerts and
 * {@code /jenkins}) enters through {@link org.commandcenter.notifier.core.ChatOps}, behind the
 * {@link org.commandcenter.notifier.core.ChatOpsPort}.
 *
 * <p>Posts go out through the client's {@link org.commandcenter.mattermost.DeliveryEngine}: the process's shared
 * in-memory one, or the host's own (with a durable outbox) given with
 * {@link org.commandcenter.notifier.core.NotificationEngine.Builder#delivery}; such a host adds
 * {@link org.commandcenter.notifier.core.NotificationEngine#deliveryListener} to it, with a
 * {@link org.commandcenter.notifier.core.ThreadStoreLocator} that finds builds again after a restart.
 *
 * <p>The use cases live below, each in its own package, and do not call each other: {@code build} decides, renders
 * and delivers build notifications; {@code step} delivers what one {@code mattermostSend} asked for; {@code chatops}
 * answers clicks and commands. What several need lives here ({@link org.commandcenter.notifier.core.AlertButtons},
 * {@link org.commandcenter.notifier.core.ActionSigner}, {@link org.commandcenter.notifier.core.LogTails}), in the
 * Mattermost client, or in {@code delivery} (the internal way of {@code build} and {@code step} to the delivery
 * engine, which knows neither).
 */
package org.commandcenter.notifier.core;
