package org.commandcenter.jenkins.mattermost;

import hudson.Extension;
import hudson.model.UnprotectedRootAction;
import java.util.concurrent.TimeUnit;
import org.kohsuke.stapler.HttpResponse;
import org.kohsuke.stapler.HttpResponses;

/**
 * The plugin's bot icon for every viewer, at {@code <root>/mattermost-notifier-icon/}. Mattermost's image proxy and
 * the people reading the channel have no Jenkins session, and a plugin's {@code /plugin/<name>/…} files need
 * Overall/Read ({@code Jenkins.getTarget}; {@code plugin} is not among {@code ALWAYS_READABLE_PATHS} in
 * jenkins-2.479.3 {@code jenkins/model/Jenkins.java}), so they would get a login page instead. Unprotected root
 * actions are readable anonymously; this one serves one fixed image and never looks up a path from the request.
 */
@Extension
public final class BundledIcon implements UnprotectedRootAction {
  static final String URL_NAME = "mattermost-notifier-icon";
  private static final long ONE_DAY = TimeUnit.DAYS.toMillis(1);

  @Override
  public String getIconFileName() {
    return null;
  }

  @Override
  public String getDisplayName() {
    return null;
  }

  @Override
  public String getUrlName() {
    return URL_NAME;
  }

  /** {@code GET <root>/mattermost-notifier-icon/}: the PNG, cacheable for a day. */
  public HttpResponse doIndex() {
    return HttpResponses.staticResource(BundledIcon.class.getResource("jenkins-mattermost.png"), ONE_DAY);
  }
}
