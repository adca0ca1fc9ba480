package org.commandcenter.cli;

import java.io.ByteArrayInputStream;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.commandcenter.cli.console.Environment;

/** Runs {@code command-center} in-process with its own environment, and captures what it printed. */
public final class CliRun {
  public final int exitCode;
  public final String out;
  public final String err;

  private CliRun(int exitCode, String out, String err) {
    this.exitCode = exitCode;
    this.out = out;
    this.err = err;
  }

  public static CliRun run(Map<String, String> environment, String... args) {
    return runWithStdin(environment, "", args);
  }

  public static CliRun runWithStdin(Map<String, String> environment, String stdin, String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int exitCode = CommandCenter.execute(args,
        Environment.of(environment, new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8))), out, err);
    return new CliRun(exitCode, out.toString(), err.toString());
  }

  /** Everything the user saw. */
  public String all() {
    return out + err;
  }

  @Override
  public String toString() {
    return "exit " + exitCode + "\n--- stdout ---\n" + out + "--- stderr ---\n" + err;
  }
}
