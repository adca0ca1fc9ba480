package org.commandcenter.jenkins.mattermost;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import jakarta.servlet.FilterChain;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The crumb is waived for the two ChatOps paths, compared exactly, and for nothing else. */
class ChatOpsCrumbExclusionTest {
  private final ChatOpsCrumbExclusion exclusion = new ChatOpsCrumbExclusion();
  private final HttpServletResponse response = mock(HttpServletResponse.class);

  private boolean excluded(String pathInfo, FilterChain chain) throws Exception {
    HttpServletRequest request = mock(HttpServletRequest.class);
    when(request.getPathInfo()).thenReturn(pathInfo);
    return exclusion.process(request, response, chain);
  }

  @Test
  void excludesExactlyTheActionsAndCommandPathsAndPassesThemOn() throws Exception {
    for (String path : List.of("/mattermost/actions", "/mattermost/command")) {
      FilterChain chain = mock(FilterChain.class);

      assertThat(excluded(path, chain)).as(path).isTrue();

      verify(chain).doFilter(org.mockito.ArgumentMatchers.any(), org.mockito.ArgumentMatchers.same(response));
    }
  }

  @Test
  void excludesNothingElse() throws Exception {
    for (String path : Arrays.asList("/mattermost/actionsx", "/mattermost/", "/mattermost", "/mattermost/actions/",
        "/mattermost/actions/x", "/mattermost/commands", "/Mattermost/actions", "/job/x/build",
        "/job/x/buildWithParameters", "/mattermost-notifier-icon/", "/script", "/manage/configSubmit",
        "/x/mattermost/actions", "", null)) {
      FilterChain chain = mock(FilterChain.class);

      assertThat(excluded(path, chain)).as(String.valueOf(path)).isFalse();

      verify(chain, never()).doFilter(org.mockito.ArgumentMatchers.any(), org.mockito.ArgumentMatchers.any());
    }
  }
}
