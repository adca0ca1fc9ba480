package org.commandcenter.notifier.core;

/**
 * A job as the asking user sees it.
 *
 * @param fullName Jenkins' full name, e.g. {@code team/app/main}
 * @param url the job's absolute URL, or null when Jenkins' root URL is not configured
 */
public record JobInfo(String fullName, String url) {
  public JobInfo {
    Checks.requireNotBlank("fullName", fullName);
    Checks.requireHttpUrlOrNull("url", url);
    url = Checks.emptyToNull(url);
  }
}
