package org.commandcenter.realservers;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.stream.Stream;

/** The file-tree chores around the servers: deleting a run's directory, copying a sample project to analyse. */
public final class Directories {
  private Directories() {
  }

  /** Deletes {@code dir} and everything below it; a missing directory is fine. */
  public static void delete(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(dir)) {
      paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
    }
  }

  /** Copies a project's sources to {@code to}, leaving out build output ({@code target/}) so each analysis is fresh. */
  public static void copyProject(Path from, Path to) throws IOException {
    try (Stream<Path> paths = Files.walk(from)) {
      for (Path path : (Iterable<Path>) paths::iterator) {
        Path relative = from.relativize(path);
        if (isBuildOutput(relative)) {
          continue;
        }
        Path target = to.resolve(relative.toString());
        if (Files.isDirectory(path)) {
          Files.createDirectories(target);
        } else {
          Files.copy(path, target, StandardCopyOption.REPLACE_EXISTING);
        }
      }
    }
  }

  private static boolean isBuildOutput(Path relative) {
    for (Path element : relative) {
      if (element.toString().equals("target")) {
        return true;
      }
    }
    return false;
  }
}
