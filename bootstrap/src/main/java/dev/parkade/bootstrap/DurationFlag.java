package dev.parkade.bootstrap;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * A flag's length of time, spelled {@code 90s}, {@code 30m}, {@code 1h}, {@code 7d} or ISO-8601
 * ({@code PT30M}), within the bounds the flag allows; anything else is refused naming the flag.
 */
record DurationFlag(String flag, Duration shortest, Duration longest) {

  /** A positive amount in one unit, either spelling; only overflow can make it fail to parse. */
  private static final Pattern WELL_FORMED = Pattern.compile("\\d+[smhd]|p\\d+d|pt\\d+[smh]");

  Duration parse(String text) {
    String value = text.strip().toLowerCase(Locale.ROOT);
    try {
      if (value.startsWith("p")) {
        return bounded(Duration.parse(value.toUpperCase(Locale.ROOT)), text);
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
      return bounded(duration, text);
    } catch (ArithmeticException e) {
      throw tooLong(text); // more seconds than a Duration holds
    } catch (NumberFormatException | DateTimeParseException | StringIndexOutOfBoundsException e) {
      if (WELL_FORMED.matcher(value).matches()) {
        throw tooLong(text); // spelled right, but too many for a long or a Duration
      }
      throw new ConfigurationException(
          flag, "must look like 90s, 30m, 1h or 7d, was '" + text + "'");
    }
  }

  private Duration bounded(Duration duration, String text) {
    if (duration.isNegative() || duration.isZero()) {
      throw new ConfigurationException(flag, "must be positive, was '" + text + "'");
    }
    if (duration.compareTo(shortest) < 0) {
      throw new ConfigurationException(
          flag, "must be at least " + spelled(shortest) + ", was '" + text + "'");
    }
    if (duration.compareTo(longest) > 0) {
      throw tooLong(text);
    }
    return duration;
  }

  private ConfigurationException tooLong(String text) {
    return new ConfigurationException(
        flag, "must be at most " + spelled(longest) + ", was '" + text + "'");
  }

  /** The bound in the largest unit that spells it whole, as a user would write it. */
  private static String spelled(Duration bound) {
    if (bound.toSeconds() % 86_400 == 0) {
      return bound.toDays() + "d";
    }
    if (bound.toSeconds() % 3_600 == 0) {
      return bound.toHours() + "h";
    }
    return bound.toSeconds() % 60 == 0 ? bound.toMinutes() + "m" : bound.toSeconds() + "s";
  }
}
