package dev.parkade.domain;

/** The one place where the spelling rules of identifiers are checked. */
final class Identifiers {
  private Identifiers() {}

  /** Characters allowed in user ids besides letters and digits. */
  static final String USER_PUNCTUATION = "._@-";

  /** Characters allowed in spot and session ids besides letters and digits. */
  static final String ID_PUNCTUATION = "._-";

  static String require(String field, String value, int maxLength, String punctuation) {
    int length = requireLength(field, value, maxLength).length();
    for (int i = 0; i < length; i++) {
      char c = value.charAt(i);
      if (!isAsciiLetterOrDigit(c) && punctuation.indexOf(c) < 0) {
        throw new InvalidValueException(
            field,
            "may only contain A-Z, a-z, 0-9 and '"
                + punctuation
                + "', found '"
                + printable(c)
                + "' at position "
                + (i + 1));
      }
    }
    return value;
  }

  /** Requires {@code value}, of 1 to {@code maxLength} characters, whatever they are. */
  static String requireLength(String field, String value, int maxLength) {
    if (value == null) {
      throw new InvalidValueException(field, "is required");
    }
    int length = value.length();
    if (length == 0 || length > maxLength) {
      throw new InvalidValueException(
          field, "must be 1 to " + maxLength + " characters long, was " + length);
    }
    return value;
  }

  static boolean isAsciiLetterOrDigit(char c) {
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
  }

  /** Control characters are shown by code point so that an error line stays one line. */
  static String printable(char c) {
    return Character.isISOControl(c) || Character.isWhitespace(c)
        ? String.format("U+%04X", (int) c)
        : String.valueOf(c);
  }
}
