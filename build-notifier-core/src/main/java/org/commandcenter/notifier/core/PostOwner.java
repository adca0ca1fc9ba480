package org.commandcenter.notifier.core;

import static java.util.Objects.requireNonNull;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.regex.Pattern;
import org.commandcenter.mattermost.StoredPost;

/**
 * Which job a post belongs to, stamped into the props of every post the engine creates for it, so that a later
 * {@code updatePostId} or {@code threadId} can be refused when the post is another job's (or SonarQube's, or a
 * person's). The stamp is opaque: a hash of the host instance's id and the job's full name, which says nothing
 * about either to a channel reader.
 */
public record PostOwner(String stamp) {
  /** The post prop holding the stamp; steps cannot set it through {@code props}. */
  public static final String PROP = "command_center_owner";
  private static final Pattern STAMP = Pattern.compile("[0-9a-f]{32}");

  public PostOwner {
    requireNonNull(stamp, "stamp == null");
    if (!STAMP.matcher(stamp).matches()) {
      throw Checks.invalid("stamp", "must be 32 lower-case hex digits");
    }
  }

  /**
   * @param instance an id of the host installation that stays the same across restarts (Jenkins' instance id)
   * @param job      the job's full name ({@code folder/job})
   */
  public static PostOwner of(String instance, String job) {
    Checks.requireNotBlank("instance", instance);
    Checks.requireNotBlank("job", job);
    try {
      MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
      byte[] digest = sha256.digest((instance + '\n' + job).getBytes(StandardCharsets.UTF_8));
      return new PostOwner(HexFormat.of().formatHex(digest, 0, 16));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java platform has SHA-256", e);
    }
  }

  /** Whether {@code post} carries this owner's stamp. */
  public boolean owns(StoredPost post) {
    requireNonNull(post, "post == null");
    return stamp.equals(post.prop(PROP));
  }
}
