package dev.parkade.bootstrap;

import dev.parkade.adapters.web.Tokens;
import dev.parkade.domain.InvalidValueException;
import dev.parkade.domain.UserId;
import java.io.PrintWriter;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code parkade token}: prints a bearer token signed with the server's secret. */
@Command(
    name = "token",
    mixinStandardHelpOptions = true,
    description = "Print a signed bearer token for a user.")
final class TokenCommand implements Callable<Integer> {
  @Spec CommandSpec spec = CommandSpec.create();

  @Option(names = "--user", required = true, description = "the user id (sub)")
  String user = "";

  @Option(names = "--operator", description = "grant the operator role")
  boolean operator;

  @Option(
      names = "--ttl",
      defaultValue = "1h",
      description = "how long the token is valid: 90s, 30m, 1h, 7d (default ${DEFAULT-VALUE})")
  String ttl = "1h";

  @Mixin DataDirOption dataDir = new DataDirOption();

  @Override
  public Integer call() {
    UserId subject;
    try {
      subject = new UserId(user);
    } catch (InvalidValueException e) {
      throw new ConfigurationException("--user", String.valueOf(e.getMessage()));
    }
    Duration validFor = duration(ttl); // before the secret, which may be created on first use
    Tokens tokens =
        new Tokens(
            TokenSecret.resolve(Environment.ofSystem().variables(), dataDir.path()),
            Clock.systemUTC());
    PrintWriter out = spec.commandLine().getOut();
    out.println(tokens.issue(subject, operator, validFor));
    out.flush();
    return 0;
  }

  /** Ten years: far beyond any sensible token, and far inside what a token's exp can hold. */
  static final Duration LONGEST = Duration.ofDays(3650);

  private static final DurationFlag TTL = new DurationFlag("--ttl", Duration.ofSeconds(1), LONGEST);

  static Duration duration(String text) {
    return TTL.parse(text);
  }
}
