package org.commandcenter.jenkins.mattermost;

import hudson.model.InvisibleAction;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.commandcenter.notifier.core.Claim;

/**
 * Remembers, in the build's {@code build.xml}, who said "I'm on it" for the build's alerts and who did its
 * once-per-build actions (rebuild, abort), so a restart of Jenkins neither frees a claim nor allows a second rebuild.
 * Keys are ChatOps' own (they name the job and build). Every change is one atomic map operation: two people clicking
 * at the same moment get one winner.
 *
 * <p>Only strings and numbers are stored, in classes of this plugin, so XStream's class filter accepts them. The maps
 * are concurrent: Jenkins serialises the action while holding the run's monitor, not ours.
 */
public final class ChatOpsRunAction extends InvisibleAction {
  private Map<String, StoredClaim> claims = new ConcurrentHashMap<>();
  private Map<String, StoredClaim> done = new ConcurrentHashMap<>();

  /** XStream2 creates the action without a constructor: absent maps are empty ones, and every map is concurrent. */
  protected Object readResolve() {
    claims = claims == null ? new ConcurrentHashMap<>() : new ConcurrentHashMap<>(claims);
    done = done == null ? new ConcurrentHashMap<>() : new ConcurrentHashMap<>(done);
    claims.values().removeIf(c -> c.toClaim() == null);
    done.values().removeIf(c -> c.toClaim() == null);
    return this;
  }

  /** Claims {@code key} unless someone holds it; the holder afterwards, and whether this call changed anything. */
  Claim claim(String key, Claim claim) {
    StoredClaim earlier = claims.putIfAbsent(key, StoredClaim.of(claim));
    return earlier == null ? claim : earlier.toClaim();
  }

  Optional<Claim> holder(String key) {
    StoredClaim holder = claims.get(key);
    return holder == null ? Optional.empty() : Optional.ofNullable(holder.toClaim());
  }

  boolean release(String key, String mattermostUserId) {
    StoredClaim holder = claims.get(key);
    return holder != null && mattermostUserId.equals(holder.mattermostUserId) && claims.remove(key, holder);
  }

  /** Who did it earlier, or empty when this call recorded {@code by}. */
  Optional<Claim> spend(String key, Claim by) {
    StoredClaim earlier = done.putIfAbsent(key, StoredClaim.of(by));
    return earlier == null ? Optional.empty() : Optional.ofNullable(earlier.toClaim());
  }

  Optional<Claim> spent(String key) {
    StoredClaim by = done.get(key);
    return by == null ? Optional.empty() : Optional.ofNullable(by.toClaim());
  }

  boolean unspend(String key) {
    return done.remove(key) != null;
  }

  /** A claim as XStream-friendly strings and epoch milliseconds. */
  static final class StoredClaim {
    private final String mattermostUserId;
    private final String username;
    private final long since;

    private StoredClaim(String mattermostUserId, String username, long since) {
      this.mattermostUserId = mattermostUserId;
      this.username = username;
      this.since = since;
    }

    static StoredClaim of(Claim claim) {
      return new StoredClaim(claim.mattermostUserId(), claim.username(), claim.since().toEpochMilli());
    }

    /** Null for an entry XStream read without its names (a hand-edited or truncated build.xml). */
    Claim toClaim() {
      if (mattermostUserId == null || mattermostUserId.isBlank() || username == null || username.isBlank()) {
        return null;
      }
      return new Claim(mattermostUserId, username, Instant.ofEpochMilli(since));
    }
  }
}
