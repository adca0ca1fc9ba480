package org.commandcenter.local;

import java.nio.file.Files;
import java.nio.file.Path;

/** The Command Center checkout the command center runs from (it reads deploy/ and the plugin jar there). */
final class Repository {
  private Repository() {
  }

  /** The nearest directory at or above the working directory that holds deploy/coturn/turnserver.conf. */
  static Path find() {
    Path start = Path.of("").toAbsolutePath();
    for (Path dir = start; dir != null; dir = dir.getParent()) {
      if (Files.isRegularFile(dir.resolve("deploy/coturn/turnserver.conf"))) {
        return dir;
      }
    }
    throw new IllegalStateException("not inside a Command Center checkout (no deploy/coturn/turnserver.conf above "
        + start + "); run ./command-center-local from the repository root");
  }
}
