package org.commandcenter.notifier.core;

import java.util.Optional;

/**
 * Where ChatOps keeps who is on which alert and which once-per-build actions were done. Keys are opaque strings made
 * by the core (job full name and build number). Every method must be atomic: two people clicking at the same moment
 * get one winner. {@link InMemoryClaimStore} is one; the Jenkins adapter may keep them on the build instead.
 */
public interface ClaimStore {
  /** Claims {@code key} unless someone holds it; returns the holder afterwards ({@code claim} itself when it won). */
  Claim claim(String key, Claim claim);

  Optional<Claim> holder(String key);

  /** Releases {@code key} when {@code mattermostUserId} holds it; returns whether it did. */
  boolean release(String key, String mattermostUserId);

  /** Records a once-per-build action; returns who did it earlier when someone had (and then records nothing). */
  Optional<Claim> spend(String key, Claim by);

  /** Who did a once-per-build action, if anyone. */
  Optional<Claim> spent(String key);

  /** Forgets a {@link #spend} whose action then failed, so it can be tried again. */
  void unspend(String key);
}
