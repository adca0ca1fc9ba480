/**
 * How the use cases hand their posts to the client's {@link org.commandcenter.mattermost.DeliveryEngine}: submit,
 * wait for the first attempts up to the caller's deadline, and record the threads a delivery created on the
 * build's {@link org.commandcenter.notifier.core.ThreadStore}, also when it is delivered after a restart. Internal
 * to the engine; both use cases use it, it uses neither.
 */
package org.commandcenter.notifier.core.delivery;
