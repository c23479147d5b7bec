package dev.parkade.bootstrap;

import dev.parkade.adapters.web.Tokens;
import dev.parkade.domain.InvalidValueException;
import dev.parkade.domain.UserId;
import java.io.PrintWriter;
import java.time.Clock;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.regex.Pattern;
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

  /** A positive amount in one unit, either spelling; only overflow can make it fail to parse. */
  private static final Pattern WELL_FORMED = Pattern.compile("\\d+[smhd]|p\\d+d|pt\\d+[smh]");

  static Duration duration(String text) {
    String value = text.strip().toLowerCase(Locale.ROOT);
    try {
      if (value.startsWith("p")) {
        return positive(Duration.parse(value.toUpperCase(Locale.ROOT)), text);
      }
      long amount = Long.parseLong(value.substring(0, value.length() - 1));
      Duration duration =
          switch (value.charAt(value.length() - 1)) {
            case 's' -> Duration.ofSeconds(amount);
            case 'm' -> Duration.ofMinutes(amount);
            case 'h' -> Duration.ofHours(amount);
            case 'd' -> Duration.ofDays(amount);
            default -> throw new NumberFormatException();
          };
      return positive(duration, text);
    } catch (ArithmeticException e) {
      throw tooLong(text); // more seconds than a Duration holds
    } catch (NumberFormatException | DateTimeParseException | StringIndexOutOfBoundsException e) {
      if (WELL_FORMED.matcher(value).matches()) {
        throw tooLong(text); // spelled right, but too many for a long or a Duration
      }
      throw new ConfigurationException(
          "--ttl", "must look like 90s, 30m, 1h or 7d, was '" + text + "'");
    }
  }

  private static Duration positive(Duration duration, String text) {
    if (duration.isNegative() || duration.isZero()) {
      throw new ConfigurationException("--ttl", "must be positive, was '" + text + "'");
    }
    if (duration.compareTo(LONGEST) > 0) {
      throw tooLong(text);
    }
    return duration;
  }

  private static ConfigurationException tooLong(String text) {
    return new ConfigurationException(
        "--ttl", "must be at most " + LONGEST.toDays() + "d, was '" + text + "'");
  }
}
