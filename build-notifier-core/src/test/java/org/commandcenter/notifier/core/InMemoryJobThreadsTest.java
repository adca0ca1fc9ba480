package org.commandcenter.notifier.core;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class InMemoryJobThreadsTest {
  private final InMemoryJobThreads job = new InMemoryJobThreads();

  @Test
  void buildsKeepTheirOwnRootPostsButShareTheJobsOpenIncident() {
    PostRef root142 = PostRef.of("post142000000000000000000a", "channel0000000000000000000");
    PostRef incident = PostRef.of("incident000000000000000000", "channel0000000000000000000");
    job.forBuild(142).saveBuildThread("builds", root142);
    job.forBuild(142).saveOpenIncident("builds", incident);

    assertThat(job.forBuild(142).buildThread("builds")).contains(root142);
    assertThat(job.forBuild(143).buildThread("builds")).isEmpty();
    assertThat(job.forBuild(143).openIncident("builds")).contains(incident);

    job.forBuild(144).closeIncident("builds");
    assertThat(job.forBuild(142).openIncident("builds")).isEmpty();
  }
}
