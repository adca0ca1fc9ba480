/** Delivery of what one {@code mattermostSend} asked for, to each of its channels. Internal to the engine. */
package org.commandcenter.notifier.core.step;
