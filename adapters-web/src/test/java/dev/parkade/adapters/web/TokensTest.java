package dev.parkade.adapters.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.parkade.application.Caller;
import dev.parkade.application.MutableClock;
import dev.parkade.domain.UserId;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** What remembering verified tokens must never change: who is let in. */
class TokensTest {
  private static final Instant NOW = Instant.parse("2026-11-24T10:00:00Z");

  private final MutableClock clock = new MutableClock(NOW);
  private final Tokens tokens = new Tokens(RunningApi.SECRET, clock);

  @Test
  void aTokenVerifiedBefore_isTheSameCallerAgain() {
    String token = tokens.issue(new UserId("alice"), true, Duration.ofMinutes(10));

    Caller first = tokens.verify(token);

    assertEquals(new Caller(new UserId("alice"), true), first);
    assertEquals(first, tokens.verify(token));
  }

  @Test
  void aRememberedToken_isRefusedOnceExpired() {
    String token = tokens.issue(new UserId("alice"), false, Duration.ofMinutes(10));
    tokens.verify(token);

    clock.set(NOW.plus(Duration.ofMinutes(10)));

    assertThrows(Tokens.Unauthenticated.class, () -> tokens.verify(token));
  }

  @Test
  void aTokenSeenFirstAfterItsExpiry_isRefused_withoutAMinuteOfGrace() {
    String token = tokens.issue(new UserId("alice"), false, Duration.ofMinutes(10));

    clock.set(NOW.plus(Duration.ofMinutes(10)).plusSeconds(1));

    assertThrows(Tokens.Unauthenticated.class, () -> tokens.verify(token));
  }

  @Test
  void aTamperedCopyOfARememberedToken_isRefused() {
    String token = tokens.issue(new UserId("alice"), false, Duration.ofMinutes(10));
    tokens.verify(token);
    // A character inside the signature (the last one carries unused bits).
    int at = token.length() - 10;
    char swapped = token.charAt(at) == 'A' ? 'B' : 'A';
    String tampered = token.substring(0, at) + swapped + token.substring(at + 1);

    assertThrows(Tokens.Unauthenticated.class, () -> tokens.verify(tampered));
  }

  @Test
  void manyDistinctTokens_areAllStillVerified() {
    for (int i = 0; i < 10_050; i++) {
      String token = tokens.issue(new UserId("driver-" + i), false, Duration.ofMinutes(10));
      assertEquals(new UserId("driver-" + i), tokens.verify(token).user());
    }
  }
}
