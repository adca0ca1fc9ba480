package org.commandcenter.jenkins.mattermost;

import hudson.Extension;
import hudson.model.AbstractDescribableImpl;
import hudson.model.Descriptor;
import hudson.util.FormValidation;
import java.util.ArrayList;
import java.util.List;
import org.commandcenter.notifier.core.StepPolicy;
import org.jenkinsci.Symbol;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;
import org.kohsuke.stapler.QueryParameter;
import org.kohsuke.stapler.verb.POST;

/**
 * What {@code mattermostSend} may do with the bot, part of the global Mattermost settings: whoever can push a
 * Jenkinsfile is not trusted with the whole channel. Every switch is off by default (the safe way), and the
 * image hosts list is empty. Persisted inside the global configuration; the core's {@link StepPolicy} is the rule.
 */
public class StepPolicySettings extends AbstractDescribableImpl<StepPolicySettings> {
  private boolean channelMentionsAllowed;
  private boolean senderOverridesAllowed;
  private boolean persistentNotificationsAllowed;
  private boolean foreignPostsAllowed;
  private String imageHosts;

  @DataBoundConstructor
  public StepPolicySettings() {
  }

  /** The rule this configuration stands for; a broken host list (only possible by editing the XML) allows none. */
  StepPolicy toPolicy() {
    StepPolicy.Builder policy = StepPolicy.builder()
        .channelMentionsAllowed(channelMentionsAllowed)
        .senderOverridesAllowed(senderOverridesAllowed)
        .persistentNotificationsAllowed(persistentNotificationsAllowed)
        .foreignPostsAllowed(foreignPostsAllowed);
    try {
      policy.imageHosts(hostList(imageHosts));
    } catch (IllegalArgumentException e) {
      policy.imageHosts(List.of());
    }
    return policy.build();
  }

  public boolean isChannelMentionsAllowed() {
    return channelMentionsAllowed;
  }

  @DataBoundSetter
  public void setChannelMentionsAllowed(boolean channelMentionsAllowed) {
    this.channelMentionsAllowed = channelMentionsAllowed;
  }

  public boolean isSenderOverridesAllowed() {
    return senderOverridesAllowed;
  }

  @DataBoundSetter
  public void setSenderOverridesAllowed(boolean senderOverridesAllowed) {
    this.senderOverridesAllowed = senderOverridesAllowed;
  }

  public boolean isPersistentNotificationsAllowed() {
    return persistentNotificationsAllowed;
  }

  @DataBoundSetter
  public void setPersistentNotificationsAllowed(boolean persistentNotificationsAllowed) {
    this.persistentNotificationsAllowed = persistentNotificationsAllowed;
  }

  public boolean isForeignPostsAllowed() {
    return foreignPostsAllowed;
  }

  @DataBoundSetter
  public void setForeignPostsAllowed(boolean foreignPostsAllowed) {
    this.foreignPostsAllowed = foreignPostsAllowed;
  }

  public String getImageHosts() {
    return imageHosts;
  }

  /**
   * @throws InvalidField {@code imageHosts} for anything but host names or {@code *.domain}
   */
  @DataBoundSetter
  public void setImageHosts(String imageHosts) {
    String value = imageHosts == null || imageHosts.isBlank() ? null : imageHosts.strip();
    try {
      StepPolicy.builder().imageHosts(hostList(value));
    } catch (IllegalArgumentException e) {
      throw new InvalidField("imageHosts", e.getMessage());
    }
    this.imageHosts = value;
  }

  /** One host per line, or separated by commas or spaces. */
  static List<String> hostList(String value) {
    List<String> hosts = new ArrayList<>();
    if (value != null) {
      for (String part : value.split("[\\s,;]+")) {
        if (!part.isEmpty()) {
          hosts.add(part);
        }
      }
    }
    return hosts;
  }

  @Extension
  @Symbol("stepPolicy")
  public static final class DescriptorImpl extends Descriptor<StepPolicySettings> {
    @Override
    public String getDisplayName() {
      return Messages.get("stepPolicy.displayName");
    }

    @POST
    public FormValidation doCheckImageHosts(@QueryParameter String value) {
      if (!Forms.canConfigure(null)) {
        return FormValidation.ok();
      }
      try {
        StepPolicy.builder().imageHosts(hostList(value));
        return FormValidation.ok();
      } catch (IllegalArgumentException e) {
        return FormValidation.error(e.getMessage());
      }
    }
  }
}
