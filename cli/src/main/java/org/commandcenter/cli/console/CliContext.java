package org.commandcenter.cli.console;

import static java.util.Objects.requireNonNull;

/** What every command of one invocation shares: the process environment and the secrets seen so far. */
public final class CliContext {
  private final Environment environment;
  private final Secrets secrets;

  public CliContext(Environment environment, Secrets secrets) {
    this.environment = requireNonNull(environment, "environment == null");
    this.secrets = requireNonNull(secrets, "secrets == null");
  }

  public Environment environment() {
    return environment;
  }

  public Secrets secrets() {
    return secrets;
  }

  /**
   * What a command's parent offers its subcommands (picocli's {@code @ParentCommand}), so that commands need not
   * know the class of the command line they are part of.
   */
  public interface Source {
    CliContext context();
  }
}
