package org.commandcenter.jenkins.mattermost;

import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import hudson.model.BuildListener;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/** A TaskListener (BuildListener) whose output the test can read. */
final class BuildLog {
  final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
  final BuildListener listener = mock(BuildListener.class);

  BuildLog() {
    when(listener.getLogger()).thenReturn(new PrintStream(bytes, true, StandardCharsets.UTF_8));
  }

  String text() {
    return bytes.toString(StandardCharsets.UTF_8);
  }
}
