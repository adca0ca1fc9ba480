package org.commandcenter.jenkins.mattermost;

import hudson.Extension;
import hudson.security.csrf.CrumbExclusion;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * Mattermost cannot send Jenkins' CSRF crumb, so the two ChatOps paths go on without it, and nothing else does:
 * {@code /mattermost/actions} and {@code /mattermost/command}, compared exactly. Jenkins' CrumbFilter asks every
 * exclusion about every POST before it reads a crumb (jenkins-2.479.3 {@code hudson/security/csrf/CrumbFilter.java});
 * the path it hands over is the canonical one after the context path. Those requests carry their own proof (a signed
 * button context, the command token), checked by ChatOps before it does anything.
 */
@Extension
public final class ChatOpsCrumbExclusion extends CrumbExclusion {
  @Override
  public boolean process(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws IOException, ServletException {
    if (isChatOpsPath(request.getPathInfo())) {
      chain.doFilter(request, response);
      return true;
    }
    return false;
  }

  static boolean isChatOpsPath(String pathInfo) {
    return ChatOpsEndpoint.ACTIONS_PATH.equals(pathInfo) || ChatOpsEndpoint.COMMAND_PATH.equals(pathInfo);
  }
}
