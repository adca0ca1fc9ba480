package org.commandcenter.jenkins.mattermost;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mockConstruction;
import static org.mockito.Mockito.when;

import hudson.util.ClassLoaderSanityThreadFactory;
import hudson.util.DaemonThreadFactory;
import hudson.util.NamingThreadFactory;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledExecutorService;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mockito.MockedConstruction;

/**
 * Every thread the plugin makes comes from one place, {@link PluginContext#threadFactory}, which asks Jenkins for
 * its own kind: {@code new NamingThreadFactory(new ClassLoaderSanityThreadFactory(new DaemonThreadFactory()), name)}
 * (Jenkins' classes are compile-only here: their constructions are recorded).
 */
class PluginThreadsTest {
  @TempDir
  Path home;

  @Test
  void deliveryAndChatOpsThreadsAreJenkinsNamedThreadsWithCoresClassLoader() {
    List<String> names = new CopyOnWriteArrayList<>();
    List<Object> namingDelegates = new CopyOnWriteArrayList<>();
    List<Object> sanityDelegates = new CopyOnWriteArrayList<>();
    try (MockedConstruction<DaemonThreadFactory> daemons = mockConstruction(DaemonThreadFactory.class);
        MockedConstruction<ClassLoaderSanityThreadFactory> sanity = mockConstruction(
            ClassLoaderSanityThreadFactory.class, (mock, made) -> sanityDelegates.add(made.arguments().get(0)));
        MockedConstruction<NamingThreadFactory> naming = mockConstruction(NamingThreadFactory.class,
            (mock, made) -> {
              String name = (String) made.arguments().get(1);
              names.add(name);
              namingDelegates.add(made.arguments().get(0));
              when(mock.newThread(any())).thenAnswer(i -> {
                Thread thread = new Thread(i.<Runnable>getArgument(0), name);
                thread.setDaemon(true);
                return thread;
              });
            })) {
      PluginContext context = new PluginContext();
      JenkinsDelivery delivery = new JenkinsDelivery();
      delivery.start(context, home);
      ExecutorService chatOps = ChatOpsThreads.workers(context);
      ScheduledExecutorService builds = ChatOpsThreads.scheduler(context);
      try {
        assertThat(names).containsExactly("Mattermost delivery", "Mattermost delivery (in memory)",
            "Mattermost ChatOps", "Mattermost ChatOps builds");
        assertThat(namingDelegates).containsExactlyElementsOf(sanity.constructed());
        assertThat(sanityDelegates).containsExactlyElementsOf(daemons.constructed());
        assertThat(Thread.getAllStackTraces().keySet()).extracting(Thread::getName)
            .contains("Mattermost delivery", "Mattermost delivery (in memory)");
      } finally {
        delivery.stop();
        chatOps.shutdownNow();
        builds.shutdownNow();
      }
    }
  }
}
