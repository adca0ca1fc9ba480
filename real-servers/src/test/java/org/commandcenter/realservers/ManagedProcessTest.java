package org.commandcenter.realservers;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ManagedProcessTest {

  @Test
  void stopEndsTheProcessAndWhatItStartedByPid(@TempDir Path dir) throws Exception {
    ManagedProcess shell = ManagedProcess.start("shell", List.of("sh", "-c", "sleep 600 & echo started; wait"),
        dir.resolve("shell.log"));
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (shell.logTail(1).isEmpty() || !shell.logTail(1).equals("started")) {
      assertThat(System.nanoTime()).as("the shell wrote its first line").isLessThan(deadline);
      Thread.sleep(20);
    }
    List<ProcessHandle> children = ProcessHandle.of(shell.pid()).orElseThrow().descendants().toList();
    assertThat(children).isNotEmpty();

    shell.stop(Duration.ofSeconds(2));

    assertThat(shell.isAlive()).isFalse();
    for (ProcessHandle child : children) {
      child.onExit().get();
      assertThat(child.isAlive()).as("child %s", child.pid()).isFalse();
    }
  }

  @Test
  void keepsStandardOutputApartWhenAsked(@TempDir Path dir) throws Exception {
    try (ManagedProcess echo = ManagedProcess.builder("echo", List.of("sh", "-c", "echo out; echo err >&2"))
        .log(dir.resolve("err.log")).output(dir.resolve("out.txt")).environment("UNUSED", "1").start()) {
      assertThat(echo.waitFor(Duration.ofSeconds(10))).isTrue();
      assertThat(echo.exitValue()).isZero();
    }
    assertThat(Files.readString(dir.resolve("out.txt"))).isEqualTo("out\n");
    assertThat(Files.readString(dir.resolve("err.log"))).isEqualTo("err\n");
  }

  @Test
  void noInputGivesEndOfFileAtOnce(@TempDir Path dir) throws Exception {
    try (ManagedProcess cat = ManagedProcess.builder("cat", List.of("cat")).log(dir.resolve("cat.log")).noInput()
        .start()) {
      assertThat(cat.waitFor(Duration.ofSeconds(10))).as("cat ended on EOF").isTrue();
    }
  }

  @Test
  void runReturnsTheExitStatusOfAShortCommand() throws Exception {
    assertThat(ManagedProcess.run(List.of("sh", "-c", "exit 3"), Duration.ofSeconds(10))).isEqualTo(3);
  }

  @Test
  void tailSaysWhyThereIsNoLog(@TempDir Path dir) {
    assertThat(ManagedProcess.tail(dir.resolve("missing.log"), 5)).startsWith("(no missing.log");
  }
}
