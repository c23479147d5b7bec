package dev.parkade.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class IdempotencyKeyTest {

  @ParameterizedTest
  @ValueSource(strings = {"a", "8e03978e-40d5-43e8-bc93-6894a57f9324", "!~\"{}", "K"})
  void visibleAscii_isAKey_takenVerbatim(String value) {
    assertEquals(value, new IdempotencyKey(value).value());
  }

  @Test
  void theLongestKey_is255Characters() {
    String longest = "k".repeat(IdempotencyKey.MAX_LENGTH);
    assertEquals(longest, new IdempotencyKey(longest).value());
    InvalidValueException refused =
        assertThrows(InvalidValueException.class, () -> new IdempotencyKey(longest + "k"));
    assertEquals(
        "Idempotency-Key: must be 1 to 255 characters long, was 256", refused.getMessage());
  }

  @Test
  void anEmptyKey_isRefused_namingTheHeader() {
    InvalidValueException refused =
        assertThrows(InvalidValueException.class, () -> new IdempotencyKey(""));
    assertEquals("Idempotency-Key", refused.field());
  }

  @ParameterizedTest
  @ValueSource(strings = {"a b", "tab\there", "caf\u00e9", "del\u007f"})
  void whitespaceControlsAndNonAscii_areRefused_namingWhereTheyAre(String value) {
    InvalidValueException refused =
        assertThrows(InvalidValueException.class, () -> new IdempotencyKey(value));
    assertEquals("Idempotency-Key", refused.field());
    assertEquals(true, refused.problem().startsWith("may only contain visible ASCII"));
  }

  @Test
  void fingerprint_tellsMethodPathAndBodyApart_andIsStable() {
    byte[] body = "{\"plate\":\"AB-123\"}".getBytes(StandardCharsets.UTF_8);
    Fingerprint start = Fingerprint.of("POST", "/api/v1/sessions", body);

    assertEquals(start, Fingerprint.of("POST", "/api/v1/sessions", body.clone()));
    assertEquals(Fingerprint.LENGTH, start.hex().length());
    assertNotEquals(start, Fingerprint.of("DELETE", "/api/v1/sessions", body));
    assertNotEquals(start, Fingerprint.of("POST", "/api/v1/spots", body));
    assertNotEquals(start, Fingerprint.of("POST", "/api/v1/sessions", new byte[0]));
    // the separator keeps a path and a body from trading bytes
    assertNotEquals(
        Fingerprint.of("POST", "/a", "b".getBytes(StandardCharsets.UTF_8)),
        Fingerprint.of("POST", "/a\nb", new byte[0]));
  }

  @Test
  void newDigests_areSha256_andShareNoState() {
    MessageDigest first = Sha256.newDigest();
    MessageDigest second = Sha256.newDigest();
    first.update("abc".getBytes(StandardCharsets.UTF_8));

    // the other digest saw none of that: the SHA-256 of nothing
    assertEquals(
        "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
        HexFormat.of().formatHex(second.digest()));
    assertEquals(
        "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad",
        HexFormat.of().formatHex(first.digest()));
  }
}
