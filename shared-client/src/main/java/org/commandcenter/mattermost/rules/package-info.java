/**
 * Mattermost's own rules for the values we send it, written once for every module: ids, http(s) and
 * incoming-webhook URLs (Docker-style host names with {@code _} included), channel, team and user names,
 * emoji names, attachment colours and interactive-message actions. Each rule cites the server file it mirrors. A
 * {@code require…} method throws an {@link java.lang.IllegalArgumentException} whose message starts with the field name.
 */
package org.commandcenter.mattermost.rules;
