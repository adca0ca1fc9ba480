package org.commandcenter.mattermost;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Objects;

/** What became of a {@link Delivery}, after its first attempt or for good. Immutable. */
public final class DeliveryResult {
  public enum Status {
    /** Every step was carried out (some possibly found already done by an earlier attempt). */
    DELIVERED,
    /** It went out as one line of a digest post ({@link #digest()}), not as its own posts. */
    DIGESTED,
    /** Not delivered yet; the engine tries again ({@link #error()} says why the last attempt failed). */
    WAITING,
    /**
     * Not attempted yet, on purpose: so many notifications came for its channel that it is held back a few seconds
     * to go out in one digest with the others (only ever the first attempt's result).
     */
    QUEUED,
    /** Refused for good (e.g. unknown channel, no permission, a post Mattermost rejects); never retried. */
    FAILED,
    /** Dropped unsent to make room: the outbox was full and this was the oldest waiting delivery. */
    DROPPED,
    /** Replaced, unsent, by a newer delivery with the same coalesce key ({@link #replacedBy()}). */
    COALESCED,
    /** Not sent: its {@link Delivery#condition() condition} no longer held when it was due. */
    WITHDRAWN
  }

  private final String deliveryId;
  private final Status status;
  private final List<PostResult> posts;
  private final PostResult digest;
  private final String error;
  private final List<String> notices;
  private final String replacedBy;

  private DeliveryResult(String deliveryId, Status status, List<PostResult> posts, PostResult digest, String error,
      List<String> notices, String replacedBy) {
    this.deliveryId = requireNonNull(deliveryId, "deliveryId == null");
    this.status = requireNonNull(status, "status == null");
    this.posts = List.copyOf(posts);
    this.digest = digest;
    this.error = error;
    this.notices = List.copyOf(notices);
    this.replacedBy = replacedBy;
  }

  static DeliveryResult delivered(String deliveryId, List<PostResult> posts, List<String> notices) {
    return new DeliveryResult(deliveryId, Status.DELIVERED, posts, null, null, notices, null);
  }

  static DeliveryResult digested(String deliveryId, PostResult digest) {
    return new DeliveryResult(deliveryId, Status.DIGESTED, List.of(), digest, null, List.of(), null);
  }

  static DeliveryResult waiting(String deliveryId, List<PostResult> posts, String error, List<String> notices) {
    return new DeliveryResult(deliveryId, Status.WAITING, posts, null, error, notices, null);
  }

  static DeliveryResult queued(String deliveryId) {
    return new DeliveryResult(deliveryId, Status.QUEUED, List.of(), null, null, List.of(), null);
  }

  static DeliveryResult failed(String deliveryId, List<PostResult> posts, String error, List<String> notices) {
    return new DeliveryResult(deliveryId, Status.FAILED, posts, null, error, notices, null);
  }

  static DeliveryResult dropped(String deliveryId) {
    return new DeliveryResult(deliveryId, Status.DROPPED, List.of(), null,
        "dropped: the outbox was full and this was the oldest waiting delivery", List.of(), null);
  }

  static DeliveryResult withdrawn(String deliveryId) {
    return new DeliveryResult(deliveryId, Status.WITHDRAWN, List.of(), null, null, List.of(), null);
  }

  static DeliveryResult coalesced(String deliveryId, String replacedBy) {
    return new DeliveryResult(deliveryId, Status.COALESCED, List.of(), null, null, List.of(), replacedBy);
  }

  public String deliveryId() {
    return deliveryId;
  }

  public Status status() {
    return status;
  }

  /** Mattermost has it: as its own posts, or as a line of a digest. */
  public boolean isDelivered() {
    return status == Status.DELIVERED || status == Status.DIGESTED;
  }

  /** The result of each step carried out so far, in step order (every step when {@link Status#DELIVERED}). */
  public List<PostResult> posts() {
    return posts;
  }

  /** The digest post this delivery went out in, or null. */
  public PostResult digest() {
    return digest;
  }

  /** Why it is not delivered (free of secrets), or null. */
  public String error() {
    return error;
  }

  /** What the engine changed to get it through, e.g. a priority this Mattermost does not allow. */
  public List<String> notices() {
    return notices;
  }

  /** The id of the delivery that replaced this one, or null. */
  public String replacedBy() {
    return replacedBy;
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof DeliveryResult && ((DeliveryResult) other).deliveryId.equals(deliveryId)
        && ((DeliveryResult) other).status == status && ((DeliveryResult) other).posts.equals(posts)
        && Objects.equals(((DeliveryResult) other).digest, digest)
        && Objects.equals(((DeliveryResult) other).error, error)
        && ((DeliveryResult) other).notices.equals(notices)
        && Objects.equals(((DeliveryResult) other).replacedBy, replacedBy);
  }

  @Override
  public int hashCode() {
    return Objects.hash(deliveryId, status, posts, digest, error);
  }

  @Override
  public String toString() {
    return "DeliveryResult{" + deliveryId + " " + status + (error != null ? ": " + error : "") + "}";
  }
}
