/**
 * The Jenkins-free engine of the Jenkins plugin: {@link org.commandcenter.notifier.core.BuildFacts} (what happened)
 * and {@link org.commandcenter.notifier.core.NotifyConfig} (what to tell) go into
 * {@link org.commandcenter.notifier.core.NotificationEngine}, which decides the event, renders the posts and
 * delivers them through the shared Mattermost client. The Jenkins adapters only translate Jenkins objects into
 * these values; the freestyle notifier and the {@code mattermostSend} step share this one engine.
 */
package org.commandcenter.notifier.core;
