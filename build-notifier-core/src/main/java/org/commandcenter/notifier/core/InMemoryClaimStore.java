package org.commandcenter.notifier.core;

import static java.util.Objects.requireNonNull;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** Claims in memory, atomic through {@link ConcurrentHashMap}; lost on restart. */
public final class InMemoryClaimStore implements ClaimStore {
  private final Map<String, Claim> claims = new ConcurrentHashMap<>();
  private final Map<String, Claim> spent = new ConcurrentHashMap<>();

  @Override
  public Claim claim(String key, Claim claim) {
    requireNonNull(key, "key == null");
    requireNonNull(claim, "claim == null");
    Claim holder = claims.putIfAbsent(key, claim);
    return holder == null ? claim : holder;
  }

  @Override
  public Optional<Claim> holder(String key) {
    return Optional.ofNullable(claims.get(key));
  }

  @Override
  public boolean release(String key, String mattermostUserId) {
    Claim holder = claims.get(key);
    return holder != null && holder.mattermostUserId().equals(mattermostUserId) && claims.remove(key, holder);
  }

  @Override
  public Optional<Claim> spend(String key, Claim by) {
    requireNonNull(by, "by == null");
    return Optional.ofNullable(spent.putIfAbsent(key, by));
  }

  @Override
  public Optional<Claim> spent(String key) {
    return Optional.ofNullable(spent.get(key));
  }

  @Override
  public void unspend(String key) {
    spent.remove(key);
  }
}
