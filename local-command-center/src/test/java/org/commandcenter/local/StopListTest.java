package org.commandcenter.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class StopListTest {
  private final StringWriter output = new StringWriter();
  private final StopList started = new StopList(new Console(new PrintWriter(output, true), true));
  private final List<String> stopped = new ArrayList<>();

  @Test
  void stopsNewestFirstExactlyOnceEvenWhenOneFails() {
    started.add("mattermost", () -> stopped.add("mattermost"));
    started.add("coturn", () -> {
      stopped.add("coturn");
      throw new IllegalStateException("already gone");
    });
    started.add("sonarqube", () -> stopped.add("sonarqube"));

    started.close();
    started.close();

    assertThat(stopped).containsExactly("sonarqube", "coturn", "mattermost");
    assertThat(output.toString()).contains("Stopping sonarqube", "could not stop coturn: already gone");
  }

  @Test
  void stopsWhatIsAddedWhileShuttingDown() {
    started.close();

    assertThatThrownBy(() -> started.add("late", () -> stopped.add("late")))
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("late");
    assertThat(stopped).containsExactly("late");
  }
}
