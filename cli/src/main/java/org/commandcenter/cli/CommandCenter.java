package org.commandcenter.cli;

import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.commandcenter.cli.connection.MattermostOptions;
import org.commandcenter.cli.console.CliContext;
import org.commandcenter.cli.console.CliException;
import org.commandcenter.cli.console.Environment;
import org.commandcenter.cli.console.ExitCode;
import org.commandcenter.cli.console.Failures;
import org.commandcenter.cli.console.RedactingWriter;
import org.commandcenter.cli.console.Secrets;
import org.commandcenter.cli.console.VersionProvider;
import org.commandcenter.cli.doctor.DoctorCommand;
import picocli.CommandLine.Command;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.Spec;
import picocli.CommandLine.UnmatchedArgumentException;
import picocli.CommandLine;

/** {@code command-center}: the Command Center command line ({@code send}, {@code war-room}, {@code doctor}). */
@Command(name = "command-center", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
    usageHelpAutoWidth = true,
    description = "ChatOps for air-gapped software factories: alerts to a self-hosted Mattermost, War Rooms, diagnostics.",
    subcommands = {SendCommand.class, WarRoomCommand.class, DoctorCommand.class, CommandLine.HelpCommand.class},
    footer = {"", "Run 'command-center help COMMAND' for a command's options. Documentation: docs/cli.md"})
public final class CommandCenter implements Callable<Integer>, CliContext.Source {
  /** Options whose value is a secret: registered before parsing so no error message can echo them. */
  private static final List<String> SECRET_OPTIONS = List.of("--token", "--webhook-url", "--turn-secret", "--password");
  /** Variables holding secrets; their values are redacted from all output. */
  private static final List<String> SECRET_VARIABLES = List.of(
      MattermostOptions.TOKEN_ENV, SendCommand.WEBHOOK_ENV, "TURN_STATIC_AUTH_SECRET");

  private final CliContext context;

  @Spec
  CommandSpec spec;

  public CommandCenter(CliContext context) {
    this.context = context;
  }

  @Override
  public CliContext context() {
    return context;
  }

  /** Without a command: the usage on standard error, and the usage exit code, so scripts notice. */
  @Override
  public Integer call() {
    spec.commandLine().usage(spec.commandLine().getErr());
    return ExitCode.USAGE;
  }

  public static void main(String[] args) {
    PrintWriter out = new PrintWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8), true);
    PrintWriter err = new PrintWriter(new OutputStreamWriter(System.err, StandardCharsets.UTF_8), true);
    System.exit(execute(args, Environment.system(), out, err));
  }

  /** Runs one command line with the given environment and output; returns the exit code. */
  public static int execute(String[] args, Environment environment, Writer out, Writer err) {
    Secrets secrets = new Secrets();
    registerSecrets(args, environment, secrets);
    PrintWriter safeOut = new PrintWriter(new RedactingWriter(out, secrets), true);
    PrintWriter safeErr = new PrintWriter(new RedactingWriter(err, secrets), true);
    try {
      return commandLine(new CliContext(environment, secrets)).setOut(safeOut).setErr(safeErr).execute(args);
    } finally {
      safeOut.flush();
      safeErr.flush();
    }
  }

  static CommandLine commandLine(CliContext context) {
    CommandLine commandLine = new CommandLine(new CommandCenter(context));
    // picocli would read "@FILE" arguments as files of arguments: "send @/proc/self/environ" would post a file
    // and let untrusted text inject options. Text is text; files are read only through --text-file.
    commandLine.setExpandAtFiles(false);
    commandLine.setCaseInsensitiveEnumValuesAllowed(true);
    commandLine.setExecutionExceptionHandler(new ExecutionErrors());
    commandLine.setParameterExceptionHandler(new UsageErrors());
    commandLine.setExitCodeExceptionMapper(error -> error instanceof CliException
        ? ((CliException) error).exitCode() : ExitCode.FAILED);
    return commandLine;
  }

  /** The values of secret options ({@code --token X}, {@code --token=X}) and variables, before parsing. */
  static void registerSecrets(String[] args, Environment environment, Secrets secrets) {
    for (int i = 0; i < args.length; i++) {
      String arg = args[i];
      String name = arg.contains("=") ? arg.substring(0, arg.indexOf('=')) : arg;
      if (!isSecretOptionName(name)) {
        continue;
      }
      if (arg.contains("=")) {
        secrets.register(arg.substring(arg.indexOf('=') + 1));
      } else if (i + 1 < args.length) {
        secrets.register(args[i + 1]);
      }
    }
    for (String variable : SECRET_VARIABLES) {
      secrets.register(environment.get(variable));
    }
  }

  /** Also catches misspellings ({@code --tokn}, {@code --webhook}) whose value picocli would echo as unmatched. */
  private static boolean isSecretOptionName(String name) {
    if (!name.startsWith("-")) {
      return false;
    }
    String lower = name.toLowerCase(Locale.ROOT);
    if (lower.endsWith("-file")) {
      return false;
    }
    return SECRET_OPTIONS.contains(lower) || lower.contains("token") || lower.contains("secret")
        || lower.contains("hook") || lower.contains("passw") || lower.contains("tokn");
  }

  /** Bad command lines: the error (secrets already masked by the writer), a pointer to help, exit 2. */
  static final class UsageErrors implements IParameterExceptionHandler {
    @Override
    public int handleParseException(ParameterException error, String[] args) {
      CommandLine commandLine = error.getCommandLine();
      PrintWriter err = commandLine.getErr();
      err.println("error: " + error.getMessage());
      UnmatchedArgumentException.printSuggestions(error, err);
      err.println("Try '" + commandLine.getCommandSpec().qualifiedName() + " --help' for the options.");
      return ExitCode.USAGE;
    }
  }

  /** Failures while running: {@link CliException}s print their message; anything else is a short, redacted line. */
  static final class ExecutionErrors implements IExecutionExceptionHandler {
    @Override
    public int handleExecutionException(Exception error, CommandLine commandLine, ParseResult parseResult) {
      PrintWriter err = commandLine.getErr();
      if (error instanceof CliException) {
        err.println("error: " + error.getMessage());
        return ((CliException) error).exitCode();
      }
      if (error instanceof org.commandcenter.mattermost.MattermostException) {
        org.commandcenter.mattermost.MattermostException failure = (org.commandcenter.mattermost.MattermostException) error;
        err.println("error: " + Failures.describe(failure));
        return Failures.exitCode(failure);
      }
      if (error instanceof IllegalArgumentException) {
        err.println("error: " + SendCommand.flagMessage(error.getMessage()));
        return ExitCode.USAGE;
      }
      err.println("error: " + error.getClass().getSimpleName()
          + (error.getMessage() == null ? "" : ": " + error.getMessage()));
      return ExitCode.FAILED;
    }
  }
}
