package dev.parkade.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ValueTypesTest {

  private static void assertInvalid(String field, String fragment, Runnable construction) {
    InvalidValueException invalid = assertThrows(InvalidValueException.class, construction::run);
    assertEquals(field, invalid.field());
    String message = String.valueOf(invalid.getMessage());
    assertTrue(message.contains(fragment), message);
  }

  @Test
  void licensePlate_isTrimmedUpperCasedAndLosesItsSpaces() {
    assertEquals("AB123", new LicensePlate("  ab 123 ").value());
    assertEquals(new LicensePlate("AB123"), new LicensePlate("ab 123"));
    assertEquals("AB-123-CD", new LicensePlate("AB-123-CD").value());
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "   ", "AB_123", "ÄB123", "AB.1", "12345678901234567"})
  void licensePlate_outsideTheAlphabetOrLength_isRefusedNamingThePlate(String raw) {
    assertInvalid("plate", "plate", () -> new LicensePlate(raw));
  }

  @Test
  void licensePlate_ofSixteenCharactersWithSpacesAround_isAccepted() {
    assertEquals("ABCDEFGH12345678", new LicensePlate(" ABCDEFGH12345678 ").value());
  }

  @Test
  @SuppressWarnings("NullAway") // passes null on purpose: values from outside may be missing
  void licensePlate_null_isRefused() {
    assertInvalid("plate", "required", () -> new LicensePlate(null));
  }

  @Test
  @SuppressWarnings("NullAway") // passes null on purpose: values from outside may be missing
  void userId_acceptsItsAlphabet_andRefusesTheRest() {
    assertEquals("alice.b_c@x-y", new UserId("alice.b_c@x-y").value());
    assertEquals("a".repeat(64), new UserId("a".repeat(64)).value());
    assertInvalid("userId", "1 to 64", () -> new UserId("a".repeat(65)));
    assertInvalid("userId", "1 to 64", () -> new UserId(""));
    assertInvalid("userId", "U+0020", () -> new UserId("al ice"));
    assertInvalid("userId", "U+000A", () -> new UserId("al\nice"));
    assertInvalid("userId", "required", () -> new UserId(null));
  }

  @Test
  void spotId_acceptsItsAlphabet_andOrdersAsWritten() {
    assertEquals("L1-001_a.b", new SpotId("L1-001_a.b").value());
    assertInvalid("spotId", "1 to 32", () -> new SpotId("x".repeat(33)));
    assertInvalid("spotId", "'@'", () -> new SpotId("a@b"));
    assertTrue(new SpotId("L1-001").compareTo(new SpotId("L1-002")) < 0);
  }

  @Test
  void sessionId_acceptsUuids_andRefusesPathTricks() {
    String uuid = "0f8c2d6e-1c1b-4f0e-9d7a-2b8c5e6f7a8b";
    assertEquals(uuid, new SessionId(uuid).value());
    assertInvalid("sessionId", "'/'", () -> new SessionId("../x/y"));
    assertInvalid("sessionId", "1 to 64", () -> new SessionId("s".repeat(65)));
  }

  @Test
  void valueTypes_printAsTheirValue() {
    Function<Object, String> print = String::valueOf;
    assertEquals("alice", print.apply(new UserId("alice")));
    assertEquals("AB1", print.apply(new LicensePlate("ab1")));
    assertEquals("L1-001", print.apply(new SpotId("L1-001")));
    assertEquals("s-1", print.apply(new SessionId("s-1")));
  }
}
