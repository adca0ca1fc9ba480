package org.commandcenter.mattermost;

/**
 * The host's way from a delivery's connection key to a client, asked again before every attempt so that a
 * changed credential or setting takes effect and no secret is ever stored with a delivery. Return the same client
 * while the configuration is unchanged: its connection pool and channel lookups live in it.
 */
@FunctionalInterface
public interface ClientResolver {
  /**
   * @return the client to send with
   * @throws MattermostException when the connection cannot be made now but may later (it is retried, like an
   *     outage) — a non-retryable one, or an {@link IllegalArgumentException} naming the setting, fails the
   *     delivery for good
   */
  MattermostClient resolve(String connection) throws MattermostException;
}
