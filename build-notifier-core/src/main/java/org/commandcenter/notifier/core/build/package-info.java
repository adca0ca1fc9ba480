/**
 * Build notifications: which event a build's state calls for ({@code EventDecider}), how it reads
 * ({@code MessageRenderer}), and its delivery with threads and incidents ({@code BuildDelivery}). Internal to the
 * engine.
 */
package org.commandcenter.notifier.core.build;
