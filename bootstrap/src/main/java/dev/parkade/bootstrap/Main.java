package dev.parkade.bootstrap;

import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code parkade} command line. */
@Command(
    name = "parkade",
    mixinStandardHelpOptions = true,
    version = "parkade 0.1.0",
    description = "Parking spots for drivers, under any load.",
    subcommands = {
      ServeCommand.class,
      TokenCommand.class,
      MigrateCommand.class,
      ImportCommand.class
    })
public final class Main implements Runnable {
  /** Exit status for bad usage or configuration. */
  static final int BAD_CONFIGURATION = 2;

  @Override
  public void run() {
    new CommandLine(this).usage(System.out);
  }

  public static void main(String[] args) {
    System.exit(
        run(
            args,
            new PrintWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8), true),
            new PrintWriter(new OutputStreamWriter(System.err, StandardCharsets.UTF_8), true)));
  }

  /** Runs a command line; answers its exit status. Every refusal is one line on {@code err}. */
  static int run(String[] args, PrintWriter out, PrintWriter err) {
    CommandLine cli = new CommandLine(new Main());
    cli.setCaseInsensitiveEnumValuesAllowed(true);
    cli.setOut(out);
    cli.setErr(err);
    cli.setParameterExceptionHandler(
        (e, ignored) -> {
          err.println("parkade: " + e.getMessage());
          return BAD_CONFIGURATION;
        });
    cli.setExecutionExceptionHandler(
        (e, ignored, parseResult) -> {
          if (e instanceof ConfigurationException) {
            err.println("parkade: " + e.getMessage());
            return BAD_CONFIGURATION;
          }
          throw e;
        });
    return cli.execute(args);
  }
}
