package dev.parkade.domain;

/**
 * A client's name for one write, so that a retry of it is recognised: 1 to 255 visible ASCII
 * characters ({@code !} to {@code ~}), taken verbatim, as the IETF draft "The Idempotency-Key HTTP
 * Header Field" allows. Scoped to its caller by storage, never global.
 */
public record IdempotencyKey(String value) {
  public static final int MAX_LENGTH = 255;

  /** How a client spells the field: the HTTP header's name. */
  public static final String FIELD = "Idempotency-Key";

  public IdempotencyKey {
    int length = Identifiers.requireLength(FIELD, value, MAX_LENGTH).length();
    for (int i = 0; i < length; i++) {
      char c = value.charAt(i);
      if (c < '!' || c > '~') {
        throw new InvalidValueException(
            FIELD,
            "may only contain visible ASCII characters, found '"
                + Identifiers.printable(c)
                + "' at position "
                + (i + 1));
      }
    }
  }

  @Override
  public String toString() {
    return value;
  }
}
